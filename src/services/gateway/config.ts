import { z } from 'zod';

const perSecond = z.number().positive().max(1_000_000);

/** The `gateway` section of the configuration. */
export const gatewayConfigSchema = z.strictObject({
  /** Requests (and WebSocket orders) per second per API key, by role; a key may carry its own. */
  rateLimits: z.strictObject({
    viewer: perSecond.default(20),
    trader: perSecond.default(100),
    operator: perSecond.default(20),
    admin: perSecond.default(50),
  }).default({ viewer: 20, trader: 100, operator: 20, admin: 50 }),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
