import { Argument, type Command } from 'commander';
import type { ChaosMode } from '../../contracts/chaos.js';
import { addApiOptions, apiTarget, callApi } from '../api-client.js';
import { printJson } from '../output.js';
import { paint } from '../terminal.js';

function render(mode: ChaosMode): string {
  const e = mode.effects;
  const since = mode.sinceMs === null ? '' : ` since ${new Date(mode.sinceMs).toISOString()} (${mode.source})`;
  return [
    `chaos mode: ${mode.enabled ? paint('ON', 'red') : paint('OFF', 'green')}${since}`,
    `flag file: ${mode.flagFile} (touch it to turn chaos on, remove it to turn it off)`,
    `while on: ${Math.round(e.orderErrorRate * 100)}% of orders fail (CHAOS_ORDER_FAULT), orders wait ${e.orderDelayMs.min}-${e.orderDelayMs.max} ms, `
      + `+${Math.round(e.settlementFailureRate * 100)}% settlement failures (CHAOS_SETTLEMENT_FAULT)`,
  ].join('\n') + '\n';
}

export function registerChaos(program: Command): void {
  addApiOptions(program.command('chaos'))
    .summary('classic chaos mode on, off or status (flag file chaos.flag)')
    .description('the classic chaos mode: on raises the error rate and latency of order processing and the settlement failure rate; '
      + 'off ends it; status shows it. Switched by the flag file chaos.flag in the data dir (touching or removing it works too). '
      + 'on/off need an operator key, status a viewer key')
    .addArgument(new Argument('<action>', 'on, off or status').choices(['on', 'off', 'status']))
    .action(async (action: 'on' | 'off' | 'status', opts: Record<string, unknown>) => {
      const target = apiTarget(opts);
      const mode = action === 'status'
        ? await callApi<ChaosMode>(target, 'GET', '/api/v1/chaos')
        : await callApi<ChaosMode>(target, 'POST', '/api/v1/chaos', { enabled: action === 'on' });
      if (opts.json) printJson(mode);
      else process.stdout.write(render(mode));
    });
}
