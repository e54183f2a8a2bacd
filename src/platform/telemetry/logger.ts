import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger, type DestinationStream } from 'pino';
import pinoRoll from 'pino-roll';
import { trace } from '@opentelemetry/api';
import { currentRequestContext } from './request-context.js';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** When set, JSON lines also go to this (rotating) file; see openLogFile. */
  file?: DestinationStream;
  /** Defaults to stdout. */
  stdout?: DestinationStream;
}

export interface LogFileOptions {
  dir: string;
  /** Names the files: `<name>.<n>.log`. */
  name: string;
  /** A file is closed and the next one opened at this size. */
  maxFileMb: number;
  /** Files kept, the one being written included; older ones are deleted. */
  maxFiles: number;
}

/**
 * A log file in `dir` that rotates by size: `<name>.1.log`, `<name>.2.log`, ... (numbering goes on
 * from the files already there), keeping the newest `maxFiles`.
 */
export async function openLogFile(opts: LogFileOptions): Promise<DestinationStream> {
  mkdirSync(opts.dir, { recursive: true });
  // Synchronous writes: log volume is modest, an early exit never leaves lines unwritten, and the
  // size check runs after every write, so a busy stretch cannot grow one file far past the limit.
  return pinoRoll({
    file: join(opts.dir, opts.name), extension: '.log', size: `${opts.maxFileMb}m`,
    limit: { count: opts.maxFiles, removeOtherLogFiles: true }, sync: true,
  });
}

/**
 * One JSON object a line: time, level, service, msg, plus request_id, correlation_id, trace_id and
 * span_id taken from the active context, so callers never pass them by hand.
 */
export function createLogger(opts: LoggerOptions): Logger {
  // Every stream takes whatever the logger lets through: a multistream entry defaults to info,
  // and `--log-level debug` would otherwise print nothing more.
  const streams: pino.StreamEntry[] = [{ level: 'trace', stream: opts.stdout ?? stdoutDestination() }];
  if (opts.file) streams.push({ level: 'trace', stream: opts.file });
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

/** The process's standard output as a log destination (asynchronous writes). */
export function stdoutDestination(): DestinationStream {
  return pino.destination({ fd: 1, sync: false });
}
