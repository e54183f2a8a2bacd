import { MAX_PRICE, MIN_PRICE } from './codes.js';
import type { ResolvedBookConfig } from './book-config.js';

/** The price controls' own state (haltEndMs may be Infinity: an operator halt). */
export interface SavedControls {
  reference: number;
  nextLevel: number;
  halted: boolean;
  haltLevel: number;
  haltEndMs: number;
}

/** One above MAX_PRICE: a trip price no trade can reach. */
const NEVER_UP = MAX_PRICE + 1;
const NEVER_DOWN = MIN_PRICE - 1;

/**
 * Price bands and circuit breakers of one book, all derived from the caller-set reference price.
 * Limits are precomputed as prices so the matching loop compares integers only. Until a reference
 * is set there is no band and no breaker.
 */
export class PriceControls {
  reference = 0;
  bandLow = MIN_PRICE;
  bandHigh = MAX_PRICE;
  /** A trade at or above tripUp, or at or below tripDown, trips the next breaker level. */
  tripUp = NEVER_UP;
  tripDown = NEVER_DOWN;
  /** Index of the next breaker level that can trip (== levels count when all have tripped). */
  nextLevel = 0;
  halted = false;
  /** 1-based breaker level of the current (or last) halt; 0 before any halt or for an operator halt. */
  haltLevel = 0;
  haltEndMs = 0;
  /** Minimum move in ticks per breaker level, for the current reference. */
  private readonly levelMoves: number[];

  constructor(private readonly config: ResolvedBookConfig) {
    this.levelMoves = config.circuitBreakerBps.map(() => 0);
  }

  setReference(price: number): void {
    this.reference = price;
    const band = Math.floor((price * this.config.priceBandBps) / 10_000);
    const banded = this.config.priceBandBps > 0;
    this.bandLow = banded ? Math.max(MIN_PRICE, price - band) : MIN_PRICE;
    this.bandHigh = banded ? Math.min(MAX_PRICE, price + band) : MAX_PRICE;
    this.config.circuitBreakerBps.forEach((bps, i) => {
      this.levelMoves[i] = Math.max(1, Math.ceil((price * bps) / 10_000));
    });
    this.nextLevel = 0;
    this.armNextLevel();
  }

  /** The 1-based breaker level a trade at `price` trips: the highest one reached. */
  levelReachedBy(price: number): number {
    const move = Math.abs(price - this.reference);
    let level = this.nextLevel;
    while (level + 1 < this.levelMoves.length && move >= this.levelMoves[level + 1]!) level++;
    return level + 1;
  }

  startHalt(level: number, timeMs: number): void {
    this.halted = true;
    this.haltLevel = level;
    this.haltEndMs = timeMs + this.config.haltDurationsMs[level - 1]!;
    this.nextLevel = level;
    this.armNextLevel();
  }

  /**
   * An operator halt: until an explicit resume (level 0, no end time). It trips no breaker level:
   * the levels stay armed as they were, so after the resume they are what they would have been
   * without it (a later reference price re-arms them all, as after any halt).
   */
  startOperatorHalt(): void {
    this.halted = true;
    this.haltLevel = 0;
    this.haltEndMs = Infinity;
  }

  endHalt(): void {
    this.halted = false;
  }

  /** What a snapshot keeps: the rest (band, breaker moves and trip prices) follows from it. */
  saved(): SavedControls {
    return { reference: this.reference, nextLevel: this.nextLevel, halted: this.halted, haltLevel: this.haltLevel, haltEndMs: this.haltEndMs };
  }

  restore(s: SavedControls): void {
    if (s.reference !== 0) this.setReference(s.reference);
    this.nextLevel = s.nextLevel;
    this.armNextLevel();
    this.halted = s.halted;
    this.haltLevel = s.haltLevel;
    this.haltEndMs = s.haltEndMs;
  }

  private armNextLevel(): void {
    const move = this.levelMoves[this.nextLevel];
    if (move === undefined || this.reference === 0) {
      this.tripUp = NEVER_UP;
      this.tripDown = NEVER_DOWN;
      return;
    }
    this.tripUp = Math.min(NEVER_UP, this.reference + move);
    this.tripDown = Math.max(NEVER_DOWN, this.reference - move);
  }
}
