import { mulberry32 } from '../../src/platform/random/index.js';
/**
 * The order flow the bench sends: alternating buy/sell GTC limits for one instrument, priced
 * mid ± 1..50 ticks on either side so roughly half of them cross and trade, sized 1..100 lots.
 * Prices stay within 100 ticks of a fixed mid, so the book cannot drift or spread out.
 *
 * Buys come from buyer accounts and sells from seller accounts: an account that did both would
 * have its crossing orders cancelled by self-trade prevention instead of traded. The flow is
 * spread over many accounts so none runs out of funds at the custodian during a run (each starts
 * with the custodian's default balances; one seller alone would sell its BTC within seconds and
 * the venue would then be busy refusing reservations instead of taking orders).
 */

export interface Instrument {
  symbol: string;
  tickSize: string;
  lotSize: string;
}

export interface MixOptions {
  mid: string;
  seed?: number;
}

const POOL_SIZE = 4096; // even, so the buy/sell alternation survives wrapping around
const MAX_OFFSET_TICKS = 50;
const MAX_LOTS = 100;
/** Buyer and seller accounts each (bench-b0.., bench-s0..): enough that none trades more than a
 * few BTC in a full run at 20,000 orders/s. */
const ACCOUNT_PAIRS = 512;

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
      const account = `bench-${buy ? 'b' : 's'}${Math.floor(i / 2) % ACCOUNT_PAIRS}`;
      const ticks = 1 + Math.floor(random() * MAX_OFFSET_TICKS);
      const offset = random() < 0.5 ? -ticks : ticks;
      const price = ((midUnits + offset * tickUnits) / scale).toFixed(priceDp);
      const quantity = ((1 + Math.floor(random() * MAX_LOTS)) * lot).toFixed(qtyDp);
      this.pool.push(
        `"account":"${account}","symbol":"${instrument.symbol}","side":"${buy ? 'buy' : 'sell'}",` +
          `"type":"limit","price":"${price}","quantity":"${quantity}","time_in_force":"GTC"`,
      );
    }
  }

  /** The next order's fields, e.g. `"account":"bench-b0",...,"time_in_force":"GTC"`. */
  next(): string {
    const fields = this.pool[this.next_]!;
    this.next_ = (this.next_ + 1) % POOL_SIZE;
    return fields;
  }
}
