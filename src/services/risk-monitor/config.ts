import { z } from 'zod';
import type { TradingInstrument } from '../../contracts/trading.js';
import { DEFAULT_RISK_LIMITS, RiskEngine } from './core/index.js';
import { limitsFromDollars } from './limits-units.js';

const nonNegative = z.number().min(0);

/**
 * Risk limits as operators write them (money in dollars). Every field is optional: what is not set
 * keeps the built-in default. Per-symbol maps are in lots.
 */
export const riskLimitsPatchSchema = z.strictObject({
  maxOrderQtyLots: z.record(z.string(), z.number().int().positive()).optional(),
  maxOrderNotional: nonNegative.optional(),
  maxOpenOrders: z.number().int().min(0).optional(),
  maxPositionLots: z.record(z.string(), z.number().int().positive()).optional(),
  maxGrossExposure: nonNegative.optional(),
  maxNetExposure: nonNegative.optional(),
  maxOrdersPerSecond: z.number().positive().optional(),
  throttleKillAfter: z.number().int().positive().optional(),
  dailyLossLimit: nonNegative.optional(),
  priceCollarBps: z.number().int().min(0).max(10_000).optional(),
  staleReferenceMs: z.number().int().positive().optional(),
});

/** The `riskMonitor` section of the configuration. */
export const riskMonitorConfigSchema = z.strictObject({
  /** Defaults for every strategy. */
  limits: riskLimitsPatchSchema.default({}),
  /** Per-strategy overrides, by strategy name. */
  strategyLimits: z.record(z.string(), riskLimitsPatchSchema).default({}),
  /** How often post-trade limits are evaluated and halts refreshed. */
  evaluateIntervalMs: z.number().int().min(100).max(60_000).default(1000),
});

export type RiskMonitorConfig = z.output<typeof riskMonitorConfigSchema>;

/** A risk engine with the configured default and per-strategy limits. */
export function riskEngineOf(cfg: RiskMonitorConfig, instruments: ReadonlyMap<string, TradingInstrument>): RiskEngine {
  const engine = new RiskEngine(instruments, { ...DEFAULT_RISK_LIMITS, ...limitsFromDollars(cfg.limits) });
  for (const [strategy, patch] of Object.entries(cfg.strategyLimits)) engine.setLimits(strategy, limitsFromDollars(patch));
  return engine;
}
