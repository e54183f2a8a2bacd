import type { PlaceIntent, RoutedIntent, StrategyRunner, MarketView } from '../../../src/services/strategy-engine/core/index.js';

interface Resting {
  strategy: string;
  account: string;
  order: PlaceIntent;
  orderId: number;
}

/**
 * A toy exchange that answers the runner as the adapter would: IOCs fill in full at the touch
 * when they cross it (else expire), post-only quotes crossing the touch are rejected, others rest
 * and fill in full once the market trades through them. Counts cancels of orders it never had open.
 */
export class ToyVenue {
  unknownCancels = 0;
  fills = 0;
  private nextOrderId = 1;
  private readonly resting = new Map<number, Resting>();

  constructor(private readonly runner: StrategyRunner) {}

  step(view: MarketView): RoutedIntent[] {
    for (const r of [...this.resting.values()]) {
      const through = r.order.side === 'buy' ? view.ask <= r.order.priceTicks! : view.bid >= r.order.priceTicks!;
      if (r.order.symbol === view.symbol && through) this.fill(r, r.order.priceTicks!, view.timeMs);
    }
    const routed = this.runner.onMarket(view);
    for (const r of routed) this.execute(r, view);
    return routed;
  }

  private execute({ strategy, account, intent }: RoutedIntent, view: MarketView): void {
    if (intent.type === 'cancel') {
      const r = this.resting.get(intent.orderId);
      if (!r) { this.unknownCancels += 1; return; }
      this.resting.delete(intent.orderId);
      this.update(r, 'cancelled', 0);
      return;
    }
    const touch = intent.side === 'buy' ? view.ask : view.bid;
    const crosses = intent.side === 'buy' ? intent.priceTicks! >= touch : intent.priceTicks! <= touch;
    const r: Resting = { strategy, account, order: intent, orderId: this.nextOrderId++ };
    if (intent.tif === 'IOC') {
      if (crosses) this.fill(r, touch, view.timeMs);
      else this.update(r, 'expired', 0);
    } else if (crosses) {
      this.runner.onRejected(strategy, intent.clientOrderId, 'POST_ONLY_WOULD_TRADE');
    } else {
      this.resting.set(r.orderId, r);
      this.update(r, 'open', 0);
    }
  }

  private fill(r: Resting, priceTicks: number, timeMs: number): void {
    this.resting.delete(r.orderId);
    this.fills += 1;
    this.runner.onFill({ account: r.account, symbol: r.order.symbol, side: r.order.side, priceTicks, qtyLots: r.order.qtyLots, timeMs });
    this.update(r, 'filled', r.order.qtyLots);
  }

  private update(r: Resting, status: string, filledLots: number): void {
    const o = r.order;
    this.runner.onOrderUpdate({
      account: r.account, orderId: r.orderId, clientOrderId: o.clientOrderId, symbol: o.symbol, side: o.side,
      priceTicks: o.priceTicks, qtyLots: o.qtyLots, filledLots, status,
    });
  }
}
