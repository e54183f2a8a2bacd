import { z } from 'zod';
import { MICROS } from '../../contracts/trading.js';
import type { CustodyConfig } from './core/index.js';

const ms = z.number().int().min(0);

/** The `custodian` section of the configuration. */
export const custodianConfigSchema = z.strictObject({
  /** Settlement delay per asset class: T+0 with a confirmation delay for crypto, T+1 (86400000) or T+2 for equities. */
  settleAfterMs: z.strictObject({ crypto: ms.default(2_000), stablecoin: ms.default(2_000), equity: ms.default(86_400_000) })
    .default({ crypto: 2_000, stablecoin: 2_000, equity: 86_400_000 }),
  /** Probability that one settlement attempt fails. */
  failureRate: z.number().min(0).max(1).default(0.02),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  retryDelayMs: ms.default(30_000),
  /** What a new account holds, in whole units per asset: every account starts funded (it is a simulation). */
  defaultBalances: z.record(z.string().regex(/^[A-Z0-9]+$/), z.number().min(0)).default({
    USD: 10_000_000, BTC: 50, ETH: 500, SOL: 10_000, USDC: 5_000_000, USDT: 5_000_000, AAPL: 20_000, MSFT: 10_000, SPY: 10_000,
  }),
  /** How often due settlements are attempted. */
  tickMs: z.number().int().min(10).max(60_000).default(250),
});

export type CustodianConfig = z.output<typeof custodianConfigSchema>;

/** The core's settings from the configuration (balances from whole units to micro-units). */
export function custodyConfigOf(cfg: CustodianConfig): CustodyConfig {
  return {
    settleAfterMs: cfg.settleAfterMs, failureRate: cfg.failureRate, maxAttempts: cfg.maxAttempts, retryDelayMs: cfg.retryDelayMs,
    defaultBalances: Object.fromEntries(Object.entries(cfg.defaultBalances).map(([asset, units]) => [asset, Math.round(units * MICROS)])),
  };
}
