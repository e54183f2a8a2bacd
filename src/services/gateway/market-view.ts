import { ticksToDecimal, type BookSnapshot, type InstrumentSpec, type MarketUpdate } from '../../contracts/market-data.js';

/** The API edge: integer ticks and lots become decimal strings, times ISO-8601. */
export function priceText(spec: InstrumentSpec, ticks: number): string {
  return ticksToDecimal(ticks, spec.tickSize);
}

export function sizeText(spec: InstrumentSpec, lots: number): string {
  return ticksToDecimal(lots, spec.lotSize);
}

const levels = (spec: InstrumentSpec, side: [number, number][]) => side.map(([p, q]) => [priceText(spec, p), sizeText(spec, q)]);

export function quoteView(spec: InstrumentSpec, u: MarketUpdate) {
  return {
    symbol: u.symbol, seq: u.seq, ts: new Date(u.ts).toISOString(),
    bid: priceText(spec, u.bid), ask: priceText(spec, u.ask), last: priceText(spec, u.last),
    bid_size: sizeText(spec, u.bidSize), ask_size: sizeText(spec, u.askSize),
  };
}

export function updateMessage(spec: InstrumentSpec, u: MarketUpdate) {
  return {
    type: 'update' as const, ...quoteView(spec, u),
    changes: u.changes.map((c) => [c.side, priceText(spec, c.price), sizeText(spec, c.qty)]),
  };
}

export function snapshotMessage(spec: InstrumentSpec, s: BookSnapshot) {
  return { type: 'snapshot' as const, symbol: s.symbol, seq: s.seq, ts: new Date(s.ts).toISOString(), bids: levels(spec, s.bids), asks: levels(spec, s.asks) };
}
