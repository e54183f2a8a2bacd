export { STRATEGY_KINDS, validateStrategyConfig, validateStrategyConfigs, type StrategyConfig, type StrategyKind } from './config.js';
export { defaultStrategies } from './defaults.js';
export { createStrategy } from './create-strategy.js';
export { MarketMaker } from './market-maker.js';
export { Momentum } from './momentum.js';
export { MeanReversion } from './mean-reversion.js';
export { PegArbitrage } from './peg-arbitrage.js';
export { OrderIds } from './order-ids.js';
export { IN_FLIGHT_TIMEOUT_MS, type OrderUpdate } from './order-tracker.js';
export { StrategyRunner, type RoutedIntent, type StrategyFill, type StrategyStatus } from './runner.js';
export {
  signalKey, splitSignalKey, type Intent, type MarketView, type OpenOrder, type PendingOrder, type PlaceIntent, type Strategy, type StrategyState,
} from './types.js';
export { fillsOf, orderUpdateOf } from './exchange-records.js';
export { ClientFlow } from './client-flow.js';
