import type { Command } from 'commander';
import { Option } from 'commander';
import { addApiOptions, apiTarget, callApi } from '../api-client.js';
import { limitOption } from '../exchange-options.js';
import { parseDuration } from '../duration.js';
import { formatTable, printJson } from '../output.js';
import { paint, withSpinner } from '../terminal.js';

interface Failure { service: string; code: string; message: string; time: string; runbook: string; ids: Record<string, unknown> }

interface Cause { service: string; code: string; count: number; meaning: string; runbook: string; latest: Failure }

/** Failures grouped by cause (service and code), the most frequent first, each with its newest example. */
export function groupByCause(failures: readonly Failure[], catalogue: Readonly<Record<string, string>>): Cause[] {
  const causes = new Map<string, Cause>();
  for (const f of failures) {
    const key = `${f.service}/${f.code}`;
    const c = causes.get(key);
    if (c) c.count++;
    else causes.set(key, { service: f.service, code: f.code, count: 1, meaning: catalogue[f.code] ?? '', runbook: f.runbook, latest: f });
  }
  return [...causes.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

const idText = (ids: Record<string, unknown>) => Object.entries(ids).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k}=${String(v)}`).join(' ');

function render(failures: readonly Failure[], causes: readonly Cause[], unavailable: readonly string[]): string {
  if (failures.length === 0) return 'no failures found\n';
  const out = [
    `${failures.length} failure(s) by cause:`,
    formatTable(['COUNT', 'SERVICE', 'CODE', 'RUNBOOK'], causes.map((c) => [String(c.count), c.service, c.code, c.runbook])),
    '',
  ];
  for (const c of causes) {
    out.push(`${paint(c.code, 'yellow')} (${c.service}, ${c.count}): ${c.meaning}`, `  e.g. ${c.latest.time} ${c.latest.message}`, `  ${idText(c.latest.ids)}`, `  read ${c.runbook}`, '');
  }
  out.push(paint('failures, newest first:', 'dim'), formatTable(['TIME', 'SERVICE', 'CODE', 'MESSAGE'], failures.map((f) => [f.time, f.service, f.code, f.message])));
  if (unavailable.length) out.push('', paint(`not answering: ${unavailable.join('; ')}`, 'yellow'));
  return `${out.join('\n')}\n`;
}

export function registerInvestigateFailures(program: Command): void {
  addApiOptions(program.command('investigate-failures').alias('investigate_failures'))
    .summary('the latest failures grouped by cause, with the runbook to read (viewer key)')
    .description('the latest failures across services (risk rejections, book rejections, refused orders, settlement failures), grouped by cause with counts, an example each and the runbook to read (viewer key)')
    .addOption(limitOption('how many of the latest failures', 20))
    .addOption(new Option('--service <name>', 'only this service').choices(['exchange', 'risk-monitor', 'custodian']))
    .option('--since <duration>', 'only the last 15m, 1h, 1d ...')
    .action(async (opts: Record<string, unknown>) => {
      const since = typeof opts.since === 'string' ? Date.now() - parseDuration('--since', opts.since) : undefined;
      const target = apiTarget(opts);
      const query = new URLSearchParams({ limit: String(opts.limit), ...(opts.service ? { service: String(opts.service) } : {}), ...(since === undefined ? {} : { since: String(since) }) });
      const [{ failures, unavailable = [] }, { codes }] = await withSpinner('collecting failures', () => Promise.all([
        callApi<{ failures: Failure[]; unavailable?: string[] }>(target, 'GET', `/api/v1/failures?${query}`),
        callApi<{ codes: Record<string, string> }>(target, 'GET', '/api/v1/error-codes'),
      ]));
      const causes = groupByCause(failures, codes);
      if (opts.json) printJson({ failures, causes: causes.map(({ latest, ...c }) => ({ ...c, example: latest })), ...(unavailable.length ? { unavailable } : {}) });
      else process.stdout.write(render(failures, causes, unavailable));
    });
}
