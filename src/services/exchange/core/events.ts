import {
  ORDER_TYPE, SIDE, TIF, type CancelReason, type CommandKind, type OrderType, type RejectCode, type Side, type TimeInForce,
} from './codes.js';

/**
 * Receives every outcome of a book as plain arguments, so the matching loop emits events without
 * building objects. `seq` is the book's exchange sequence number: it rises by one per event.
 * Sides, order types and time in force arrive as their integer codes (see codes.ts).
 */
export interface EventSink {
  accepted(symbol: string, seq: number, timeMs: number, orderId: number, orderType: OrderType, side: Side, price: number, qty: number, tif: TimeInForce, postOnly: boolean, account: number): void;
  rejected(symbol: string, seq: number, timeMs: number, command: CommandKind, orderId: number, code: RejectCode): void;
  trade(symbol: string, seq: number, timeMs: number, makerOrderId: number, takerOrderId: number, price: number, qty: number, aggressorSide: Side, makerLeaves: number, takerLeaves: number): void;
  cancelled(symbol: string, seq: number, timeMs: number, orderId: number, qty: number, reason: CancelReason): void;
  expired(symbol: string, seq: number, timeMs: number, orderId: number, qty: number): void;
  replaced(symbol: string, seq: number, timeMs: number, orderId: number, price: number, qty: number, previousPrice: number, previousQty: number, priorityKept: boolean): void;
  halted(symbol: string, seq: number, timeMs: number, level: number, untilMs: number): void;
  resumed(symbol: string, seq: number, timeMs: number): void;
  referencePriceSet(symbol: string, seq: number, timeMs: number, price: number): void;
}

export type SideName = 'buy' | 'sell';
export type TifName = 'GTC' | 'IOC' | 'FOK';

interface EventBase { symbol: string; seq: number; timeMs: number }
export interface AcceptedEvent extends EventBase {
  type: 'accepted'; orderId: number; orderType: 'limit' | 'market'; side: SideName;
  /** null for market orders. */
  price: number | null; qty: number; tif: TifName; postOnly: boolean; account: number;
}
export interface RejectedEvent extends EventBase { type: 'rejected'; command: CommandKind; orderId: number; code: RejectCode }
export interface TradeEvent extends EventBase {
  type: 'trade'; makerOrderId: number; takerOrderId: number; price: number; qty: number;
  aggressorSide: SideName; makerLeaves: number; takerLeaves: number;
}
export interface CancelledEvent extends EventBase { type: 'cancelled'; orderId: number; qty: number; reason: CancelReason }
/** A fill-or-kill order that could not fill in full. */
export interface ExpiredEvent extends EventBase { type: 'expired'; orderId: number; qty: number }
export interface ReplacedEvent extends EventBase {
  type: 'replaced'; orderId: number; price: number; qty: number; previousPrice: number; previousQty: number; priorityKept: boolean;
}
/**
 * `level` is the 1-based circuit-breaker level that tripped, or 0 for an operator halt (a halt
 * command). untilMs is null when the halt lasts until an explicit resume (always so for level 0).
 */
export interface HaltedEvent extends EventBase { type: 'halted'; level: number; untilMs: number | null }
export interface ResumedEvent extends EventBase { type: 'resumed' }
export interface ReferencePriceSetEvent extends EventBase { type: 'reference-price-set'; price: number }

export type ExchangeEvent =
  | AcceptedEvent | RejectedEvent | TradeEvent | CancelledEvent | ExpiredEvent
  | ReplacedEvent | HaltedEvent | ResumedEvent | ReferencePriceSetEvent;

export const sideName = (side: number): SideName => (side === SIDE.BUY ? 'buy' : 'sell');
const TIF_NAMES: Record<TimeInForce, TifName> = { [TIF.GTC]: 'GTC', [TIF.IOC]: 'IOC', [TIF.FOK]: 'FOK' };

/** Builds event objects for the convenient API; the fast path never needs it. */
export class EventCollector implements EventSink {
  private events: ExchangeEvent[] = [];

  /** Returns the events collected since the last drain. */
  drain(): ExchangeEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  accepted(symbol: string, seq: number, timeMs: number, orderId: number, orderType: OrderType, side: Side, price: number, qty: number, tif: TimeInForce, postOnly: boolean, account: number): void {
    const market = orderType === ORDER_TYPE.MARKET;
    this.events.push({
      type: 'accepted', symbol, seq, timeMs, orderId, orderType: market ? 'market' : 'limit', side: sideName(side),
      price: market ? null : price, qty, tif: TIF_NAMES[tif], postOnly, account,
    });
  }

  rejected(symbol: string, seq: number, timeMs: number, command: CommandKind, orderId: number, code: RejectCode): void {
    this.events.push({ type: 'rejected', symbol, seq, timeMs, command, orderId, code });
  }

  trade(symbol: string, seq: number, timeMs: number, makerOrderId: number, takerOrderId: number, price: number, qty: number, aggressorSide: Side, makerLeaves: number, takerLeaves: number): void {
    this.events.push({ type: 'trade', symbol, seq, timeMs, makerOrderId, takerOrderId, price, qty, aggressorSide: sideName(aggressorSide), makerLeaves, takerLeaves });
  }

  cancelled(symbol: string, seq: number, timeMs: number, orderId: number, qty: number, reason: CancelReason): void {
    this.events.push({ type: 'cancelled', symbol, seq, timeMs, orderId, qty, reason });
  }

  expired(symbol: string, seq: number, timeMs: number, orderId: number, qty: number): void {
    this.events.push({ type: 'expired', symbol, seq, timeMs, orderId, qty });
  }

  replaced(symbol: string, seq: number, timeMs: number, orderId: number, price: number, qty: number, previousPrice: number, previousQty: number, priorityKept: boolean): void {
    this.events.push({ type: 'replaced', symbol, seq, timeMs, orderId, price, qty, previousPrice, previousQty, priorityKept });
  }

  halted(symbol: string, seq: number, timeMs: number, level: number, untilMs: number): void {
    this.events.push({ type: 'halted', symbol, seq, timeMs, level, untilMs: Number.isFinite(untilMs) ? untilMs : null });
  }

  resumed(symbol: string, seq: number, timeMs: number): void {
    this.events.push({ type: 'resumed', symbol, seq, timeMs });
  }

  referencePriceSet(symbol: string, seq: number, timeMs: number, price: number): void {
    this.events.push({ type: 'reference-price-set', symbol, seq, timeMs, price });
  }
}
