import { z } from 'zod';
import type { InstrumentSpec } from '../../contracts/market-data.js';
import { DEFAULT_CLIENT_ORDER_ID_WINDOW_MS, STP_MODE_NAMES, type BookConfig, type ExchangeStateOptions } from './core/index.js';

/** Journal entries between snapshots unless configured otherwise: about an hour of the house strategies' trading. */
export const DEFAULT_SNAPSHOT_EVERY_ENTRIES = 100_000;

/** The `exchange` section of the configuration. */
export const exchangeConfigSchema = z.strictObject({
  /** Limit orders further than this from the reference price are rejected (basis points; 0 = off). */
  priceBandBps: z.number().int().min(0).max(10_000).default(1000),
  /** Moves of the last trade from the reference that halt trading: 7%, 13%, 20%. */
  circuitBreakerBps: z.array(z.number().int().positive()).default([700, 1300, 2000]),
  /** Halt length per breaker level in ms; 0 means until an operator resumes. */
  haltDurationsMs: z.array(z.number().int().min(0)).default([5 * 60_000, 15 * 60_000, 0]),
  selfTradePrevention: z.enum(STP_MODE_NAMES).default('cancel-newest'),
  /** How often the reference price follows the market-data mid. */
  referenceIntervalMs: z.number().int().min(1000).default(5 * 60_000),
  /**
   * Where the exchange runs: 'main', the main thread, with every other module of the process; or
   * 'worker', a worker thread of its own, so that matching, commits and the journal's SQLite work
   * do not share the main thread with the gateway's HTTP and WebSocket work. Needs the real clock.
   */
  thread: z.enum(['main', 'worker']).default('main'),
  /** Most journal entries in one group commit. */
  commitMaxBatch: z.number().int().min(1).max(100_000).default(2048),
  /**
   * Shortest time between two group commits (ms). Under a steady stream orders wait up to this
   * long to share a commit, which costs far less per order than many small ones (at 4,000
   * orders/s, a sixth less CPU per order for 2 ms); an order after a quiet spell commits at once.
   */
  commitIntervalMs: z.number().min(0).max(1000).default(2),
  /**
   * How long an account's client_order_id stays taken (ms): a reuse within it answers 409. Ids are
   * forgotten after at most twice this, so the exchange's memory follows its order rate.
   */
  clientOrderIdWindowMs: z.number().int().min(1000).default(DEFAULT_CLIENT_ORDER_ID_WINDOW_MS),
  /**
   * Most orders resting in one book; a full book refuses GTC orders (422 BOOK_FULL). A resting
   * order holds about 450 bytes of heap in the whole venue (exchange and custodian), so eight
   * full books take ~1.8 GB, well within Node's default heap limit on a machine with 16 GB or more.
   */
  maxRestingOrdersPerBook: z.number().int().min(1).default(500_000),
  /**
   * The most one order may be worth, in the quote currency (a fat-finger limit; 0 = none): its
   * limit price, or for a market order the reference price, times its quantity. A larger order,
   * or a replace that would make one, is refused (422 ORDER_TOO_LARGE).
   */
  maxOrderNotional: z.number().min(0).default(10_000_000),
  /**
   * Journal entries between snapshots of the exchange's state: a start restores the newest and
   * replays only the entries after it (a clean stop takes one too, so the next start replays none).
   * None is taken while more than 50,000 orders are live (see ExchangeService.snapshotIfDue).
   */
  snapshotEveryEntries: z.number().int().min(1).default(DEFAULT_SNAPSHOT_EVERY_ENTRIES),
});

export type ExchangeConfig = z.output<typeof exchangeConfigSchema>;

/** The books' settings from the configuration (a halt length of 0 means until resumed). */
export function bookConfigOf(cfg: ExchangeConfig): BookConfig {
  return {
    stpMode: cfg.selfTradePrevention, priceBandBps: cfg.priceBandBps, circuitBreakerBps: cfg.circuitBreakerBps,
    haltDurationsMs: cfg.haltDurationsMs.map((ms) => (ms === 0 ? Infinity : ms)),
  };
}

/** exchange.maxOrderNotional as each book counts it, in ticks × lots (none when it is 0). */
export function maxOrderValueOf(cfg: ExchangeConfig, instruments: readonly Pick<InstrumentSpec, 'symbol' | 'tickSize' | 'lotSize'>[]): ExchangeStateOptions['maxOrderValue'] {
  if (cfg.maxOrderNotional === 0) return undefined;
  return {
    notional: cfg.maxOrderNotional,
    ticksLots: new Map(instruments.map((i) => [i.symbol, cfg.maxOrderNotional / (Number(i.tickSize) * Number(i.lotSize))])),
  };
}
