import {
  CANCEL_REASON, COMMAND, MAX_ACCOUNT, MAX_PRICE, MAX_QTY, MIN_PRICE, NO_ACCOUNT, ORDER_TYPE, REJECT, SIDE, STP, TIF,
  type CancelReason, type CommandKind, type RejectCode, type Side, type StpMode, type TimeInForce,
} from './codes.js';
import { resolveBookConfig, type BookConfig } from './book-config.js';
import { applyCommand, type BookCommand } from './commands.js';
import { EventCollector, type EventSink, type ExchangeEvent } from './events.js';
import { FNV_OFFSET, fnvFloat64, fnvInt32, toHex32 } from './fnv.js';
import { OrderIdIndex } from './order-id-index.js';
import { NIL, OrderStore, type RestingOrder } from './order-store.js';
import { PriceControls, type SavedControls } from './price-controls.js';
import { PriceLadder } from './price-ladder.js';
import { RestingColumns, type SavedRestingOrder } from './resting-columns.js';

/** bestAsk when no ask rests: above every valid limit price, so nothing crosses it. */
const NO_ASK = MAX_PRICE + 1;
/** bestBid when no bid rests: below every valid limit price. */
const NO_BID = MIN_PRICE - 1;

/** Why the matching loop stopped before the incoming order was exhausted or out of prices. */
const STOP_NONE = 0;
const STOP_SELF_TRADE = 1;
const STOP_HALT = 2;

/**
 * A book as a snapshot keeps it, as plain JSON: everything stateHash covers, which is everything
 * that decides its future behaviour. haltEndMs is null for a halt with no end (JSON has no Infinity).
 */
export interface SavedBook {
  seq: number;
  lastTrade: number;
  controls: Omit<SavedControls, 'haltEndMs'> & { haltEndMs: number | null };
  /** Each side's resting orders in priority order: best price first, then time. */
  bids: SavedRestingOrder[];
  asks: SavedRestingOrder[];
}

export interface CapturedBook {
  seq: number;
  lastTrade: number;
  controls: SavedControls;
  bids: RestingColumns;
  asks: RestingColumns;
}

export interface HaltStatus {
  halted: boolean;
  /** 1-based circuit-breaker level of the current or last halt; 0 if none or an operator halt. */
  level: number;
  /** When the current halt ends (Infinity: on explicit resume); meaningless when not halted. */
  untilMs: number;
}

/**
 * One instrument's central limit order book: price-time priority, GTC/IOC/FOK/post-only limit
 * orders, market orders, cancel, cancel-replace, self-trade prevention, price bands and
 * circuit-breaker halts. Pure and deterministic: time arrives on each command, and every outcome
 * goes to the EventSink with a per-book sequence number.
 *
 * A trade that trips a circuit breaker halts the book at once: the incoming order stops matching
 * and its unfilled rest is cancelled (reason "halt"), whatever its time in force. A halt ends at
 * the first command timed at or after its end, or on resume(). An operator halt (halt()) lasts
 * until resume(); it is reported as level 0.
 *
 * This file holds the whole command path (validation, matching, resting, removal) in one class on
 * purpose: the matching loop reads the order store and ladder arrays into locals and calls only
 * small monomorphic methods, which V8 inlines; spreading it over modules or helper objects would
 * add indirection on the path that runs millions of times a second.
 */
export class Book {
  private readonly orders: OrderStore;
  private readonly ids = new OrderIdIndex();
  private readonly ladder: PriceLadder;
  private readonly controls: PriceControls;
  private readonly sink: EventSink;
  private readonly collector: EventCollector | null;
  private readonly tickSize: number;
  private readonly stpMode: StpMode;
  private seq = 0;
  private bid = NO_BID;
  private ask = NO_ASK;
  private bidLevels = 0;
  private askLevels = 0;
  private lastTrade = 0;
  private stopReason = STOP_NONE;

  /** Without a sink the book collects event objects, read with submit() or drainEvents(). */
  constructor(readonly symbol: string, config: BookConfig = {}, sink?: EventSink) {
    const c = resolveBookConfig(config);
    this.orders = new OrderStore(c.initialOrderCapacity);
    this.ladder = new PriceLadder(c.maxPriceSpanTicks);
    this.controls = new PriceControls(c);
    this.tickSize = c.tickSize;
    this.stpMode = c.stpMode;
    this.collector = sink ? null : new EventCollector();
    this.sink = sink ?? this.collector!;
  }

  // ---- convenient API ----

  /** Runs one command and returns its events. Only for books built without a custom sink. */
  submit(cmd: BookCommand): ExchangeEvent[] {
    applyCommand(this, cmd);
    return this.drainEvents();
  }

  /** Runs one command; its events go to the sink. */
  execute(cmd: BookCommand): void {
    applyCommand(this, cmd);
  }

  drainEvents(): ExchangeEvent[] {
    if (!this.collector) throw new Error(`book ${this.symbol} sends its events to a custom sink; use execute()`);
    return this.collector.drain();
  }

  // ---- fast path: numeric commands ----

  /**
   * A limit order: trades with what it crosses at the resting orders' prices, then its rest rests
   * (GTC), is cancelled (IOC), or it never trades unless it fills in full at once (FOK, else
   * expired). A post-only order that would trade is rejected instead.
   */
  limit(timeMs: number, orderId: number, side: Side, price: number, qty: number, tif: TimeInForce = TIF.GTC, postOnly = false, account = NO_ACCOUNT): void {
    const code = this.checkLimit(timeMs, orderId, side, price, qty, tif, postOnly, account);
    if (code !== null) {
      this.reject(timeMs, COMMAND.LIMIT, orderId, code);
      return;
    }
    this.sink.accepted(this.symbol, ++this.seq, timeMs, orderId, ORDER_TYPE.LIMIT, side, price, qty, tif, postOnly, account);
    if (tif === TIF.FOK && !this.canFill(side, price, qty, account)) {
      this.sink.expired(this.symbol, ++this.seq, timeMs, orderId, qty);
      return;
    }
    // Most limit orders do not cross on arrival: they skip the matching loop and its setup.
    const crosses = side === SIDE.BUY ? price >= this.ask : price <= this.bid;
    const left = crosses ? this.match(timeMs, orderId, side, price, qty, account) : qty;
    if (left === 0) return;
    if (crosses) this.afterMatch(timeMs, orderId, side, price, left, tif, postOnly, account);
    else if (tif === TIF.GTC) this.rest(orderId, side, price, left, account, postOnly);
    else this.cancelled(timeMs, orderId, left, CANCEL_REASON.IOC_REMAINDER);
  }

  /** A market order takes what the book offers; its unfilled rest is cancelled. */
  market(timeMs: number, orderId: number, side: Side, qty: number, account = NO_ACCOUNT): void {
    const code = this.checkOrder(timeMs, orderId, side, qty, account);
    if (code !== null) {
      this.reject(timeMs, COMMAND.MARKET, orderId, code);
      return;
    }
    this.sink.accepted(this.symbol, ++this.seq, timeMs, orderId, ORDER_TYPE.MARKET, side, 0, qty, TIF.IOC, false, account);
    const left = this.match(timeMs, orderId, side, side === SIDE.BUY ? MAX_PRICE : MIN_PRICE, qty, account);
    if (left > 0) this.cancelled(timeMs, orderId, left, this.stopReason === STOP_NONE ? CANCEL_REASON.MARKET_REMAINDER : this.stopCancelReason());
  }

  /** Cancels a resting order; accepted while halted. */
  cancel(timeMs: number, orderId: number): void {
    if (this.controls.halted) this.resumeIfDue(timeMs);
    const h = isOrderId(orderId) ? this.ids.get(orderId) : NIL;
    if (h === NIL) {
      this.reject(timeMs, COMMAND.CANCEL, orderId, isOrderId(orderId) ? REJECT.ORDER_UNKNOWN : REJECT.ORDER_ID_INVALID);
      return;
    }
    const qty = this.orders.qty[h]!;
    this.remove(h);
    this.cancelled(timeMs, orderId, qty, CANCEL_REASON.USER);
  }

  /**
   * Changes a resting order's price and/or open quantity. Only a pure size reduction keeps its
   * place in the queue; any price change or size increase re-enters it at the back (and, if the
   * new price crosses, it trades as an incoming order). A refused replace leaves the order as is.
   */
  replace(timeMs: number, orderId: number, price: number, qty: number): void {
    const code = this.checkReplace(timeMs, orderId, price, qty);
    if (code !== null) {
      this.reject(timeMs, COMMAND.REPLACE, orderId, code);
      return;
    }
    const o = this.orders;
    const h = this.ids.get(orderId);
    const previousPrice = o.price[h]!;
    const previousQty = o.qty[h]!;
    if (price === previousPrice && qty <= previousQty) {
      o.qty[h] = qty;
      this.ladder.total[price - this.ladder.base]! -= previousQty - qty;
      this.sink.replaced(this.symbol, ++this.seq, timeMs, orderId, price, qty, previousPrice, previousQty, true);
      return;
    }
    const side = o.side[h] as Side;
    const account = o.account[h]!;
    const postOnly = o.postOnly[h] === 1;
    this.remove(h);
    this.sink.replaced(this.symbol, ++this.seq, timeMs, orderId, price, qty, previousPrice, previousQty, false);
    const left = this.match(timeMs, orderId, side, price, qty, account);
    if (left > 0) this.afterMatch(timeMs, orderId, side, price, left, TIF.GTC, postOnly, account);
  }

  /** Sets the reference for price bands and circuit breakers, and re-arms every breaker level. */
  setReferencePrice(timeMs: number, price: number): void {
    if (this.controls.halted) this.resumeIfDue(timeMs);
    if (!isPrice(price)) {
      this.reject(timeMs, COMMAND.SET_REFERENCE_PRICE, 0, REJECT.REFERENCE_PRICE_INVALID);
      return;
    }
    this.controls.setReference(price);
    this.sink.referencePriceSet(this.symbol, ++this.seq, timeMs, price);
  }

  /** Ends a halt before its time (the only way out of an indefinite one). */
  resume(timeMs: number): void {
    if (!this.controls.halted) {
      this.reject(timeMs, COMMAND.RESUME, 0, REJECT.BOOK_NOT_HALTED);
      return;
    }
    this.controls.endHalt();
    this.sink.resumed(this.symbol, ++this.seq, timeMs);
  }

  /**
   * An operator halt: the book takes cancels only until resume(); time passing never ends it.
   * Resting orders stay. Rejected with BOOK_HALTED if the book is already halted (a breaker halt
   * whose time is up ends first, as before any command).
   */
  halt(timeMs: number): void {
    if (this.controls.halted && !this.resumeIfDue(timeMs)) {
      this.reject(timeMs, COMMAND.HALT, 0, REJECT.BOOK_HALTED);
      return;
    }
    const c = this.controls;
    c.startOperatorHalt();
    this.sink.halted(this.symbol, ++this.seq, timeMs, c.haltLevel, c.haltEndMs);
  }

  /** Lets time pass without an order: ends a halt whose time is up. */
  advanceTime(timeMs: number): void {
    if (this.controls.halted) this.resumeIfDue(timeMs);
  }

  // ---- queries ----

  get sequence(): number { return this.seq; }
  get orderCount(): number { return this.orders.size; }
  get bestBid(): number | undefined { return this.bid === NO_BID ? undefined : this.bid; }
  get bestAsk(): number | undefined { return this.ask === NO_ASK ? undefined : this.ask; }
  get referencePrice(): number | undefined { return this.controls.reference || undefined; }
  get lastTradePrice(): number | undefined { return this.lastTrade || undefined; }
  /** The limit prices the price band lets in now; undefined while no band applies. */
  get priceBand(): { low: number; high: number } | undefined {
    const c = this.controls;
    return c.reference === 0 || (c.bandLow === MIN_PRICE && c.bandHigh === MAX_PRICE) ? undefined : { low: c.bandLow, high: c.bandHigh };
  }
  get haltStatus(): HaltStatus {
    const c = this.controls;
    return { halted: c.halted, level: c.haltLevel, untilMs: c.haltEndMs };
  }

  order(orderId: number): RestingOrder | undefined {
    const h = isOrderId(orderId) ? this.ids.get(orderId) : NIL;
    return h === NIL ? undefined : this.orders.describe(h);
  }

  /** Aggregated levels of one side, best first: [price, total qty]. */
  depth(side: Side, maxLevels = Infinity): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (maxLevels > 0) this.forEachLevel(side, (price, total) => out.push([price, total]) < maxLevels);
    return out;
  }

  /** Resting orders of one side in priority order (best price first, then time). */
  restingOrders(side: Side): RestingOrder[] {
    const out: RestingOrder[] = [];
    this.forEachLevel(side, (_price, _total, head) => {
      for (let h = head; h !== NIL; h = this.orders.next[h]!) out.push(this.orders.describe(h));
      return true;
    });
    return out;
  }

  /**
   * FNV-1a over everything that decides future behaviour: sequence number, reference and last
   * trade price, halt state, and every resting order in priority order.
   */
  stateHash(): string {
    const c = this.controls;
    let h = fnvFloat64(FNV_OFFSET, this.seq);
    h = fnvInt32(fnvInt32(h, c.reference), this.lastTrade);
    h = fnvInt32(fnvInt32(fnvInt32(h, c.halted ? 1 : 0), c.haltLevel), c.nextLevel);
    h = fnvFloat64(h, c.haltEndMs);
    for (const side of [SIDE.BUY, SIDE.SELL] as const) {
      h = fnvInt32(h, -1 - side);
      this.forEachLevel(side, (_price, _total, head) => {
        h = this.orders.hashQueue(h, head);
        return true;
      });
    }
    return toHex32(h);
  }

  /** A copy of what a snapshot keeps of the book, taken at once (see RestingColumns), written out later. */
  capture(): CapturedBook {
    const o = this.orders;
    const side = (s: Side) => {
      const columns = new RestingColumns(o.size);
      this.forEachLevel(s, (_price, _total, head) => {
        for (let h = head; h !== NIL; h = o.next[h]!) columns.push(o.orderId[h]!, o.price[h]!, o.qty[h]!, o.account[h]!, o.postOnly[h]!);
        return true;
      });
      return columns;
    };
    return { seq: this.seq, lastTrade: this.lastTrade, controls: this.controls.saved(), bids: side(SIDE.BUY), asks: side(SIDE.SELL) };
  }

  /**
   * Makes this new book the one `saved` describes. Its orders rest again in priority order, so
   * each level's queue is as it was; the ladder may be laid out differently, which changes
   * nothing it decides (a price is refused only for the span of the resting orders).
   */
  restore(saved: SavedBook): void {
    if (this.seq !== 0 || this.orders.size !== 0) throw new Error(`book ${this.symbol}: only a new book can be restored from a snapshot`);
    this.controls.restore({ ...saved.controls, haltEndMs: saved.controls.haltEndMs ?? Infinity });
    this.seq = saved.seq;
    this.lastTrade = saved.lastTrade;
    for (const [side, orders] of [[SIDE.BUY, saved.bids], [SIDE.SELL, saved.asks]] as const) {
      for (const [orderId, price, qty, account, postOnly] of orders) {
        if (!this.ladder.cover(price)) throw new Error(`book ${this.symbol}: the snapshot's order ${orderId} at ${price} is outside the price span`);
        this.rest(orderId, side, price, qty, account, postOnly === 1);
      }
    }
  }

  // ---- validation ----

  private checkOrder(timeMs: number, orderId: number, side: number, qty: number, account: number): RejectCode | null {
    if (this.controls.halted && !this.resumeIfDue(timeMs)) return REJECT.BOOK_HALTED;
    if (!isOrderId(orderId)) return REJECT.ORDER_ID_INVALID;
    if (side !== SIDE.BUY && side !== SIDE.SELL) return REJECT.SIDE_INVALID;
    if (!isQty(qty)) return REJECT.ORDER_QTY_INVALID;
    if (!(account >= 0 && account <= MAX_ACCOUNT && isWhole(account))) return REJECT.ACCOUNT_INVALID;
    if (this.ids.get(orderId) !== NIL) return REJECT.ORDER_ID_DUPLICATE;
    return null;
  }

  private checkLimit(timeMs: number, orderId: number, side: number, price: number, qty: number, tif: number, postOnly: boolean, account: number): RejectCode | null {
    const code = this.checkOrder(timeMs, orderId, side, qty, account);
    if (code !== null) return code;
    if (tif !== TIF.GTC && tif !== TIF.IOC && tif !== TIF.FOK) return REJECT.TIF_INVALID;
    return this.checkPrice(side, price, tif === TIF.GTC, postOnly);
  }

  private checkReplace(timeMs: number, orderId: number, price: number, qty: number): RejectCode | null {
    if (this.controls.halted && !this.resumeIfDue(timeMs)) return REJECT.BOOK_HALTED;
    if (!isOrderId(orderId)) return REJECT.ORDER_ID_INVALID;
    const h = this.ids.get(orderId);
    if (h === NIL) return REJECT.ORDER_UNKNOWN;
    if (!isQty(qty)) return REJECT.ORDER_QTY_INVALID;
    return this.checkPrice(this.orders.side[h]!, price, true, this.orders.postOnly[h] === 1);
  }

  private checkPrice(side: number, price: number, mayRest: boolean, postOnly: boolean): RejectCode | null {
    if (!isPrice(price)) return REJECT.ORDER_PRICE_INVALID;
    if (this.tickSize !== 1 && price % this.tickSize !== 0) return REJECT.PRICE_OFF_TICK;
    if (price < this.controls.bandLow || price > this.controls.bandHigh) return REJECT.PRICE_OUTSIDE_BAND;
    if (postOnly && (side === SIDE.BUY ? price >= this.ask : price <= this.bid)) return REJECT.POST_ONLY_WOULD_TRADE;
    if (mayRest && !this.ladder.cover(price)) return REJECT.PRICE_OUT_OF_RANGE;
    return null;
  }

  // ---- matching ----

  /**
   * Trades the incoming order against the opposite side while prices cross `limitPrice`.
   * Returns the unfilled quantity; stopReason says whether self-trade prevention or a halt cut
   * the order short.
   */
  private match(timeMs: number, takerId: number, side: Side, limitPrice: number, qty: number, account: number): number {
    const o = this.orders;
    const oqty = o.qty, onext = o.next, oid = o.orderId, oacct = o.account;
    const ladder = this.ladder;
    const head = ladder.head, total = ladder.total, base = ladder.base;
    const buy = side === SIDE.BUY;
    const stpCheck = account !== NO_ACCOUNT && this.stpMode !== STP.NONE;
    const tripUp = this.controls.tripUp, tripDown = this.controls.tripDown;
    const sink = this.sink, symbol = this.symbol;
    this.stopReason = STOP_NONE;
    while (qty > 0) {
      const price = buy ? this.ask : this.bid;
      if (buy ? price > limitPrice : price < limitPrice) break;
      const li = price - base;
      let h = head[li]!;
      while (h !== NIL) {
        if (stpCheck && oacct[h] === account) {
          if (this.stpMode === STP.CANCEL_NEWEST) { this.stopReason = STOP_SELF_TRADE; break; }
          const next = onext[h]!;
          total[li]! -= oqty[h]!;
          this.cancelled(timeMs, oid[h]!, oqty[h]!, CANCEL_REASON.SELF_TRADE);
          this.ids.delete(oid[h]!);
          o.free(h);
          h = next;
          if (this.stpMode === STP.CANCEL_BOTH) { this.stopReason = STOP_SELF_TRADE; break; }
          continue;
        }
        const makerQty = oqty[h]!;
        const fill = makerQty < qty ? makerQty : qty;
        const makerLeft = makerQty - fill;
        qty -= fill;
        total[li]! -= fill;
        this.lastTrade = price;
        sink.trade(symbol, ++this.seq, timeMs, oid[h]!, takerId, price, fill, side, makerLeft, qty);
        if (makerLeft > 0) {
          oqty[h] = makerLeft;
        } else {
          const next = onext[h]!;
          this.ids.delete(oid[h]!);
          o.free(h);
          h = next;
        }
        if (price >= tripUp || price <= tripDown) { this.tripBreaker(timeMs, price); break; }
        if (qty === 0) break;
      }
      head[li] = h;
      if (h === NIL) this.levelEmptied(li, buy ? SIDE.SELL : SIDE.BUY);
      else o.prev[h] = NIL;
      if (this.stopReason !== STOP_NONE) break;
    }
    return qty;
  }

  /** Decides the fate of an incoming limit order's unfilled rest. */
  private afterMatch(timeMs: number, orderId: number, side: Side, price: number, left: number, tif: TimeInForce, postOnly: boolean, account: number): void {
    if (this.stopReason !== STOP_NONE) this.cancelled(timeMs, orderId, left, this.stopCancelReason());
    else if (tif === TIF.GTC) this.rest(orderId, side, price, left, account, postOnly);
    else this.cancelled(timeMs, orderId, left, CANCEL_REASON.IOC_REMAINDER);
  }

  private stopCancelReason(): CancelReason {
    return this.stopReason === STOP_HALT ? CANCEL_REASON.HALT : CANCEL_REASON.SELF_TRADE;
  }

  /** Whether a fill-or-kill order would fill in full, seeing self-trade prevention coming. */
  private canFill(side: Side, limitPrice: number, qty: number, account: number): boolean {
    const o = this.orders;
    const ladder = this.ladder;
    const buy = side === SIDE.BUY;
    const stpCheck = account !== NO_ACCOUNT && this.stpMode !== STP.NONE;
    let available = 0;
    let price = buy ? this.ask : this.bid;
    while (buy ? price <= limitPrice : price >= limitPrice) {
      const li = price - ladder.base;
      if (!stpCheck) {
        available += ladder.total[li]!;
      } else {
        for (let h = ladder.head[li]!; h !== NIL && available < qty; h = o.next[h]!) {
          if (o.account[h] !== account) available += o.qty[h]!;
          else if (this.stpMode !== STP.CANCEL_OLDEST) return false;
        }
      }
      if (available >= qty) return true;
      const next = buy ? ladder.scanUp(li + 1) : ladder.scanDown(li - 1);
      if (next < 0) return false;
      price = ladder.base + next;
    }
    return false;
  }

  // ---- book maintenance ----

  private rest(orderId: number, side: Side, price: number, qty: number, account: number, postOnly: boolean): void {
    const o = this.orders;
    const h = o.alloc(orderId, side, price, qty, account, postOnly);
    this.ids.set(orderId, h);
    const ladder = this.ladder;
    const li = price - ladder.base;
    const tail = ladder.tail[li]!;
    if (tail === NIL) {
      ladder.head[li] = h;
      ladder.markNonEmpty(li);
      if (side === SIDE.BUY) {
        this.bidLevels++;
        if (price > this.bid) this.bid = price;
      } else {
        this.askLevels++;
        if (price < this.ask) this.ask = price;
      }
    } else {
      o.next[tail] = h;
      o.prev[h] = tail;
    }
    ladder.tail[li] = h;
    ladder.total[li]! += qty;
  }

  /** Unlinks a resting order from its level and frees it. */
  private remove(h: number): void {
    const o = this.orders;
    const ladder = this.ladder;
    const li = o.price[h]! - ladder.base;
    const prev = o.prev[h]!, next = o.next[h]!;
    if (prev === NIL) ladder.head[li] = next;
    else o.next[prev] = next;
    if (next === NIL) ladder.tail[li] = prev;
    else o.prev[next] = prev;
    ladder.total[li]! -= o.qty[h]!;
    this.ids.delete(o.orderId[h]!);
    if (ladder.head[li] === NIL) this.levelEmptied(li, o.side[h]!);
    o.free(h);
  }

  /** Bookkeeping for a level that just lost its last order: bitmap, counts, best price. */
  private levelEmptied(li: number, side: number): void {
    const ladder = this.ladder;
    ladder.tail[li] = NIL;
    ladder.total[li] = 0;
    ladder.markEmpty(li);
    const price = ladder.base + li;
    if (side === SIDE.BUY) {
      if (--this.bidLevels === 0) this.bid = NO_BID;
      else if (price === this.bid) this.bid = ladder.base + ladder.scanDown(li - 1);
    } else if (--this.askLevels === 0) {
      this.ask = NO_ASK;
    } else if (price === this.ask) {
      this.ask = ladder.base + ladder.scanUp(li + 1);
    }
  }

  private tripBreaker(timeMs: number, price: number): void {
    const c = this.controls;
    c.startHalt(c.levelReachedBy(price), timeMs);
    this.stopReason = STOP_HALT;
    this.sink.halted(this.symbol, ++this.seq, timeMs, c.haltLevel, c.haltEndMs);
  }

  /** Ends the halt if its time is up; returns whether the book is now open. */
  private resumeIfDue(timeMs: number): boolean {
    const c = this.controls;
    if (timeMs < c.haltEndMs) return false;
    c.endHalt();
    this.sink.resumed(this.symbol, ++this.seq, timeMs);
    return true;
  }

  private cancelled(timeMs: number, orderId: number, qty: number, reason: CancelReason): void {
    this.sink.cancelled(this.symbol, ++this.seq, timeMs, orderId, qty, reason);
  }

  private reject(timeMs: number, command: CommandKind, orderId: number, code: RejectCode): void {
    this.sink.rejected(this.symbol, ++this.seq, timeMs, command, orderId, code);
  }

  /** Visits one side's levels best first until `visit` returns false. */
  private forEachLevel(side: Side, visit: (price: number, total: number, head: number) => boolean): void {
    const buy = side === SIDE.BUY;
    if ((buy ? this.bidLevels : this.askLevels) > 0) this.ladder.walk(buy ? this.bid : this.ask, buy, visit);
  }
}

/**
 * Whole-number test without `%`: V8 compiles `x % 1` on values it cannot prove are int32 (ids
 * read from a Uint32Array, doubles) to a call into libm's fmod, a measurable cost per order.
 */
const isWhole = (x: number): boolean => Math.floor(x) === x;
const isOrderId = (id: number): boolean => id >= 0 && id <= Number.MAX_SAFE_INTEGER && isWhole(id);
const isPrice = (p: number): boolean => p >= MIN_PRICE && p <= MAX_PRICE && isWhole(p);
const isQty = (q: number): boolean => q > 0 && q <= MAX_QTY && isWhole(q);
