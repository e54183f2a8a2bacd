import { z } from 'zod';
import { chaosEffectsSchema } from '../../contracts/chaos.js';

/** The `chaos` section: how the classic chaos mode is switched and what it does while on. */
export const chaosConfigSchema = z.strictObject({
  /** How often the flag file <dataDir>/chaos.flag is looked for. */
  flagPollMs: z.number().int().min(100).max(60_000).default(1000),
  /** How often the mode is re-broadcast, so services that start later pick it up. */
  announceMs: z.number().int().min(500).max(60_000).default(2000),
  effects: chaosEffectsSchema.default(chaosEffectsSchema.parse({})),
});

export type ChaosConfig = z.output<typeof chaosConfigSchema>;
