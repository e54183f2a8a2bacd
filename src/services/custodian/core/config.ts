import type { AssetClass } from '../../../contracts/market-data.js';
import { MICROS, QUOTE_ASSET } from '../../../contracts/trading.js';

/** How the custodian settles trades and how often settlement fails. */
export interface CustodyConfig {
  /** Settlement delay after the trade, per asset class: crypto and stablecoin T+0 with a
   *  confirmation delay (default 2_000 ms), equity T+1 (86_400_000 ms); T+2 allowed via config. */
  settleAfterMs: Record<AssetClass, number>;
  /** Probability that a settlement attempt fails, 0..1 (default 0.02). */
  failureRate: number;
  /** Attempts before a settlement fails for good (default 3). */
  maxAttempts: number;
  /** Wait between a failed attempt and the next one (default 30_000 ms). */
  retryDelayMs: number;
  /** Balances (asset -> micros) an account gets when first seen without openAccount. */
  defaultBalances: Record<string, number>;
  /** Finished (settled or failed) settlements kept in memory, most recent first (default 10_000). */
  retainFinished?: number;
}

const ONE_DAY_MS = 86_400_000;
const DEFAULT_RETAIN_FINISHED = 10_000;

/** T+0 (2 s to confirm) for crypto and stablecoins, T+1 for equities; new accounts get $1,000,000. */
export const DEFAULT_CUSTODY_CONFIG: CustodyConfig = Object.freeze({
  settleAfterMs: Object.freeze({ crypto: 2_000, stablecoin: 2_000, equity: ONE_DAY_MS }),
  failureRate: 0.02,
  maxAttempts: 3,
  retryDelayMs: 30_000,
  defaultBalances: Object.freeze({ [QUOTE_ASSET]: 1_000_000 * MICROS }),
  retainFinished: DEFAULT_RETAIN_FINISHED,
});

const ASSET_CLASSES: readonly AssetClass[] = ['crypto', 'stablecoin', 'equity'];

/** Throws a RangeError unless `rate` is a probability. */
export function checkFailureRate(rate: number): void {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`custody failureRate must be between 0 and 1, got ${rate}`);
}

/** Throws a RangeError unless every balance is a non-negative safe integer of a named asset. */
export function checkBalances(what: string, balances: Record<string, number>): void {
  for (const [asset, micros] of Object.entries(balances)) {
    if (asset === '') throw new RangeError(`${what}: asset names must not be empty`);
    if (!Number.isSafeInteger(micros) || micros < 0) throw new RangeError(`${what}: ${asset} must be a non-negative integer of micros, got ${micros}`);
  }
}

/** Checks a configuration and fills the optional fields; an invalid one is a programming error. */
export function resolveCustodyConfig(config: CustodyConfig): Required<CustodyConfig> {
  const nonNegativeInt = (name: string, v: number | undefined) => {
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw new RangeError(`custody config ${name} must be a non-negative integer, got ${v}`);
  };
  for (const assetClass of ASSET_CLASSES) nonNegativeInt(`settleAfterMs.${assetClass}`, config.settleAfterMs[assetClass]);
  checkFailureRate(config.failureRate);
  if (!Number.isSafeInteger(config.maxAttempts) || config.maxAttempts < 1) {
    throw new RangeError(`custody config maxAttempts must be a positive integer, got ${config.maxAttempts}`);
  }
  nonNegativeInt('retryDelayMs', config.retryDelayMs);
  const retainFinished = config.retainFinished ?? DEFAULT_RETAIN_FINISHED;
  nonNegativeInt('retainFinished', retainFinished);
  checkBalances('custody config defaultBalances', config.defaultBalances);
  return { ...config, settleAfterMs: { ...config.settleAfterMs }, defaultBalances: { ...config.defaultBalances }, retainFinished };
}
