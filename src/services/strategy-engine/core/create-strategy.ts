import type { Rng } from '../../../platform/random/index.js';
import { ClientFlow } from './client-flow.js';
import type { StrategyConfig } from './config.js';
import { MarketMaker } from './market-maker.js';
import { MeanReversion } from './mean-reversion.js';
import { Momentum } from './momentum.js';
import type { OrderIds } from './order-ids.js';
import { PegArbitrage } from './peg-arbitrage.js';
import type { Strategy } from './types.js';

/** The strategy a (validated) configuration describes. */
export function createStrategy(config: StrategyConfig, ids: OrderIds, rng: Rng): Strategy {
  switch (config.kind) {
    case 'market-maker': return new MarketMaker(config, ids, rng);
    case 'momentum': return new Momentum(config, ids, rng);
    case 'mean-reversion': return new MeanReversion(config, ids, rng);
    case 'peg-arbitrage': return new PegArbitrage(config, ids, rng);
    case 'client-flow': return new ClientFlow(config, ids, rng);
  }
}
