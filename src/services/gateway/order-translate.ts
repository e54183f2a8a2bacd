import { trace } from '@opentelemetry/api';
import { z } from 'zod';
import { decimalToTicks, positiveDecimalSchema, ticksToDecimal, type Decimal, type InstrumentSpec } from '../../contracts/market-data.js';
import type { BookStatus, CancelOrder, ExchangeBook, ExchangeStatus, OrderRecord, ReplaceOrder, SubmitOrder, TradeRecord } from '../../contracts/orders.js';
import { ID_TEXT } from '../../platform/http/index.js';
import { BadRequest, validate } from '../../platform/errors/index.js';
import { currentRequestContext, currentTraceparent } from '../../platform/telemetry/index.js';
import { unknownSymbol } from './api-errors.js';

const accountSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (at most 64)');

export const newOrderBody = z.strictObject({
  account: accountSchema.default('default'),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['limit', 'market']).default('limit'),
  price: positiveDecimalSchema.optional(),
  quantity: positiveDecimalSchema,
  /** GTC for a limit order, IOC for a market order when left out (see toSubmit). */
  time_in_force: z.enum(['GTC', 'IOC', 'FOK']).optional(),
  post_only: z.boolean().default(false),
  client_order_id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits, . _ : - (at most 64)').optional(),
});

export const replaceBody = z.strictObject({
  account: accountSchema.default('default'),
  price: positiveDecimalSchema.optional(),
  /** The new open (unfilled) quantity. */
  quantity: positiveDecimalSchema.optional(),
}).refine((b) => b.price !== undefined || b.quantity !== undefined, { message: 'give price, quantity or both', path: ['price'] });

/** A JSON object: not null, an array, a string or a number. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A WebSocket message as a JSON object; null for anything else (bad JSON, or JSON such as null, 1 or []). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** A JSON object body, validated: a 400 names the first bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (!isJsonObject(body)) throw new BadRequest('body must be a JSON object', 'body');
  return validate(schema, body);
}

/** A decimal as a whole number of increments, or a 400 naming the field if it is off the grid or too large. */
function onGrid(value: Decimal, increment: Decimal, field: string, code: string): number {
  const units = decimalToTicks(value, increment);
  if (!Number.isSafeInteger(units)) throw new BadRequest(`${field}: ${String(value)} is too large`, field);
  if (units <= 0 || Number(ticksToDecimal(units, increment)) !== Number(value)) {
    throw new BadRequest(`${field}: ${String(value)} is not a positive multiple of ${String(increment)}`, field, code);
  }
  return units;
}

/**
 * The ids that follow a command: the request's, and its trace's, traceparent included so that
 * the command batcher need not add it. Commands are built as one literal from these, with no
 * spread: V8 keeps most properties of an object spread together from others outside the object,
 * which cost a few µs per order to build and as much again for the exchange to read.
 */
function origin(): Pick<SubmitOrder, 'requestId' | 'correlationId' | 'traceId' | 'traceparent'> {
  const req = currentRequestContext();
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return { requestId: req?.requestId, correlationId: req?.correlationId, traceId, traceparent: currentTraceparent() };
}

export function toSubmit(body: z.output<typeof newOrderBody>, specs: ReadonlyMap<string, InstrumentSpec>): SubmitOrder {
  const symbol = body.symbol.toUpperCase();
  const spec = specs.get(symbol);
  if (!spec) throw unknownSymbol(body.symbol, specs, 'field');
  if (body.type === 'limit' && body.price === undefined) throw new BadRequest('price: required for a limit order', 'price');
  if (body.type === 'market' && body.price !== undefined) throw new BadRequest('price: a market order takes no price', 'price');
  const { requestId, correlationId, traceId, traceparent } = origin();
  return {
    kind: 'submit', account: body.account, requestId, correlationId, traceId, traceparent, symbol, side: body.side, type: body.type,
    price: body.price === undefined ? null : onGrid(body.price, spec.tickSize, 'price', 'PRICE_OFF_TICK'),
    qty: onGrid(body.quantity, spec.lotSize, 'quantity', 'QUANTITY_OFF_LOT'),
    tif: body.time_in_force ?? (body.type === 'market' ? 'IOC' : 'GTC'), postOnly: body.post_only, clientOrderId: body.client_order_id ?? null,
  };
}

export function toReplace(orderId: number, body: z.output<typeof replaceBody>, spec: InstrumentSpec): ReplaceOrder {
  const { requestId, correlationId, traceId, traceparent } = origin();
  return {
    kind: 'replace', account: body.account, requestId, correlationId, traceId, traceparent, orderId,
    price: body.price === undefined ? null : onGrid(body.price, spec.tickSize, 'price', 'PRICE_OFF_TICK'),
    qty: body.quantity === undefined ? null : onGrid(body.quantity, spec.lotSize, 'quantity', 'QUANTITY_OFF_LOT'),
  };
}

/** A cancel, carrying the ids of the request it came with, like every other order command. */
export function toCancel(orderId: number, account: string): CancelOrder {
  const { requestId, correlationId, traceId, traceparent } = origin();
  return { kind: 'cancel', account, requestId, correlationId, traceId, traceparent, orderId };
}

/** A numeric id from a path; `what` names it in the 400 ("order id", "trade id"). */
export function parseId(raw: string, what = 'order id'): number {
  // Digits only: Number() would also take "0x10", "1e3" or " 12 ".
  const id = ID_TEXT.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new BadRequest(`${what} must be a positive whole number, got "${raw}"`, 'id');
  return id;
}

export const parseOrderId = (raw: string): number => parseId(raw, 'order id');

let lastIsoMs = NaN;
let lastIsoText = '';

/**
 * Milliseconds since the epoch as the API shows times. The answers to one batch of orders mostly
 * share a millisecond, so the last one is kept: formatting a Date took ~2.7% of the venue's main
 * thread under WebSocket order entry.
 */
export function iso(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIsoText = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIsoText;
}

export function orderView(spec: InstrumentSpec, o: OrderRecord) {
  return {
    order_id: String(o.orderId), client_order_id: o.clientOrderId, account: o.account, symbol: o.symbol, side: o.side, type: o.type,
    time_in_force: o.tif, post_only: o.postOnly, price: o.price === null ? null : ticksToDecimal(o.price, spec.tickSize),
    quantity: ticksToDecimal(o.qty, spec.lotSize), filled_quantity: ticksToDecimal(o.filled, spec.lotSize),
    remaining_quantity: ticksToDecimal(o.qty - o.filled, spec.lotSize), status: o.status, reason: o.reason,
    created_at: iso(o.createdMs), updated_at: iso(o.updatedMs), request_id: o.requestId, correlation_id: o.correlationId, trace_id: o.traceId,
  };
}

/** A book's top levels as [price, quantity] decimals, best first. */
export function exchangeBookView(spec: InstrumentSpec, b: ExchangeBook) {
  const level = ([p, q]: [number, number]) => [ticksToDecimal(p, spec.tickSize), ticksToDecimal(q, spec.lotSize)];
  return { symbol: b.symbol, seq: b.seq, ts: new Date(b.timeMs).toISOString(), bids: b.bids.map(level), asks: b.asks.map(level) };
}

/**
 * One book's state as the API shows it: prices as decimals, the end of a circuit-breaker halt as
 * a time. The exchange sends each book's tick along, so this needs no market data (which may be
 * down when an operator most needs the exchange's status).
 */
export function bookStatusView(b: BookStatus) {
  const price = (ticks: number | null) => (ticks === null ? null : ticksToDecimal(ticks, b.tickSize));
  return {
    symbol: b.symbol, seq: b.seq, best_bid: price(b.bestBid), best_ask: price(b.bestAsk), reference_price: price(b.referencePrice),
    last_trade_price: price(b.lastTradePrice), resting_orders: b.restingOrders,
    halted: b.halted, halt_level: b.haltLevel, halt_until: b.haltUntilMs === null ? null : iso(b.haltUntilMs),
  };
}

export type BookStatusView = ReturnType<typeof bookStatusView>;

export function exchangeStatusView(s: ExchangeStatus) {
  return { available: s.available, failure: s.failure, state_hash: s.stateHash, live_orders: s.liveOrders, books: s.books.map(bookStatusView) };
}

export function tradeView(spec: InstrumentSpec, t: TradeRecord) {
  return {
    trade_id: String(t.tradeId), symbol: t.symbol, price: ticksToDecimal(t.price, spec.tickSize), quantity: ticksToDecimal(t.qty, spec.lotSize),
    maker_order_id: String(t.makerOrderId), taker_order_id: String(t.takerOrderId), aggressor: t.aggressor,
    buy_account: t.buyAccount, sell_account: t.sellAccount, time: iso(t.timeMs), seq: t.seq,
  };
}
