import { decimalToTicks, type AssetClass, type BookChange, type BookLevel, type InstrumentSpec } from '../../../contracts/market-data.js';
import type { Rng } from '../../../platform/random/index.js';

/** One side each, best first: bids descending, asks ascending; [price in ticks, qty in lots]. */
export interface Depth {
  bids: BookLevel[];
  asks: BookLevel[];
}

export interface BookShape {
  levels: number;
  /** Best ask minus best bid in a calm market. */
  spreadTicks: number;
  /** Distance between the levels behind the touch. */
  spacingTicks: number;
  /** Typical size at the touch; deeper levels are larger. */
  touchLots: number;
}

/** Spread and level spacing in basis points of the initial price, size at the touch in quote currency. */
const CLASS_SHAPES: Record<AssetClass, { spreadBps: number; spacingBps: number; touchNotional: number }> = {
  crypto: { spreadBps: 0.5, spacingBps: 1, touchNotional: 50_000 },
  equity: { spreadBps: 0.2, spacingBps: 0.5, touchNotional: 40_000 },
  stablecoin: { spreadBps: 1, spacingBps: 1, touchNotional: 250_000 },
};

/** Deeper levels grow by this fraction of the touch size per level. */
const SIZE_GROWTH_PER_LEVEL = 0.3;
/** Std of the log-normal noise on a level's size. */
const SIZE_NOISE = 0.5;
/** Chance, per update, that a level still in the book gets a new size (orders come and go). */
const REFRESH_CHANCE = 0.2;

export function bookShapeFor(spec: InstrumentSpec, levels = 10): BookShape {
  if (!(Number.isInteger(levels) && levels >= 1)) throw new RangeError(`depth must be a positive integer, got ${levels}`);
  const priceTicks = decimalToTicks(spec.initialPrice, spec.tickSize);
  const shape = CLASS_SHAPES[spec.assetClass];
  const lotNotional = Number(spec.initialPrice) * Number(spec.lotSize);
  return {
    levels,
    spreadTicks: Math.max(1, Math.round((priceTicks * shape.spreadBps) / 10_000)),
    spacingTicks: Math.max(1, Math.round((priceTicks * shape.spacingBps) / 10_000)),
    touchLots: Math.max(1, Math.round(shape.touchNotional / lotNotional)),
  };
}

/** Synthesises plausible L2 depth around a mid price, one instrument per instance. */
export class BookSynth {
  constructor(readonly shape: BookShape, private readonly rng: Rng) {}

  /**
   * Depth around `mid`. Levels that were in `previous` at the same price keep their size unless
   * refreshed, so consecutive books differ in a few levels, as a real one does.
   */
  next(mid: number, previous?: Depth, spreadMultiplier = 1): Depth {
    const spread = Math.max(1, Math.round(this.shape.spreadTicks * spreadMultiplier));
    const bestBid = Math.max(1, mid - Math.floor(spread / 2));
    return {
      bids: this.side(bestBid, -1, previous?.bids),
      asks: this.side(bestBid + spread, 1, previous?.asks),
    };
  }

  private side(touch: number, direction: 1 | -1, previous: readonly BookLevel[] = []): BookLevel[] {
    const prior = new Map(previous);
    const g = this.shape.spacingTicks;
    // Behind the touch, levels sit on a fixed grid (multiples of the spacing), so a small move of
    // the mid changes the touch and the far edge, not every level.
    const firstGrid = direction < 0 ? Math.ceil(touch / g) * g - g : Math.floor(touch / g) * g + g;
    const levels: BookLevel[] = [];
    for (let k = 0, price = touch; k < this.shape.levels && price >= 1; k++) {
      const kept = prior.get(price);
      levels.push([price, kept !== undefined && this.rng.next() >= REFRESH_CHANCE ? kept : this.size(k)]);
      price = firstGrid + direction * k * g;
    }
    return levels;
  }

  private size(level: number): number {
    const noise = Math.exp(SIZE_NOISE * this.rng.normal() - (SIZE_NOISE * SIZE_NOISE) / 2);
    return Math.max(1, Math.round(this.shape.touchLots * (1 + SIZE_GROWTH_PER_LEVEL * level) * noise));
  }
}

/** The L2 changes that turn `before` into `after`: changed or new levels, and removed ones with qty 0. */
export function diffDepth(before: Depth, after: Depth): BookChange[] {
  const changes: BookChange[] = [];
  diffSide('bid', before.bids, after.bids, changes);
  diffSide('ask', before.asks, after.asks, changes);
  return changes;
}

function diffSide(side: 'bid' | 'ask', before: readonly BookLevel[], after: readonly BookLevel[], out: BookChange[]): void {
  const now = new Map(after);
  for (const [price] of before) if (!now.has(price)) out.push({ side, price, qty: 0 });
  const was = new Map(before);
  for (const [price, qty] of after) if (was.get(price) !== qty) out.push({ side, price, qty });
}
