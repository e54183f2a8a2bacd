import type { RiskLimits } from './limits.js';
import type { StrategyState } from './strategy-state.js';
import type { RiskEvent } from './types.js';

/** The limits evaluate() watches, as named in events and metrics. */
export const LIMIT_NAMES = ['position', 'gross_exposure', 'net_exposure', 'open_orders', 'daily_loss'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

const UNITS: Record<LimitName, string> = { position: 'lots', gross_exposure: 'micros', net_exposure: 'micros', open_orders: 'orders', daily_loss: 'micros' };
export const WARNING_PCT = 80;
export const CRITICAL_PCT = 100;

/** How much of one limit is in use. */
export interface Usage {
  pct: number;
  used: number;
  limit: number;
}

/** used / limit in percent; any use of a zero limit counts as 100 %. */
function usage(used: number, limit: number): Usage {
  const pct = limit > 0 ? (used * 100) / limit : used > 0 ? 100 : 0;
  return { pct, used, limit };
}

/** Current (not projected) use of each limit; position is the symbol closest to its limit. */
export function usageOf(state: StrategyState, limits: RiskLimits, marks: ReadonlyMap<string, number>, dailyPnl: number): Record<LimitName, Usage> {
  let position = usage(0, 0);
  for (const [symbol, max] of Object.entries(limits.maxPositionLots)) {
    const u = usage(Math.abs(state.positions.get(symbol).qty), max);
    if (u.pct > position.pct) position = u;
  }
  const { gross, net } = state.positions.exposure(marks);
  return {
    position,
    gross_exposure: usage(gross, limits.maxGrossExposure),
    net_exposure: usage(Math.abs(net), limits.maxNetExposure),
    open_orders: usage(state.openOrders.count, limits.maxOpenOrders),
    daily_loss: usage(Math.max(0, -dailyPnl), limits.dailyLossLimit),
  };
}

/** 0: below 80 %, 1: warning, 2: critical. */
type Level = 0 | 1 | 2;
const levelOf = (pct: number): Level => (pct >= CRITICAL_PCT ? 2 : pct >= WARNING_PCT ? 1 : 0);

/** Edge-triggered breach detection for one strategy: one event per crossing, not per evaluation. */
export class BreachLevels {
  private readonly levels = new Map<LimitName, Level>();

  /** The event this utilization causes: a breach when it climbs a level, a recovery below 80 %. */
  update(strategy: string, limit: LimitName, u: Usage, nowMs: number): RiskEvent | null {
    const before = this.levels.get(limit) ?? 0;
    const level = levelOf(u.pct);
    this.levels.set(limit, level);
    const utilizationPct = Math.round(u.pct * 100) / 100;
    const values = `${u.used} of ${u.limit} ${UNITS[limit]}`;
    if (level > before) {
      const severity = level === 2 ? 'critical' : 'warning';
      return { type: 'breach', strategy, limit, severity, utilizationPct, message: `${strategy}: ${limit} at ${Math.round(u.pct)}% of its limit (${values})`, timeMs: nowMs };
    }
    if (level === 0 && before > 0) {
      return { type: 'recovered', strategy, limit, severity: 'info', utilizationPct, message: `${strategy}: ${limit} back below ${WARNING_PCT}% (${values})`, timeMs: nowMs };
    }
    return null;
  }
}
