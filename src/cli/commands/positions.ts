import type { Command } from 'commander';
import type { StrategyRisk } from '../../services/risk-monitor/core/snapshot.js';
import { addApiOptions, ApiError, apiTarget, callApi, type ApiTarget } from '../api-client.js';
import { dollars, dollarValue, fromUnits, isoTime, percent } from '../format.js';
import { formatTable, printJson } from '../output.js';
import { paint, withSpinner } from '../terminal.js';
import { assertKnownStrategy } from './kill-switch.js';

/** GET /api/v1/risk/positions: money in dollar micros, prices in ticks, quantities in lots. */
type RiskSnapshot = StrategyRisk & { strategy: string };
interface Increments { tick: string; lot: string }

const strategyOption = (cmd: Command) => cmd.option('--strategy <name>', 'only this strategy (names: GET /api/v1/strategies)');

/** The risk snapshot of every strategy (or one), and the tick and lot size of each symbol. */
async function load(cmd: Command, opts: Record<string, unknown>): Promise<{ strategies: RiskSnapshot[]; increments: Map<string, Increments> }> {
  const target = apiTarget(opts);
  const strategy = opts.strategy;
  const query = typeof strategy === 'string' ? `?${new URLSearchParams({ strategy })}` : '';
  // Outside the spinner: a usage error is printed at once.
  if (typeof strategy === 'string') await assertKnownStrategy(cmd, target, strategy);
  return withSpinner('fetching positions', async () => {
    const { strategies } = await callApi<{ strategies: RiskSnapshot[] }>(target, 'GET', `/api/v1/risk/positions${query}`);
    return { strategies, increments: await incrementsOf(target) };
  });
}

/** Tick and lot sizes from GET /api/v1/market; empty until market data has arrived (quantities then show in lots). */
async function incrementsOf(target: ApiTarget): Promise<Map<string, Increments>> {
  try {
    const { instruments } = await callApi<{ instruments: { symbol: string; tick_size: string; lot_size: string }[] }>(target, 'GET', '/api/v1/market');
    return new Map(instruments.map((i) => [i.symbol, { tick: i.tick_size, lot: i.lot_size }]));
  } catch (err) {
    if (err instanceof ApiError && err.status === 503) return new Map();
    throw err;
  }
}

/** The limit closest to its maximum: "63.0% gross_exposure" ("0.0%" when nothing is used). */
function topUtilization(u: StrategyRisk['utilization']): string {
  const top = Object.entries(u).reduce<{ limit: string; pct: number } | null>((best, [limit, pct]) => (pct > (best?.pct ?? 0) ? { limit, pct } : best), null);
  return top ? `${percent(top.pct)} ${top.limit}` : percent(0);
}

function killSwitchText(k: StrategyRisk['killSwitch']): string {
  if (!k.engaged) return 'off';
  return `${paint('ENGAGED', 'red')} (${k.scope}${k.reason ? `: ${k.reason}` : ''})`;
}

/** The positions view in dollars and decimal quantities: what the table shows, and --json prints. */
function positionsView(strategies: RiskSnapshot[], increments: Map<string, Increments>) {
  return strategies.map((s) => ({
    strategy: s.strategy,
    kill_switch: { engaged: s.killSwitch.engaged, scope: s.killSwitch.scope, reason: s.killSwitch.reason, since: s.killSwitch.sinceMs === null ? null : isoTime(s.killSwitch.sinceMs) },
    utilization_pct: s.utilization,
    open_orders: s.openOrders.length,
    positions: s.positions.map((p) => {
      const inc = increments.get(p.symbol);
      return {
        symbol: p.symbol,
        quantity: inc ? fromUnits(p.qty, inc.lot) : null,
        quantity_lots: p.qty,
        avg_price: inc && p.qty !== 0 ? fromUnits(p.avgPrice, inc.tick, 2) : null,
        unrealized_usd: dollarValue(p.unrealized),
        realized_usd: dollarValue(p.realized),
      };
    }),
  }));
}

/** The P&L view per strategy and in total, in dollars. */
function pnlView(strategies: RiskSnapshot[]) {
  const rows = strategies.map((s) => ({ strategy: s.strategy, realized: s.realized, unrealized: s.unrealized, total: s.realized + s.unrealized, daily: s.dailyPnl }));
  const sum = (k: 'realized' | 'unrealized' | 'total' | 'daily') => rows.reduce((acc, r) => acc + r[k], 0);
  return { rows, total: { realized: sum('realized'), unrealized: sum('unrealized'), total: sum('total'), daily: sum('daily') } };
}

export function registerPositions(program: Command): void {
  const cmd: Command = strategyOption(addApiOptions(program.command('positions')))
    .summary('positions per strategy and symbol, with limits and kill switches (viewer key)')
    .description('positions per strategy and symbol as the risk monitor sees them (GET /api/v1/risk/positions): quantity, '
      + 'average entry price, unrealized P&L in dollars, the limit closest to its maximum, and the kill switch. Needs a viewer key')
    .action(async (opts: Record<string, unknown>) => {
      const { strategies, increments } = await load(cmd, opts);
      const view = positionsView(strategies, increments);
      if (opts.json) return printJson({ strategies: view });
      if (strategies.length === 0) return void process.stdout.write('no strategies known to the risk monitor yet\n');
      const rows = strategies.flatMap((s, i) => {
        const shared = [topUtilization(s.utilization), killSwitchText(s.killSwitch)];
        const positions = view[i]!.positions;
        if (positions.length === 0) return [[s.strategy, '-', '0', '-', dollars(0), ...shared]];
        return positions.map((p, j) => [s.strategy, p.symbol, p.quantity ?? `${p.quantity_lots} lots`, p.avg_price ?? '-', dollars(s.positions[j]!.unrealized), ...shared]);
      });
      process.stdout.write(`${formatTable(['STRATEGY', 'SYMBOL', 'POSITION', 'AVG PRICE', 'UNREALIZED P&L', 'UTILIZATION', 'KILL SWITCH'], rows)}\n`);
    });
}

export function registerPnl(program: Command): void {
  const cmd: Command = strategyOption(addApiOptions(program.command('pnl')))
    .summary('profit and loss per strategy, and the total (viewer key)')
    .description('profit and loss per strategy in dollars (GET /api/v1/risk/positions): realized, unrealized at the latest marks, '
      + 'total, and today\'s P&L (the daily loss limit counts it), with a TOTAL line across strategies. Needs a viewer key')
    .action(async (opts: Record<string, unknown>) => {
      const { rows, total } = pnlView((await load(cmd, opts)).strategies);
      const usd = (r: typeof total) => ({ realized: dollarValue(r.realized), unrealized: dollarValue(r.unrealized), total: dollarValue(r.total), daily: dollarValue(r.daily) });
      if (opts.json) return printJson({ currency: 'USD', strategies: rows.map((r) => ({ strategy: r.strategy, ...usd(r) })), total: usd(total) });
      const line = (name: string, r: typeof total) => [name, dollars(r.realized), dollars(r.unrealized), dollars(r.total), dollars(r.daily)];
      process.stdout.write(`${formatTable(['STRATEGY', 'REALIZED', 'UNREALIZED', 'TOTAL', 'DAILY'], [...rows.map((r) => line(r.strategy, r)), line('TOTAL', total)])}\n`);
    });
}
