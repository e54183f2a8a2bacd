import { z } from 'zod';
import { instrumentSpecSchema } from '../../contracts/market-data.js';
import { DEFAULT_INSTRUMENTS } from './core/instruments.js';

const positive = z.number().positive();

/** Overrides of the price model's parameters (see core/price-model.ts for their meaning). */
const modelOverridesSchema = z.strictObject({
  tailDof: z.number().min(2.5).max(100).optional(),
  classLink: z.number().min(0).max(0.99).optional(),
  garch: z.strictObject({ alphaPerSecond: positive.optional(), halfLifeSec: positive.optional(), maxVarianceRatio: positive.optional() }).optional(),
  jumps: z.strictObject({ sizeSigmas: positive.optional(), volKick: z.number().min(0).optional() }).optional(),
  regime: z.strictObject({
    calmMeanMin: positive.optional(), stressedMeanMin: positive.optional(),
    stressedVolMultiplier: positive.optional(), stressedCorrelationBoost: z.number().min(0).max(1).optional(),
  }).optional(),
  peg: z.strictObject({ halfLifeSec: positive.optional(), deviationBps: positive.optional() }).optional(),
});

/** The `marketData` section of the configuration. */
export const marketDataConfigSchema = z.strictObject({
  /** Model time between two updates of every instrument: 50 ms is 20 updates a second each. */
  tickIntervalMs: z.number().int().min(10).max(60_000).default(50),
  /** Price levels per side in the L2 book. */
  depthLevels: z.number().int().min(1).max(50).default(10),
  instruments: z.array(instrumentSpecSchema.strict())
    .min(1, 'configure at least one instrument')
    .refine((list) => new Set(list.map((i) => i.symbol)).size === list.length, 'instrument symbols must be unique')
    .default(() => DEFAULT_INSTRUMENTS.map((i) => ({ ...i }))),
  model: modelOverridesSchema.default({}),
});

export type MarketDataConfig = z.output<typeof marketDataConfigSchema>;
