import type { Rng } from '../../../platform/random/index.js';
import type { StrategyConfig } from './config.js';
import type { OrderIds } from './order-ids.js';
import { expectedPosition } from './sizing.js';
import { TakerDesk } from './taker-desk.js';
import { signalKey, type Intent, type MarketView, type Strategy, type StrategyState } from './types.js';

type ClientFlowConfig = Extract<StrategyConfig, { kind: 'client-flow' }>;

/**
 * Client flow: the brokers' and retail orders a venue's market makers serve. Small marketable
 * IOCs (limit `slippageBps` through the feed's touch, as a protected market order) arrive at random (a Poisson process of `ordersPerMinute` per symbol), buy or sell by a
 * coin toss that leans against the position it has built, so it wanders around flat. It keeps
 * every book trading even when no signal fires.
 */
export class ClientFlow implements Strategy {
  private readonly lastViewMs = new Map<string, number>();
  private readonly latest: Record<string, number> = {};
  private readonly desk: TakerDesk;

  constructor(private readonly config: ClientFlowConfig, ids: OrderIds, private readonly rng: Rng) {
    this.desk = new TakerDesk(ids, rng, config);
  }

  decide(view: MarketView, state: StrategyState): Intent[] {
    const last = this.lastViewMs.get(view.symbol);
    this.lastViewMs.set(view.symbol, view.timeMs);
    if (last === undefined || view.timeMs <= last) return [];
    const arrival = 1 - Math.exp((-this.config.ordersPerMinute / 60_000) * (view.timeMs - last));
    if (this.rng.next() >= arrival) return [];
    const lean = Math.max(-1, Math.min(1, expectedPosition(state) / this.config.maxPositionLots));
    const buyChance = 0.5 - 0.4 * lean;
    this.latest[signalKey(view.symbol, 'buyChance')] = buyChance;
    const slip = this.config.slippageBps / 10_000;
    const marketable = { ...view, bid: Math.max(1, Math.floor(view.bid * (1 - slip))), ask: Math.ceil(view.ask * (1 + slip)) };
    return this.desk.take(marketable, state, this.rng.next() < buyChance ? 'buy' : 'sell');
  }

  signals(): Record<string, number> {
    return { ...this.latest };
  }
}
