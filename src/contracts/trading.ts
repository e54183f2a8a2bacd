/**
 * The trading loop's shared vocabulary: assets, money, positions. Every amount is an integer:
 * prices in ticks and quantities in lots (per instrument, as on the exchange), money and asset
 * balances in micro-units (1e-6 of a dollar, of a BTC, of a share), so amounts of different
 * instruments can be added.
 */
import { decimalToTicks, type AssetClass, type InstrumentSpec } from './market-data.js';

/** Every instrument is quoted in dollars. */
export const QUOTE_ASSET = 'USD';

/** Micro-units per whole unit. */
export const MICROS = 1_000_000;

/** What the custodian and risk need to know of an instrument, in integers. */
export interface TradingInstrument {
  symbol: string;
  assetClass: AssetClass;
  /** The asset bought or sold: "BTC" for BTC-USD, "AAPL" for AAPL. */
  baseAsset: string;
  /** Micro-units of the base asset in one lot (BTC lot 0.0001 -> 100). */
  lotMicros: number;
  /** Dollar micro-units per (tick x lot): price ticks x lots x this = notional in micros. */
  notionalPerTickLot: number;
}

export function baseAssetOf(symbol: string): string {
  return symbol.endsWith(`-${QUOTE_ASSET}`) ? symbol.slice(0, -QUOTE_ASSET.length - 1) : symbol;
}

/** The integer facts of an instrument spec (tick and lot sizes must be at least 1e-6). */
export function tradingInstrument(spec: InstrumentSpec): TradingInstrument {
  const lotMicros = decimalToTicks(spec.lotSize, '0.000001');
  const tickMicros = decimalToTicks(spec.tickSize, '0.000001');
  if (lotMicros < 1 || tickMicros < 1) throw new RangeError(`${spec.symbol}: tick and lot sizes below 0.000001 are not supported`);
  return { symbol: spec.symbol, assetClass: spec.assetClass, baseAsset: baseAssetOf(spec.symbol), lotMicros, notionalPerTickLot: (tickMicros * lotMicros) / MICROS };
}

/** Notional of `qtyLots` at `priceTicks`, in dollar micros (rounded to the nearest micro). */
export function notionalMicros(inst: TradingInstrument, priceTicks: number, qtyLots: number): number {
  return Math.round(priceTicks * qtyLots * inst.notionalPerTickLot);
}

/** A signed position in one instrument and what it has made so far. */
export interface Position {
  symbol: string;
  /** Lots; negative is short. */
  qty: number;
  /** Average entry price of the open quantity, in ticks (fractional: it is an average). */
  avgPrice: number;
  /** Realized P&L in dollar micros. */
  realized: number;
}

/**
 * Positions of one account or strategy: average-cost accounting, realized P&L on every fill that
 * reduces or flips a position, unrealized P&L against a mark. Pure and deterministic.
 */
export class PositionBook {
  private readonly positions = new Map<string, Position>();

  constructor(private readonly instruments: ReadonlyMap<string, TradingInstrument>) {}

  get(symbol: string): Position {
    return this.positions.get(symbol) ?? { symbol, qty: 0, avgPrice: 0, realized: 0 };
  }

  all(): Position[] {
    return [...this.positions.values()];
  }

  /** Applies a fill; returns the realized P&L it made (dollar micros). */
  fill(symbol: string, side: 'buy' | 'sell', priceTicks: number, qtyLots: number): number {
    const inst = this.instrument(symbol);
    const p = { ...this.get(symbol) };
    const signed = side === 'buy' ? qtyLots : -qtyLots;
    let realized = 0;
    if (p.qty !== 0 && Math.sign(p.qty) !== Math.sign(signed)) {
      const closed = Math.min(Math.abs(p.qty), qtyLots);
      realized = Math.round((priceTicks - p.avgPrice) * closed * Math.sign(p.qty) * inst.notionalPerTickLot);
    }
    const next = p.qty + signed;
    if (next === 0) p.avgPrice = 0;
    else if (p.qty === 0 || Math.sign(next) !== Math.sign(p.qty)) p.avgPrice = priceTicks;
    else if (Math.sign(signed) === Math.sign(p.qty)) p.avgPrice = (p.avgPrice * Math.abs(p.qty) + priceTicks * qtyLots) / Math.abs(next);
    p.qty = next;
    p.realized += realized;
    this.positions.set(symbol, p);
    return realized;
  }

  /** Unrealized P&L of `symbol` at `markTicks` (dollar micros). */
  unrealized(symbol: string, markTicks: number): number {
    const p = this.get(symbol);
    return p.qty === 0 ? 0 : Math.round((markTicks - p.avgPrice) * p.qty * this.instrument(symbol).notionalPerTickLot);
  }

  realizedTotal(): number {
    let sum = 0;
    for (const p of this.positions.values()) sum += p.realized;
    return sum;
  }

  /** Sum of |position| x mark (gross) and of position x mark (net), in dollar micros; unmarked symbols count at entry. */
  exposure(marks: ReadonlyMap<string, number>): { gross: number; net: number } {
    let gross = 0;
    let net = 0;
    for (const p of this.positions.values()) {
      const value = notionalMicros(this.instrument(p.symbol), marks.get(p.symbol) ?? p.avgPrice, p.qty);
      gross += Math.abs(value);
      net += value;
    }
    return { gross, net };
  }

  private instrument(symbol: string): TradingInstrument {
    const inst = this.instruments.get(symbol);
    if (!inst) throw new RangeError(`no instrument ${symbol}`);
    return inst;
  }
}
