import { InvalidArgumentError, Option, type Command } from 'commander';
import { ID_TEXT } from '../platform/http/query.js';
import { addApiOptions, apiTarget, callApi } from './api-client.js';
import { formatTable, printJson } from './output.js';
import { withSpinner } from './terminal.js';

/**
 * Options of the commands that read the exchange (and --limit of investigate-failures and logs): ids,
 * whole-number counts, and newest-first lists paged with --before.
 */

/** What the list endpoints allow per page. */
const MAX_LIMIT = 1000;

/** A parser for a whole number from 1 to `max` (commander's usage error otherwise). */
export function wholeNumberOf(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}.`);
    return n;
  };
}

/** --limit <n>: a whole number from 1 to `max` (what the list endpoints allow by default), checked before anything is called. */
export function limitOption(description: string, fallback: number, max = MAX_LIMIT): Option {
  return new Option('--limit <n>', `${description} (1-${max})`).default(fallback).argParser(wholeNumberOf(max));
}

/** A parser for an order or trade id given on the command line (commander's usage error otherwise). */
export function idOf(kind: 'order' | 'trade'): (value: string) => string {
  return (value) => {
    if (!ID_TEXT.test(value)) throw new InvalidArgumentError(`expected ${kind === 'order' ? 'an' : 'a'} ${kind} id: a positive whole number.`);
    return value;
  };
}

/**
 * A newest-first list command of the exchange, `tradewatch <noun>` (GET /api/v1/<noun>): the given
 * filter options, --limit, --before <id> for the next page, and a table (or --json) of one page.
 * The table ends by naming where the next page starts (on stderr, so piping the table stays clean).
 */
export function addListCommand<T>(program: Command, spec: {
  noun: 'orders' | 'trades';
  /** What the command shows, for --help (after "<noun> on the exchange, newest first"). */
  shows: string;
  /** Filters, each passed on as the query parameter of the option's name. */
  filters: Option[];
  headers: string[];
  row(item: T): string[];
}): Command {
  const one = spec.noun === 'orders' ? 'order' : 'trade';
  const cmd = addApiOptions(program.command(spec.noun))
    .summary(`${spec.noun} on the exchange, newest first (viewer key)`)
    .description(`${spec.noun} on the exchange, newest first (GET /api/v1/${spec.noun}): ${spec.shows}. Needs a viewer key`);
  for (const option of spec.filters) cmd.addOption(option);
  return cmd
    .addOption(limitOption(`at most this many ${spec.noun}`, 50))
    .option(`--before <${one}-id>`, `only ${spec.noun} older than this one: the next page (the previous page ends by naming it)`, idOf(one))
    .action(async (opts: Record<string, unknown>) => {
      const query = new URLSearchParams({ limit: String(opts.limit) });
      for (const key of [...spec.filters.map((o) => o.attributeName()), 'before']) if (typeof opts[key] === 'string') query.set(key, opts[key]);
      const answer = await withSpinner(`fetching ${spec.noun}`, () => callApi<Record<string, unknown>>(apiTarget(opts), 'GET', `/api/v1/${spec.noun}?${query}`));
      if (opts.json) return printJson(answer);
      // Each list answers its rows under the noun, and the id the next (older) page starts before.
      const rows = answer[spec.noun] as T[];
      if (rows.length === 0) return void process.stdout.write(`no ${spec.noun} match\n`);
      process.stdout.write(`${formatTable(spec.headers, rows.map(spec.row))}\n`);
      if (typeof answer.next_before === 'string') process.stderr.write(`older ${spec.noun}: add --before ${answer.next_before}\n`);
    });
}
