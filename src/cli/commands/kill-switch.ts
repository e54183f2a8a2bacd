import { Argument, type Command } from 'commander';
import { addApiOptions, apiTarget, callApi, type ApiTarget } from '../api-client.js';
import { EXIT } from '../exit-codes.js';
import { isoTime } from '../format.js';
import { formatTable, printJson } from '../output.js';
import { paint, withSpinner } from '../terminal.js';

/** POST /api/v1/risk/kill-switch answers every switch: the global one, then each strategy's ever set. */
interface KillSwitch { scope: string; engaged: boolean; reason: string | null; sinceMs: number | null }

/** The names of the house strategies; empty when the strategy engine does not answer (then any name is sent as is). */
async function knownStrategies(target: ApiTarget): Promise<string[]> {
  try {
    return (await callApi<{ strategies: { name: string }[] }>(target, 'GET', '/api/v1/strategies')).strategies.map((s) => s.name);
  } catch {
    return [];
  }
}

/**
 * A usage error (exit 2) naming the known strategies when `name` is not one of them: the risk
 * monitor takes any name, so a typo would otherwise switch nothing or show zeros.
 */
export async function assertKnownStrategy(cmd: Command, target: ApiTarget, name: string): Promise<void> {
  const known = await knownStrategies(target);
  if (known.length > 0 && !known.includes(name)) {
    cmd.error(`${cmd.name()}: unknown strategy "${name}"; known: ${known.join(', ')}`, { exitCode: EXIT.USAGE });
  }
}

export function registerKillSwitch(program: Command): void {
  const cmd = addApiOptions(program.command('kill-switch'))
    .summary('engage or release a kill switch: --strategy S or --all (operator key)')
    .description('engage (on) or release (off) a risk kill switch: while engaged the risk monitor rejects every new order of the strategy '
      + '(--strategy) or of all strategies (--all); cancels still pass. Prints the resulting kill switches. Needs an operator key')
    .addArgument(new Argument('<state>', 'on engages, off releases').choices(['on', 'off']))
    .option('--strategy <name>', 'the strategy (names: GET /api/v1/strategies, or "tradewatch positions")')
    .option('--all', 'the global switch, for every strategy')
    .option('--reason <text>', 'why: goes to the risk journal and the alert (default: operator)')
    .addHelpText('after', '\nExamples:\n  tradewatch kill-switch on --strategy mm-btc-usd --reason "runaway quoting"\n  tradewatch kill-switch off --all');
  cmd.action(async (state: 'on' | 'off', opts: Record<string, unknown>) => {
    const strategy = opts.strategy as string | undefined;
    if ((strategy === undefined) === (opts.all !== true)) {
      cmd.error(`kill-switch: give exactly one of --strategy <name> (one strategy) or --all (every strategy)${strategy !== undefined ? ', not both' : ''}`, { exitCode: EXIT.USAGE });
    }
    const target = apiTarget(opts);
    const engaged = state === 'on';
    if (strategy !== undefined) await assertKnownStrategy(cmd, target, strategy);
    const body = { ...(strategy !== undefined ? { strategy } : { all: true }), engaged, ...(typeof opts.reason === 'string' ? { reason: opts.reason } : {}) };
    const res = await withSpinner(`${engaged ? 'engaging' : 'releasing'} kill switch`,
      () => callApi<{ kill_switches: KillSwitch[] }>(target, 'POST', '/api/v1/risk/kill-switch', body));
    if (opts.json) return printJson(res);
    const scope = strategy ?? 'global';
    process.stdout.write(`kill switch ${scope}: ${engaged ? paint('ENGAGED', 'red') : paint('released', 'green')}\n\n`);
    process.stdout.write(`${formatTable(['SCOPE', 'STATE', 'SINCE', 'REASON'],
      res.kill_switches.map((k) => [k.scope, k.engaged ? 'ENGAGED' : 'off', isoTime(k.sinceMs), k.reason ?? '']))}\n`);
  });
}
