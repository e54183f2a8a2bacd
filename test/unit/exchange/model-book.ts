/**
 * A deliberately naive order book for model-based tests: resting orders in one array, the
 * opposite side sorted by price then arrival on every match. It implements the same rules as
 * the core (price-time priority, TIFs, post-only, STP modes, cancel-replace priority) without
 * any of its data structures, and emits the same events minus symbol, seq and timeMs.
 */
import type { BookCommand, ExchangeEvent, SideName, StpModeName } from '../../../src/services/exchange/core/index.js';

export type ModelEvent = DistributiveOmit<ExchangeEvent, 'symbol' | 'seq' | 'timeMs'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface ModelOrder { orderId: number; side: SideName; price: number; qty: number; account: number; postOnly: boolean; arrival: number }

export class ModelBook {
  private resting: ModelOrder[] = [];
  private arrivals = 0;
  private out: ModelEvent[] = [];

  constructor(private readonly stpMode: StpModeName = 'cancel-newest', private readonly tickSize = 1) {}

  apply(cmd: BookCommand): ModelEvent[] {
    this.out = [];
    if (cmd.type === 'limit') this.limit(cmd.orderId, cmd.side, cmd.price, cmd.qty, cmd.tif ?? 'GTC', cmd.postOnly ?? false, cmd.account ?? 0);
    else if (cmd.type === 'market') this.market(cmd.orderId, cmd.side, cmd.qty, cmd.account ?? 0);
    else if (cmd.type === 'cancel') this.cancel(cmd.orderId);
    else if (cmd.type === 'replace') this.replace(cmd.orderId, cmd.price, cmd.qty);
    else throw new Error(`the model does not handle ${cmd.type}`);
    return this.out;
  }

  /** Resting orders of one side in priority order. */
  orders(side: SideName): Omit<ModelOrder, 'arrival'>[] {
    return this.priority(side).map(({ arrival: _arrival, ...o }) => o);
  }

  private priority(side: SideName): ModelOrder[] {
    return this.resting.filter((o) => o.side === side)
      .sort((a, b) => (side === 'buy' ? b.price - a.price : a.price - b.price) || a.arrival - b.arrival);
  }

  private find(orderId: number) { return this.resting.find((o) => o.orderId === orderId); }

  private crosses(side: SideName, price: number, limit: number) { return side === 'buy' ? price <= limit : price >= limit; }

  private priceCode(side: SideName, price: number, postOnly: boolean) {
    if (!(Number.isInteger(price) && price >= 1)) return 'ORDER_PRICE_INVALID' as const;
    if (price % this.tickSize !== 0) return 'PRICE_OFF_TICK' as const;
    const best = this.priority(side === 'buy' ? 'sell' : 'buy')[0];
    if (postOnly && best && this.crosses(side, best.price, price)) return 'POST_ONLY_WOULD_TRADE' as const;
    return null;
  }

  private limit(orderId: number, side: SideName, price: number, qty: number, tif: 'GTC' | 'IOC' | 'FOK', postOnly: boolean, account: number) {
    const code = !(Number.isInteger(qty) && qty > 0) ? 'ORDER_QTY_INVALID' as const
      : this.find(orderId) ? 'ORDER_ID_DUPLICATE' as const : this.priceCode(side, price, postOnly);
    if (code) return void this.out.push({ type: 'rejected', command: 'limit', orderId, code });
    this.out.push({ type: 'accepted', orderId, orderType: 'limit', side, price, qty, tif, postOnly, account });
    if (tif === 'FOK' && !this.canFill(side, price, qty, account)) return void this.out.push({ type: 'expired', orderId, qty });
    const { left, stopped } = this.match(orderId, side, price, qty, account);
    this.finish(orderId, side, price, left, stopped, tif, postOnly, account);
  }

  private market(orderId: number, side: SideName, qty: number, account: number) {
    const code = !(Number.isInteger(qty) && qty > 0) ? 'ORDER_QTY_INVALID' as const : this.find(orderId) ? 'ORDER_ID_DUPLICATE' as const : null;
    if (code) return void this.out.push({ type: 'rejected', command: 'market', orderId, code });
    this.out.push({ type: 'accepted', orderId, orderType: 'market', side, price: null, qty, tif: 'IOC', postOnly: false, account });
    const { left, stopped } = this.match(orderId, side, side === 'buy' ? Infinity : 0, qty, account);
    if (left > 0) this.out.push({ type: 'cancelled', orderId, qty: left, reason: stopped ? 'self-trade' : 'market-remainder' });
  }

  private cancel(orderId: number) {
    const o = this.find(orderId);
    if (!o) return void this.out.push({ type: 'rejected', command: 'cancel', orderId, code: 'ORDER_UNKNOWN' });
    this.resting = this.resting.filter((r) => r !== o);
    this.out.push({ type: 'cancelled', orderId, qty: o.qty, reason: 'user' });
  }

  private replace(orderId: number, price: number, qty: number) {
    const o = this.find(orderId);
    const code = !o ? 'ORDER_UNKNOWN' as const : !(Number.isInteger(qty) && qty > 0) ? 'ORDER_QTY_INVALID' as const : this.priceCode(o.side, price, o.postOnly);
    if (code || !o) return void this.out.push({ type: 'rejected', command: 'replace', orderId, code: code ?? 'ORDER_UNKNOWN' });
    const event = { type: 'replaced' as const, orderId, price, qty, previousPrice: o.price, previousQty: o.qty };
    if (price === o.price && qty <= o.qty) {
      o.qty = qty;
      return void this.out.push({ ...event, priorityKept: true });
    }
    this.resting = this.resting.filter((r) => r !== o);
    this.out.push({ ...event, priorityKept: false });
    const { left, stopped } = this.match(orderId, o.side, price, qty, o.account);
    this.finish(orderId, o.side, price, left, stopped, 'GTC', o.postOnly, o.account);
  }

  private stpApplies(account: number, maker: ModelOrder) {
    return account !== 0 && this.stpMode !== 'none' && maker.account === account;
  }

  private canFill(side: SideName, limit: number, qty: number, account: number): boolean {
    let available = 0;
    for (const maker of this.priority(side === 'buy' ? 'sell' : 'buy')) {
      if (!this.crosses(side, maker.price, limit)) break;
      if (this.stpApplies(account, maker)) {
        if (this.stpMode === 'cancel-oldest') continue;
        break;
      }
      available += maker.qty;
      if (available >= qty) return true;
    }
    return available >= qty;
  }

  private match(takerOrderId: number, side: SideName, limit: number, qty: number, account: number) {
    let stopped = false;
    for (const maker of this.priority(side === 'buy' ? 'sell' : 'buy')) {
      if (qty === 0 || !this.crosses(side, maker.price, limit)) break;
      if (this.stpApplies(account, maker)) {
        if (this.stpMode !== 'cancel-newest') {
          this.resting = this.resting.filter((r) => r !== maker);
          this.out.push({ type: 'cancelled', orderId: maker.orderId, qty: maker.qty, reason: 'self-trade' });
        }
        if (this.stpMode === 'cancel-oldest') continue;
        stopped = true;
        break;
      }
      const fill = Math.min(maker.qty, qty);
      maker.qty -= fill;
      qty -= fill;
      if (maker.qty === 0) this.resting = this.resting.filter((r) => r !== maker);
      this.out.push({ type: 'trade', makerOrderId: maker.orderId, takerOrderId, price: maker.price, qty: fill, aggressorSide: side, makerLeaves: maker.qty, takerLeaves: qty });
    }
    return { left: qty, stopped };
  }

  private finish(orderId: number, side: SideName, price: number, left: number, stopped: boolean, tif: string, postOnly: boolean, account: number) {
    if (left === 0) return;
    if (stopped) this.out.push({ type: 'cancelled', orderId, qty: left, reason: 'self-trade' });
    else if (tif === 'GTC') this.resting.push({ orderId, side, price, qty: left, account, postOnly, arrival: this.arrivals++ });
    else this.out.push({ type: 'cancelled', orderId, qty: left, reason: 'ioc-remainder' });
  }
}
