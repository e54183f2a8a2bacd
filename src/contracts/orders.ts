import { z } from 'zod';
import type { Decimal } from './market-data.js';

/**
 * Orders on the bus: prices in integer ticks, quantities in integer lots. The gateway converts
 * the API's decimals; the exchange never sees them.
 */
export const sideSchema = z.enum(['buy', 'sell']);
export const tifSchema = z.enum(['GTC', 'IOC', 'FOK']);
export const orderStatusSchema = z.enum(['open', 'partially_filled', 'filled', 'cancelled', 'expired', 'rejected']);

/** Who sent a command and the ids that follow it (persisted with the order). */
export const originSchema = z.object({
  account: z.string().min(1).max(64),
  requestId: z.string().optional(),
  correlationId: z.string().optional(),
  traceId: z.string().optional(),
  /** W3C traceparent of the sender's span: a batched command keeps its own trace. */
  traceparent: z.string().max(64).optional(),
});

export const submitOrderSchema = originSchema.extend({
  kind: z.literal('submit'),
  symbol: z.string(),
  side: sideSchema,
  type: z.enum(['limit', 'market']),
  /** Ticks; required for limit orders. */
  price: z.number().int().positive().nullable(),
  qty: z.number().int().positive(),
  tif: tifSchema,
  postOnly: z.boolean(),
  clientOrderId: z.string().min(1).max(64).nullable(),
});

export const cancelOrderSchema = originSchema.extend({ kind: z.literal('cancel'), orderId: z.number().int().positive() });
export const replaceOrderSchema = originSchema.extend({
  kind: z.literal('replace'), orderId: z.number().int().positive(),
  /** Unchanged when null. */
  price: z.number().int().positive().nullable(),
  /** New open quantity; unchanged when null. */
  qty: z.number().int().positive().nullable(),
});

export const orderCommandSchema = z.discriminatedUnion('kind', [submitOrderSchema, cancelOrderSchema, replaceOrderSchema]);

export type Side = z.infer<typeof sideSchema>;
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export type SubmitOrder = z.infer<typeof submitOrderSchema>;
export type CancelOrder = z.infer<typeof cancelOrderSchema>;
export type ReplaceOrder = z.infer<typeof replaceOrderSchema>;
export type OrderCommand = z.infer<typeof orderCommandSchema>;

export interface OrderRecord {
  orderId: number;
  account: string;
  clientOrderId: string | null;
  symbol: string;
  side: Side;
  type: 'limit' | 'market';
  tif: 'GTC' | 'IOC' | 'FOK';
  postOnly: boolean;
  price: number | null;
  qty: number;
  filled: number;
  status: OrderStatus;
  /** Why it was rejected, cancelled or expired (a catalogue code or cancel reason). */
  reason: string | null;
  createdMs: number;
  updatedMs: number;
  requestId: string | null;
  correlationId: string | null;
  traceId: string | null;
}

export interface TradeRecord {
  tradeId: number;
  symbol: string;
  price: number;
  qty: number;
  makerOrderId: number;
  takerOrderId: number;
  aggressor: Side;
  buyAccount: string;
  sellAccount: string;
  timeMs: number;
  seq: number;
}

/** True for the statuses of an order still resting in the book. */
export function isOpenStatus(status: string): boolean {
  return status === 'open' || status === 'partially_filled';
}

/** Lots of the order still resting in the book (0 once it is closed). */
export function restingLots(o: Pick<OrderRecord, 'status' | 'qty' | 'filled'>): number {
  return isOpenStatus(o.status) ? o.qty - o.filled : 0;
}

/** Trades of one book made durable in one commit, oldest first (published on ex.trade.<symbol>). */
export interface TradeBatch {
  symbol: string;
  trades: TradeRecord[];
}

/** Orders of one book changed in one commit, each in its latest state (published on ex.order.<symbol>). */
export interface OrderUpdateBatch {
  symbol: string;
  orders: OrderRecord[];
}

/** The exchange's answer to a command, after it is durable. */
export interface OrderReply {
  order: OrderRecord;
  trades: TradeRecord[];
}

export interface OrderQuery {
  account?: string;
  symbol?: string;
  status?: OrderStatus;
  /** Only orders with a lower id: the next page of a newest-first listing. */
  before?: number;
  limit: number;
}

export interface TradeQuery {
  symbol?: string;
  account?: string;
  /** Only trades with a lower id: the next page of a newest-first listing. */
  before?: number;
  limit: number;
}

/** Most price levels per side a book snapshot shows. */
export const MAX_BOOK_LEVELS = 100;
/** Price levels per side of the exchange's book feed: its updates and a new subscriber's snapshot. */
export const BOOK_FEED_LEVELS = 10;

/** One book's state as the exchange reports it (prices in ticks). */
export interface BookStatus {
  symbol: string;
  /** The book's tick as a decimal, so that a reader needs nothing else to show its prices. */
  tickSize: Decimal;
  seq: number;
  bestBid: number | null;
  bestAsk: number | null;
  referencePrice: number | null;
  lastTradePrice: number | null;
  restingOrders: number;
  halted: boolean;
  /** 0 for an operator halt, else the circuit-breaker level (1, 2, 3). */
  haltLevel: number;
  /** When a circuit-breaker halt ends; null when open or halted until an operator resumes. */
  haltUntilMs: number | null;
}

/** The exchange's answer to EXCHANGE_SUBJECTS.status. */
export interface ExchangeStatus {
  available: boolean;
  failure: string | null;
  stateHash: string;
  liveOrders: number;
  books: BookStatus[];
}

/** Top of an exchange book: [price ticks, qty lots] best first. */
export interface ExchangeBook {
  symbol: string;
  seq: number;
  timeMs: number;
  bids: [number, number][];
  asks: [number, number][];
}
