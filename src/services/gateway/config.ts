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
  /**
   * Flow control per /ws/orders connection: reading stops while this many of its orders are in
   * flight, or while this many bytes of answers wait unsent, and starts again below both.
   */
  orderEntry: z.strictObject({
    maxInFlight: z.number().int().min(1).max(1_000_000).default(4096),
    maxUnsentBytes: z.number().int().min(1024).max(1024 ** 3).default(4 * 1024 * 1024),
  }).default({ maxInFlight: 4096, maxUnsentBytes: 4 * 1024 * 1024 }),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;
