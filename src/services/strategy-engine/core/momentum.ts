import type { Rng } from '../../../platform/random/index.js';
import type { StrategyConfig } from './config.js';
import type { OrderIds } from './order-ids.js';
import { RollingWindow } from './rolling-window.js';
import { bpsFrom } from './sizing.js';
import { TakerDesk } from './taker-desk.js';
import { signalKey, type Intent, type MarketView, type Strategy, type StrategyState } from './types.js';

type MomentumConfig = Extract<StrategyConfig, { kind: 'momentum' }>;

/**
 * Trend following: compares fast and slow moving averages of the mid over the last views; buys
 * (IOC at the ask) when fast is above slow by more than thresholdBps, sells (IOC at the bid) when
 * below. Silent until the slow window is full.
 */
export class Momentum implements Strategy {
  private readonly mids = new Map<string, RollingWindow>();
  private readonly latest: Record<string, number> = {};
  private readonly desk: TakerDesk;

  constructor(private readonly config: MomentumConfig, ids: OrderIds, rng: Rng) {
    this.desk = new TakerDesk(ids, rng, config);
    for (const s of config.symbols) this.mids.set(s, new RollingWindow(config.slowWindow));
  }

  decide(view: MarketView, state: StrategyState): Intent[] {
    const mids = this.mids.get(view.symbol);
    if (!mids) return [];
    mids.push((view.bid + view.ask) / 2);
    if (!mids.full) return [];
    const fast = mids.mean(this.config.fastWindow);
    const slow = mids.mean();
    const trendBps = bpsFrom(slow, fast);
    this.latest[signalKey(view.symbol, 'fast')] = fast;
    this.latest[signalKey(view.symbol, 'slow')] = slow;
    this.latest[signalKey(view.symbol, 'trendBps')] = trendBps;
    if (trendBps > this.config.thresholdBps) return this.desk.take(view, state, 'buy');
    if (trendBps < -this.config.thresholdBps) return this.desk.take(view, state, 'sell');
    return [];
  }

  signals(): Record<string, number> {
    return { ...this.latest };
  }
}
