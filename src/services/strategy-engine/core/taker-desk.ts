import type { Rng } from '../../../platform/random/index.js';
import type { OrderIds } from './order-ids.js';
import { expectedPosition, jitterLots, roomLots } from './sizing.js';
import type { Intent, MarketView, StrategyState } from './types.js';

export interface TakerLimits {
  orderLots: number;
  maxPositionLots: number;
  cooldownMs: number;
}

/**
 * The order desk shared by the taking strategies: IOC orders at the touch, sized with a little
 * jitter, capped by the position limit, at most one per cooldown per symbol.
 */
export class TakerDesk {
  private readonly lastOrderMs = new Map<string, number>();

  constructor(private readonly ids: OrderIds, private readonly rng: Rng, private readonly limits: TakerLimits) {}

  /** One IOC at the ask (buy) or bid (sell), of at most `maxLots`; none while cooling down or at the limit. */
  take(view: MarketView, state: StrategyState, side: 'buy' | 'sell', maxLots = Infinity): Intent[] {
    const last = this.lastOrderMs.get(view.symbol);
    if (last !== undefined && view.timeMs - last < this.limits.cooldownMs) return [];
    const room = roomLots(expectedPosition(state), side, this.limits.maxPositionLots);
    if (room < 1 || maxLots < 1) return [];
    const qtyLots = Math.min(jitterLots(this.rng, this.limits.orderLots), room, maxLots);
    this.lastOrderMs.set(view.symbol, view.timeMs);
    return [{
      type: 'place', symbol: view.symbol, side, priceTicks: side === 'buy' ? view.ask : view.bid,
      qtyLots, tif: 'IOC', postOnly: false, clientOrderId: this.ids.next(),
    }];
  }
}
