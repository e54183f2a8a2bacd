import type { BookSnapshot, InstrumentSpec, MarketUpdate } from '../../../contracts/market-data.js';
import { TradewatchError } from '../../../platform/errors/index.js';
import type { RandomStreams, Rng } from '../../../platform/random/index.js';
import { BookSynth, bookShapeFor, diffDepth, type Depth } from './book-synth.js';
import { PriceModel, type PriceModelOverrides } from './price-model.js';

export interface MarketFeedOptions {
  instruments: readonly InstrumentSpec[];
  /** Streams used: 'market-data/model', and 'market-data/book/<symbol>' per instrument. */
  streams: RandomStreams;
  model?: PriceModelOverrides;
  /** Levels per side (default 10). */
  depthLevels?: number;
  /** Timestamp of the initial books (seq 0), in ms. */
  startMs?: number;
}

interface InstrumentBook {
  readonly spec: InstrumentSpec;
  readonly synth: BookSynth;
  /** Draws the book's sizes and its trade prints. */
  readonly rng: Rng;
  depth: Depth;
  seq: number;
  ts: number;
  mid: number;
  last: number;
}

/** Spreads widen this much while the model is in its stressed regime. */
const STRESSED_SPREAD_MULTIPLIER = 3;
/** Chance that an instrument prints a trade in a given tick. */
const TRADE_CHANCE = 0.5;
/** Chance that a print is buyer-initiated (at the ask) when the mid has just risen; mirrored when it fell. */
const WITH_MOVE_CHANCE = 0.8;

/**
 * The market-data feed: the price model, a synthetic book per instrument, and per-symbol
 * sequence numbers. Chaos hooks live on `model` (applyJump, setPegTarget, setRegime).
 */
export class MarketFeed {
  readonly model: PriceModel;
  readonly instruments: readonly InstrumentSpec[];
  private readonly books: InstrumentBook[];
  private readonly bySymbol = new Map<string, InstrumentBook>();

  constructor(options: MarketFeedOptions) {
    this.instruments = options.instruments;
    this.model = new PriceModel(options.instruments, options.streams.get('market-data/model'), options.model);
    this.books = options.instruments.map((spec) => {
      const rng = options.streams.get(`market-data/book/${spec.symbol}`);
      const synth = new BookSynth(bookShapeFor(spec, options.depthLevels), rng);
      const mid = this.model.mid(spec.symbol);
      return { spec, synth, rng, depth: synth.next(mid), seq: 0, ts: options.startMs ?? 0, mid, last: mid };
    });
    for (const book of this.books) this.bySymbol.set(book.spec.symbol, book);
  }

  has(symbol: string): boolean {
    return this.bySymbol.has(symbol);
  }

  /** Advances the model by dtMs and returns one update per instrument, stamped nowMs. */
  tick(nowMs: number, dtMs: number): MarketUpdate[] {
    const mids = this.model.step(dtMs);
    const spreadMultiplier = this.model.regime === 'stressed' ? STRESSED_SPREAD_MULTIPLIER : 1;
    return this.books.map((book, i) => {
      const mid = mids[i]!;
      const depth = book.synth.next(mid, book.depth, spreadMultiplier);
      const changes = diffDepth(book.depth, depth);
      const [bid, bidSize] = depth.bids[0]!;
      const [ask, askSize] = depth.asks[0]!;
      book.last = this.print(book, mid, bid, ask);
      book.depth = depth;
      book.mid = mid;
      book.seq += 1;
      book.ts = nowMs;
      return { symbol: book.spec.symbol, seq: book.seq, ts: nowMs, bid, ask, last: book.last, bidSize, askSize, changes };
    });
  }

  /** The current book; applying the updates after its seq reproduces later books. */
  snapshot(symbol: string): BookSnapshot {
    const book = this.bySymbol.get(symbol);
    if (!book) throw new TradewatchError('UNKNOWN_SYMBOL', `unknown instrument ${symbol}`, 404);
    return {
      symbol, seq: book.seq, ts: book.ts,
      bids: book.depth.bids.map(([p, q]) => [p, q]),
      asks: book.depth.asks.map(([p, q]) => [p, q]),
    };
  }

  /** Maybe a trade print at the touch, leaning to the side the mid moved toward; else the previous last. */
  private print(book: InstrumentBook, mid: number, bid: number, ask: number): number {
    if (book.rng.next() >= TRADE_CHANCE) return book.last;
    const buyChance = mid > book.mid ? WITH_MOVE_CHANCE : mid < book.mid ? 1 - WITH_MOVE_CHANCE : 0.5;
    return book.rng.next() < buyChance ? ask : bid;
  }
}
