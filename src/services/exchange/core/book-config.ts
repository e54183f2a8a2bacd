import { STP_MODE_NAMES, type StpMode, type StpModeName } from './codes.js';

export interface BookConfig {
  /** Price increment in ticks: limit prices must be a multiple of it. 1 accepts every tick. */
  tickSize?: number;
  /** Self-trade prevention between orders of the same (non-zero) account. Default cancel-newest. */
  stpMode?: StpModeName;
  /**
   * Price band around the reference price, in basis points (1000 = 10%): limit orders further
   * away are rejected. 0 disables the band. No band applies until a reference price is set.
   */
  priceBandBps?: number;
  /**
   * Circuit-breaker levels as moves of the last trade price from the reference price, in basis
   * points, ascending. A trade at or beyond a level's move halts the book; each level trips at
   * most once per reference price. Empty disables circuit breakers.
   */
  circuitBreakerBps?: readonly number[];
  /** Halt length per circuit-breaker level, in ms; Infinity halts until an explicit resume. */
  haltDurationsMs?: readonly number[];
  /** The widest price range (in ticks) the resting orders may span; wider orders are refused. */
  maxPriceSpanTicks?: number;
  /** Resting-order slots allocated up front (the store grows past it on demand). */
  initialOrderCapacity?: number;
}

export interface ResolvedBookConfig {
  tickSize: number;
  stpMode: StpMode;
  priceBandBps: number;
  circuitBreakerBps: readonly number[];
  haltDurationsMs: readonly number[];
  maxPriceSpanTicks: number;
  initialOrderCapacity: number;
}

const FIFTEEN_MINUTES_MS = 15 * 60_000;

/** 7%, 13% and 20%, as in equity market-wide circuit breakers; the last one halts until resumed. */
export const DEFAULT_BOOK_CONFIG: Readonly<Required<BookConfig>> = {
  tickSize: 1,
  stpMode: 'cancel-newest',
  priceBandBps: 0,
  circuitBreakerBps: [700, 1300, 2000],
  haltDurationsMs: [FIFTEEN_MINUTES_MS, FIFTEEN_MINUTES_MS, Infinity],
  maxPriceSpanTicks: 1 << 22,
  initialOrderCapacity: 1024,
};

/** Fills defaults and checks the configuration; an invalid configuration is a programming error. */
export function resolveBookConfig(config: BookConfig = {}): ResolvedBookConfig {
  const c = { ...DEFAULT_BOOK_CONFIG, ...config };
  const positiveInt = (name: string, v: number) => {
    if (!Number.isSafeInteger(v) || v < 1) throw new RangeError(`book config ${name} must be a positive integer, got ${v}`);
  };
  positiveInt('tickSize', c.tickSize);
  positiveInt('maxPriceSpanTicks', c.maxPriceSpanTicks);
  positiveInt('initialOrderCapacity', c.initialOrderCapacity);
  if (!Number.isSafeInteger(c.priceBandBps) || c.priceBandBps < 0) throw new RangeError(`book config priceBandBps must be >= 0, got ${c.priceBandBps}`);
  const stpMode = STP_MODE_NAMES.indexOf(c.stpMode);
  if (stpMode < 0) throw new RangeError(`book config stpMode must be one of ${STP_MODE_NAMES.join(', ')}, got ${c.stpMode}`);
  if (c.haltDurationsMs.length !== c.circuitBreakerBps.length) throw new RangeError('book config haltDurationsMs needs one entry per circuit-breaker level');
  c.circuitBreakerBps.forEach((bps, i) => {
    positiveInt(`circuitBreakerBps[${i}]`, bps);
    if (i > 0 && bps <= c.circuitBreakerBps[i - 1]!) throw new RangeError('book config circuitBreakerBps must be ascending');
  });
  for (const ms of c.haltDurationsMs) {
    if (!(ms > 0)) throw new RangeError(`book config haltDurationsMs entries must be > 0, got ${ms}`);
  }
  return {
    tickSize: c.tickSize,
    stpMode: stpMode as StpMode,
    priceBandBps: c.priceBandBps,
    circuitBreakerBps: [...c.circuitBreakerBps],
    haltDurationsMs: [...c.haltDurationsMs],
    maxPriceSpanTicks: c.maxPriceSpanTicks,
    initialOrderCapacity: c.initialOrderCapacity,
  };
}
