export { createLogger, type Logger, type LoggerOptions } from './logger.js';
export { createMetricsRegistry } from './metrics.js';
export { startTracing, type Tracing } from './tracing.js';
export { outgoingHeaders, incomingContext } from './propagation.js';
export { currentRequestContext, runWithRequestContext, requestContextFrom, type RequestContext } from './request-context.js';
export { traceBus } from './traced-bus.js';
