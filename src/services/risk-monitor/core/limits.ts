import { MICROS } from '../../../contracts/trading.js';

/** Risk limits of one strategy. Money in dollar micros, sizes in lots. */
export interface RiskLimits {
  /** Per symbol; a symbol not listed has no quantity limit. */
  maxOrderQtyLots: Record<string, number>;
  maxOrderNotional: number;
  /** Resting orders per strategy. */
  maxOpenOrders: number;
  /** |position| per symbol, projected with same-direction open orders and the order; not listed: no limit. */
  maxPositionLots: Record<string, number>;
  /** Sum of |position| x mark, projected. */
  maxGrossExposure: number;
  /** |sum of position x mark|, projected. */
  maxNetExposure: number;
  /** Token bucket: refill per second, and the burst (at least one order). */
  maxOrdersPerSecond: number;
  /** A strategy throttled more than this many times within 10 s is a runaway: its kill switch engages. */
  throttleKillAfter: number;
  /** Positive: the loss since the start of the UTC day that engages the strategy's kill switch. */
  dailyLossLimit: number;
  /** A limit price must be within this many basis points of the reference. */
  priceCollarBps: number;
  /** A reference price older than this (ms) is stale. */
  staleReferenceMs: number;
}

/** Sensible for strategies trading ~$1k-$10k orders. */
export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze({
  maxOrderQtyLots: Object.freeze({}),
  maxOrderNotional: 50_000 * MICROS,
  maxOpenOrders: 20,
  maxPositionLots: Object.freeze({}),
  maxGrossExposure: 500_000 * MICROS,
  maxNetExposure: 250_000 * MICROS,
  maxOrdersPerSecond: 20,
  throttleKillAfter: 50,
  dailyLossLimit: 25_000 * MICROS,
  priceCollarBps: 500,
  staleReferenceMs: 5_000,
});

type Rule = { valid: (v: number) => boolean; expected: string };
const wholeAtLeast = (min: number): Rule => ({ valid: (v) => Number.isSafeInteger(v) && v >= min, expected: `a whole number >= ${min}` });
const LOTS = wholeAtLeast(1);

/** Every scalar field and what it accepts; the per-symbol maps take positive whole lots. */
const SCALAR_RULES: Record<Exclude<keyof RiskLimits, PerSymbolField>, Rule> = {
  maxOrderNotional: wholeAtLeast(0),
  maxOpenOrders: wholeAtLeast(0),
  maxGrossExposure: wholeAtLeast(0),
  maxNetExposure: wholeAtLeast(0),
  maxOrdersPerSecond: { valid: (v) => Number.isFinite(v) && v > 0, expected: 'a number > 0' },
  throttleKillAfter: wholeAtLeast(1),
  dailyLossLimit: wholeAtLeast(1),
  priceCollarBps: { valid: (v) => Number.isSafeInteger(v) && v >= 0 && v <= 10_000, expected: 'a whole number from 0 to 10000' },
  staleReferenceMs: wholeAtLeast(1),
};
type PerSymbolField = 'maxOrderQtyLots' | 'maxPositionLots';
const PER_SYMBOL_FIELDS: readonly string[] = ['maxOrderQtyLots', 'maxPositionLots'] satisfies PerSymbolField[];
const FIELDS = [...PER_SYMBOL_FIELDS, ...Object.keys(SCALAR_RULES)];

function checkField(field: string, value: unknown): void {
  if (PER_SYMBOL_FIELDS.includes(field)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RangeError(`risk limit ${field} must be an object of symbol -> lots`);
    for (const [symbol, lots] of Object.entries(value)) {
      if (typeof lots !== 'number' || !LOTS.valid(lots)) throw new RangeError(`risk limit ${field}.${symbol} must be ${LOTS.expected}, got ${String(lots)}`);
    }
    return;
  }
  const rule = SCALAR_RULES[field as keyof typeof SCALAR_RULES];
  if (typeof value !== 'number' || !rule.valid(value)) throw new RangeError(`risk limit ${field} must be ${rule.expected}, got ${String(value)}`);
}

/**
 * Validates a patch (RangeError naming the field; unknown fields are refused rather than ignored)
 * and returns its defined fields, copied. A per-symbol field replaces the whole map.
 */
export function validLimitsPatch(patch: Partial<RiskLimits>): Partial<RiskLimits> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (!FIELDS.includes(field)) throw new RangeError(`unknown risk limit ${field}; known: ${FIELDS.join(', ')}`);
    if (value === undefined) continue;
    checkField(field, value);
    out[field] = typeof value === 'object' ? { ...value } : value;
  }
  return out as Partial<RiskLimits>;
}

/** Validates a complete set of limits (RangeError naming the first bad or missing field); returns a copy. */
export function validLimits(limits: RiskLimits): RiskLimits {
  for (const field of FIELDS) {
    if ((limits as unknown as Record<string, unknown>)[field] === undefined) throw new RangeError(`risk limit ${field} is missing`);
  }
  return validLimitsPatch(limits) as RiskLimits;
}

/** A copy the caller may change without touching the engine's limits. */
export function copyLimits(limits: RiskLimits): RiskLimits {
  return { ...limits, maxOrderQtyLots: { ...limits.maxOrderQtyLots }, maxPositionLots: { ...limits.maxPositionLots } };
}
