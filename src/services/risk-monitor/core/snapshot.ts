import type { KillSwitchBoard } from './kill-switches.js';
import type { RiskLimits } from './limits.js';
import type { StrategyState } from './strategy-state.js';
import type { TrackedOrder } from './types.js';
import { LIMIT_NAMES, usageOf, type LimitName } from './utilization.js';

/** One position as risk sees it; money in dollar micros, prices in ticks. */
export interface PositionRisk {
  symbol: string;
  qty: number;
  avgPrice: number;
  realized: number;
  unrealized: number;
  /** null: no reference price yet (unrealized then counts as 0). */
  markTicks: number | null;
}

/** A strategy's risk at one moment. */
export interface StrategyRisk {
  positions: PositionRisk[];
  realized: number;
  unrealized: number;
  dailyPnl: number;
  /** Percent of each limit in use (100 = at the limit). */
  utilization: Record<LimitName, number>;
  /** Engaged when the global or the strategy's own switch is; scope says which (global first). */
  killSwitch: { engaged: boolean; scope: 'global' | 'strategy' | null; reason: string | null; sinceMs: number | null };
  openOrders: Omit<TrackedOrder, 'strategy'>[];
}

/** Builds a strategy's snapshot (rolls its P&L day to `nowMs`). */
export function strategyRisk(name: string, state: StrategyState, limits: RiskLimits, marks: ReadonlyMap<string, number>, kills: KillSwitchBoard, nowMs: number): StrategyRisk {
  const dailyPnl = state.dailyPnl(nowMs, marks);
  const usage = usageOf(state, limits, marks, dailyPnl);
  const utilization = Object.fromEntries(LIMIT_NAMES.map((l) => [l, Math.round(usage[l].pct * 100) / 100])) as Record<LimitName, number>;
  const positions = state.positions.all().map((p) => {
    const mark = marks.get(p.symbol);
    return { ...p, unrealized: mark === undefined ? 0 : state.positions.unrealized(p.symbol, mark), markTicks: mark ?? null };
  });
  const global = kills.get(null);
  const own = kills.get(name);
  const killSwitch = global.engaged ? { ...global, scope: 'global' as const } : own.engaged ? { ...own, scope: 'strategy' as const } : { ...own, scope: null };
  return {
    positions,
    realized: state.positions.realizedTotal(),
    unrealized: state.unrealized(marks),
    dailyPnl,
    utilization,
    killSwitch,
    openOrders: state.openOrders.list().map(({ strategy: _strategy, ...o }) => o),
  };
}
