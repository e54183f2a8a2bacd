import { z } from 'zod';

/** The `strategyEngine` section of the configuration. */
export const strategyEngineConfigSchema = z.strictObject({
  /** false: the module runs but trades nothing (e.g. to have the books to yourself, or to benchmark order entry). */
  enabled: z.boolean().default(true),
  /**
   * Strategy instances ({ kind, name, symbols, ...parameters }, see README); empty = the default set
   * (a market maker per instrument, momentum, mean reversion, stablecoin peg arbitrage).
   */
  strategies: z.array(z.looseObject({ kind: z.string(), name: z.string() })).default([]),
  /** Marks for P&L and metrics are refreshed this often. */
  statusIntervalMs: z.number().int().min(100).max(60_000).default(1000),
});

export type StrategyEngineConfig = z.output<typeof strategyEngineConfigSchema>;
