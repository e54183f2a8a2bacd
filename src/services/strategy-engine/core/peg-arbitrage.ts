import type { Rng } from '../../../platform/random/index.js';
import type { StrategyConfig } from './config.js';
import type { OrderIds } from './order-ids.js';
import { bpsFrom } from './sizing.js';
import { TakerDesk } from './taker-desk.js';
import { signalKey, type Intent, type MarketView, type Strategy, type StrategyState } from './types.js';

type PegArbitrageConfig = Extract<StrategyConfig, { kind: 'peg-arbitrage' }>;

/**
 * Stablecoin peg arbitrage: buys (IOC at the ask) when the ask is more than thresholdBps below
 * the peg, sells (IOC at the bid) when the bid is more than thresholdBps above it, betting on
 * the return to the peg. Inside the threshold it does nothing.
 */
export class PegArbitrage implements Strategy {
  private readonly latest: Record<string, number> = {};
  private readonly desk: TakerDesk;

  constructor(private readonly config: PegArbitrageConfig, ids: OrderIds, rng: Rng) {
    this.desk = new TakerDesk(ids, rng, config);
  }

  decide(view: MarketView, state: StrategyState): Intent[] {
    const peg = this.config.pegTicks[view.symbol];
    if (peg === undefined) return [];
    const askBelowBps = -bpsFrom(peg, view.ask);
    const bidAboveBps = bpsFrom(peg, view.bid);
    this.latest[signalKey(view.symbol, 'deviationBps')] = bpsFrom(peg, (view.bid + view.ask) / 2);
    if (askBelowBps > this.config.thresholdBps) return this.desk.take(view, state, 'buy');
    if (bidAboveBps > this.config.thresholdBps) return this.desk.take(view, state, 'sell');
    return [];
  }

  signals(): Record<string, number> {
    return { ...this.latest };
  }
}
