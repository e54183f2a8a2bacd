import { mulberry32 } from '../../src/platform/random/index.js';
/**
 * The order flow the bench sends: alternating buy/sell GTC limits for one instrument, priced
 * mid ± 1..50 ticks on either side so roughly half of them cross and trade, sized 1..100 lots.
 * Prices stay within 100 ticks of a fixed mid, so the book cannot drift or spread out.
 */

export interface Instrument {
  symbol: string;
  tickSize: string;
  lotSize: string;
}

export interface MixOptions {
  mid: string;
  /** Buys come from the first account, sells from the second: with one account the venue's
   * self-trade prevention would cancel every crossing order instead of trading it. */
  accounts: readonly [string, string];
  seed?: number;
}

const POOL_SIZE = 4096; // even, so the buy/sell alternation survives wrapping around
const MAX_OFFSET_TICKS = 50;
const MAX_LOTS = 100;

/** Decimal places of a decimal string: "0.0001" -> 4. */
function decimals(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/**
 * Hands out pre-rendered JSON field lists (no braces, no ids) from a fixed pool: rendering
 * prices once keeps string formatting off the client's hot path.
 */
export class OrderMix {
  private readonly pool: string[] = [];
  private next_ = 0;

  constructor(instrument: Instrument, options: MixOptions) {
    const priceDp = decimals(instrument.tickSize);
    const qtyDp = decimals(instrument.lotSize);
    const scale = 10 ** priceDp;
    // Integer arithmetic in units of 10^-priceDp, so prices land exactly on ticks.
    const midUnits = Math.round(Number(options.mid) * scale);
    const tickUnits = Math.round(Number(instrument.tickSize) * scale);
    const lot = Number(instrument.lotSize);
    if (!(tickUnits > 0) || !(lot > 0) || !Number.isFinite(midUnits)) {
      throw new Error(`bad instrument or mid: tick ${instrument.tickSize}, lot ${instrument.lotSize}, mid ${options.mid}`);
    }
    const random = mulberry32(options.seed ?? 1);
    for (let i = 0; i < POOL_SIZE; i++) {
      const buy = i % 2 === 0;
      const ticks = 1 + Math.floor(random() * MAX_OFFSET_TICKS);
      const offset = random() < 0.5 ? -ticks : ticks;
      const price = ((midUnits + offset * tickUnits) / scale).toFixed(priceDp);
      const quantity = ((1 + Math.floor(random() * MAX_LOTS)) * lot).toFixed(qtyDp);
      this.pool.push(
        `"account":"${options.accounts[buy ? 0 : 1]}","symbol":"${instrument.symbol}","side":"${buy ? 'buy' : 'sell'}",` +
          `"type":"limit","price":"${price}","quantity":"${quantity}","time_in_force":"GTC"`,
      );
    }
  }

  /** The next order's fields, e.g. `"account":"bench-1",...,"time_in_force":"GTC"`. */
  next(): string {
    const fields = this.pool[this.next_]!;
    this.next_ = (this.next_ + 1) % POOL_SIZE;
    return fields;
  }
}
