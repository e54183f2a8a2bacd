import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface LogFilter {
  service?: string;
  requestId?: string;
  traceId?: string;
  correlationId?: string;
  /** Lowest level shown (trace < debug < info < warn < error < fatal). */
  level?: string;
  /** Only lines at or after this time (ms since epoch). */
  sinceMs?: number;
  /** Text the message must contain (case-insensitive). */
  text?: string;
  /** Lines whose request, correlation or trace id is any of these (one piece of work's ids). */
  anyId?: ReadonlySet<string>;
}

export type LogLine = Record<string, unknown> & { time?: string; level?: string; service?: string; msg?: string };

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

/**
 * The log files of a log dir, oldest first: `tradewatch[-<target>].<n>.log` (rotated by size,
 * numbered upwards) and the unnumbered file of earlier versions.
 */
export function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const number = (f: string) => Number(/\.(\d+)\.log$/.exec(f)?.[1] ?? 0);
  return readdirSync(dir)
    .filter((f) => /^tradewatch[\w.-]*\.log$/.test(f))
    .map((f) => ({ path: join(dir, f), mtimeMs: statSync(join(dir, f)).mtimeMs, n: number(f) }))
    .sort((a, b) => a.mtimeMs - b.mtimeMs || a.n - b.n)
    .map((f) => f.path);
}

export function matches(line: LogLine, f: LogFilter): boolean {
  if (f.service && line.service !== f.service) return false;
  if (f.requestId && line.request_id !== f.requestId) return false;
  if (f.traceId && line.trace_id !== f.traceId) return false;
  if (f.correlationId && line.correlation_id !== f.correlationId) return false;
  if (f.level && LEVELS.indexOf(String(line.level)) < LEVELS.indexOf(f.level)) return false;
  if (f.sinceMs !== undefined && !(Date.parse(String(line.time)) >= f.sinceMs)) return false;
  if (f.text && !String(line.msg ?? '').toLowerCase().includes(f.text.toLowerCase())) return false;
  if (f.anyId && ![line.request_id, line.correlation_id, line.trace_id].some((id) => typeof id === 'string' && f.anyId!.has(id))) return false;
  return true;
}

/**
 * The last `limit` matching lines across the files, oldest first. Files are read line by line, so
 * large logs are fine; lines that are not JSON (a crash trace, say) are skipped.
 */
export async function searchLogs(files: string[], filter: LogFilter, limit: number): Promise<LogLine[]> {
  const found: LogLine[] = [];
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const text of lines) {
      if (!text.startsWith('{')) continue;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        continue;
      }
      if (!matches(line, filter)) continue;
      found.push(line);
      if (found.length > limit) found.shift();
    }
  }
  return found;
}

export { LEVELS };
