import type { Command } from 'commander';
import { MICROS } from '../../contracts/trading.js';
import { addConfigOptions } from '../config-options.js';
import { parseDuration } from '../duration.js';
import { loadAppConfig } from '../load-app-config.js';
import { formatTable, printJson } from '../output.js';

const money = (micros: number) => (micros / MICROS).toFixed(2);

export function registerSimulate(program: Command): void {
  addConfigOptions(program.command('simulate'))
    .description('run the whole trading loop on a simulated clock, in memory, as fast as it goes: same config and seed, same trades (compare the trade hash)')
    .option('--duration <d>', 'market time to simulate (90s, 15m, 1h, 1d)', '1h')
    .option('--runaway <strategy>', 'multiply this strategy\'s order rate by 100 from the start (a runaway strategy)')
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, unknown>) => {
      const durationMs = parseDuration('--duration', String(opts.duration));
      const config = loadAppConfig({ ...opts, clock: 'sim' });
      const { TradingLoopSim } = await import('../../app/simulation/trading-loop-sim.js');
      const sim = new TradingLoopSim(config);
      if (typeof opts.runaway === 'string') sim.runner.setRateMultiplier(opts.runaway, 100);
      const tty = process.stderr.isTTY;
      const started = performance.now();
      sim.run(durationMs, (done) => {
        if (tty) process.stderr.write(`\rsimulating ${String(opts.duration)} of market time: ${Math.round(done * 100)}%`);
      });
      if (tty) process.stderr.write('\r\x1b[K');
      const t = sim.tally;
      const strategies = sim.runner.status(new Map()).map((s) => ({ name: s.name, kind: s.kind, fills: s.fills, orders_sent: s.ordersSent, rejects: s.rejects, realized_pnl: Number(money(s.realized)) }));
      const summary = {
        seed: config.seed, duration_ms: durationMs, wall_ms: Math.round(performance.now() - started),
        trades: t.trades, trade_hash: t.tradeHash, trades_by_symbol: t.tradesBySymbol, orders_accepted: t.ordersAccepted,
        rejections: t.rejections, settlements: t.settlements, risk_events: t.riskEvents, strategies,
      };
      if (opts.json) return printJson(summary);
      process.stdout.write(`seed ${summary.seed}, ${String(opts.duration)} simulated in ${summary.wall_ms} ms\n` +
        `trades ${t.trades} (hash ${t.tradeHash}), orders accepted ${t.ordersAccepted}\n` +
        `settlements: ${Object.entries(t.settlements).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `rejections: ${JSON.stringify(t.rejections)}\n\n` +
        `${formatTable(['STRATEGY', 'KIND', 'FILLS', 'SENT', 'REJECTS', 'REALIZED $'], strategies.map((s) => [s.name, s.kind, String(s.fills), String(s.orders_sent), String(s.rejects), s.realized_pnl.toFixed(2)]))}\n`);
    });
}
