export { DEFAULT_INSTRUMENTS } from './instruments.js';
export { DEFAULT_MODEL_PARAMS, mergeModelParams, PriceModel, type PriceModelOverrides, type PriceModelParams, type Regime } from './price-model.js';
export { BookSynth, bookShapeFor, diffDepth, type BookShape, type Depth } from './book-synth.js';
export { MarketFeed, type MarketFeedOptions } from './feed.js';
export { autocorrelation, correlation, excessKurtosis, logReturns, mean } from './stats.js';
