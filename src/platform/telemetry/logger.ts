import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger, type DestinationStream } from 'pino';
import { trace } from '@opentelemetry/api';
import { currentRequestContext } from './request-context.js';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** When set, JSON lines also go to <logDir>/tradewatch.log. */
  logDir?: string;
  /** Defaults to stdout. */
  stdout?: DestinationStream;
}

/**
 * One JSON object a line: time, level, service, msg, plus request_id, correlation_id, trace_id and
 * span_id taken from the active context, so callers never pass them by hand.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const streams: pino.StreamEntry[] = [{ stream: opts.stdout ?? pino.destination({ fd: 1, sync: false }) }];
  if (opts.logDir) {
    mkdirSync(opts.logDir, { recursive: true });
    // Synchronous: log volume is low, and an early exit then never finds the file half-open.
    streams.push({ stream: pino.destination({ dest: join(opts.logDir, 'tradewatch.log'), mkdir: true, sync: true }) });
  }
  return pino(
    {
      level: opts.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: contextFields,
    },
    pino.multistream(streams),
  );
}

function contextFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const req = currentRequestContext();
  if (req) {
    fields.request_id = req.requestId;
    fields.correlation_id = req.correlationId;
  }
  const span = trace.getActiveSpan()?.spanContext();
  if (span && span.traceId !== '00000000000000000000000000000000') {
    fields.trace_id = span.traceId;
    fields.span_id = span.spanId;
  }
  return fields;
}
