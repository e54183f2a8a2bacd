export { createLogger, openLogFile, stdoutDestination, type Logger, type LoggerOptions, type LogFileOptions } from './logger.js';
export { createMetricsRegistry, createThreadRegistry, exposition, type MetricsRegistry } from './metrics.js';
export { startTracing, type Tracing, type TracingOptions } from './tracing.js';
export { outgoingHeaders, incomingContext, currentTraceparent, contextOfTraceparent, withTraces } from './propagation.js';
export { currentRequestContext, runWithRequestContext, requestContextFrom, type RequestContext } from './request-context.js';
export { traceBus, isTracedBus, type TracedBus } from './traced-bus.js';
