import { z } from 'zod';

/**
 * The classic chaos mode: while it is on, order processing is slower and sometimes fails, and
 * more settlements fail. The chaos module owns the switch (a flag file and the API) and
 * broadcasts it with the effects; the exchange and the custodian apply what they hear.
 */
export const chaosEffectsSchema = z.strictObject({
  /** Share of order commands that fail with CHAOS_ORDER_FAULT. */
  orderErrorRate: z.number().min(0).max(1).default(0.1),
  /** Extra delay before each order command is processed, drawn uniformly from [min, max] ms. */
  orderDelayMs: z.strictObject({ min: z.number().int().min(0).default(50), max: z.number().int().min(0).default(300) })
    .refine((d) => d.max >= d.min, { message: 'max must be >= min' }).default({ min: 50, max: 300 }),
  /** Extra share of settlement attempts that fail with CHAOS_SETTLEMENT_FAULT. */
  settlementFailureRate: z.number().min(0).max(1).default(0.3),
});

export type ChaosEffects = z.infer<typeof chaosEffectsSchema>;

export interface ChaosMode {
  enabled: boolean;
  /** When it was last switched (ms since epoch), null if never since the module started. */
  sinceMs: number | null;
  /** What switched it: the flag file appearing or going, or the API. */
  source: 'flag-file' | 'api' | 'start';
  flagFile: string;
  effects: ChaosEffects;
}

/** Failures chaos mode causes; investigate-failures groups them under these codes. */
export const CHAOS_CODES = {
  CHAOS_ORDER_FAULT: 'Chaos mode is on: an order command failed on purpose (an injected fault), before reaching the book.',
  CHAOS_SETTLEMENT_FAULT: 'Chaos mode is on: a settlement attempt failed on purpose (an injected fault).',
} as const;

export interface OrderFault {
  delayMs: number;
  fail: boolean;
}

/** The fault for one order command under `effects`, from two draws of a seeded random source. */
export function drawOrderFault(effects: ChaosEffects, random: () => number): OrderFault {
  const { min, max } = effects.orderDelayMs;
  const delayMs = min + Math.floor(random() * (max - min + 1));
  return { delayMs, fail: random() < effects.orderErrorRate };
}
