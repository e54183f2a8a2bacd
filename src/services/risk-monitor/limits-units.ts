import { MICROS } from '../../contracts/trading.js';
import type { RiskLimits } from './core/index.js';

/** Limit fields that are money: dollars at the edge (API, config), dollar micros in the core. */
const MONEY_FIELDS = ['maxOrderNotional', 'maxGrossExposure', 'maxNetExposure', 'dailyLossLimit'] as const;

/** Limits as operators read and write them: money in dollars, the rest as in the core. */
export type LimitsInDollars = Omit<RiskLimits, (typeof MONEY_FIELDS)[number]> & Record<(typeof MONEY_FIELDS)[number], number>;

export function limitsToDollars(limits: RiskLimits): LimitsInDollars {
  const out: Record<string, unknown> = { ...limits };
  for (const f of MONEY_FIELDS) out[f] = limits[f] / MICROS;
  return out as LimitsInDollars;
}

export function limitsFromDollars(patch: Partial<LimitsInDollars>): Partial<RiskLimits> {
  const out: Record<string, unknown> = { ...patch };
  for (const f of MONEY_FIELDS) if (patch[f] !== undefined) out[f] = Math.round(patch[f] * MICROS);
  return out as Partial<RiskLimits>;
}
