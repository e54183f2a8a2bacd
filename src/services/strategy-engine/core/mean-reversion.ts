import type { Rng } from '../../../platform/random/index.js';
import type { StrategyConfig } from './config.js';
import type { OrderIds } from './order-ids.js';
import { RollingWindow } from './rolling-window.js';
import { expectedPosition } from './sizing.js';
import { TakerDesk } from './taker-desk.js';
import { signalKey, type Intent, type MarketView, type Strategy, type StrategyState } from './types.js';

type MeanReversionConfig = Extract<StrategyConfig, { kind: 'mean-reversion' }>;

/**
 * Fades moves: the z-score of the mid against the rolling mean and standard deviation of the
 * last `window` mids (the current one included). Buys below -entryZ, sells above entryZ (IOC at
 * the touch), and trades back towards flat once |z| is under exitZ. Silent until the window is
 * full, and on a flat window (no deviation, no z).
 */
export class MeanReversion implements Strategy {
  private readonly mids = new Map<string, RollingWindow>();
  private readonly latest: Record<string, number> = {};
  private readonly desk: TakerDesk;

  constructor(private readonly config: MeanReversionConfig, ids: OrderIds, rng: Rng) {
    this.desk = new TakerDesk(ids, rng, config);
    for (const s of config.symbols) this.mids.set(s, new RollingWindow(config.window));
  }

  decide(view: MarketView, state: StrategyState): Intent[] {
    const mids = this.mids.get(view.symbol);
    if (!mids) return [];
    const mid = (view.bid + view.ask) / 2;
    mids.push(mid);
    if (!mids.full) return [];
    const stdev = mids.stdev();
    if (stdev === 0) return [];
    const mean = mids.mean();
    const z = (mid - mean) / stdev;
    this.latest[signalKey(view.symbol, 'mean')] = mean;
    this.latest[signalKey(view.symbol, 'stdev')] = stdev;
    this.latest[signalKey(view.symbol, 'z')] = z;
    if (z < -this.config.entryZ) return this.desk.take(view, state, 'buy');
    if (z > this.config.entryZ) return this.desk.take(view, state, 'sell');
    const position = expectedPosition(state);
    if (Math.abs(z) < this.config.exitZ && position !== 0) return this.desk.take(view, state, position > 0 ? 'sell' : 'buy', Math.abs(position));
    return [];
  }

  signals(): Record<string, number> {
    return { ...this.latest };
  }
}
