import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { addConfigOptions } from '../config-options.js';
import { parseDuration } from '../duration.js';
import { EXIT } from '../exit-codes.js';
import { limitOption } from '../exchange-options.js';
import { loadAppConfig } from '../load-app-config.js';
import { LEVELS, logFiles, searchLogs, type LogLine } from '../../platform/telemetry/log-search.js';
import { printJson } from '../output.js';

const IDS = ['request_id', 'correlation_id', 'trace_id'] as const;
const SHOWN = new Set(['time', 'level', 'service', 'msg', 'pid', 'target', 'span_id', ...IDS]);
/** Most lines one search prints: all the kept log files (5 of 50 MB) hold about a million. */
const MAX_LINES = 100_000;

function format(line: LogLine): string {
  const extra = Object.entries(line).filter(([k]) => !SHOWN.has(k)).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const ids = IDS.filter((k) => line[k]).map((k) => `${k}=${String(line[k])}`);
  return [line.time, String(line.level ?? '').toUpperCase().padEnd(5), `[${line.service ?? line.target ?? '-'}]`, line.msg, ...extra, ...ids].filter(Boolean).join(' ');
}

export function registerLogs(program: Command): void {
  addConfigOptions(program.command('logs'))
    .description('search the JSON log files in the data dir (<dataDir>/logs): the last matching lines, oldest first')
    .option('--service <name>', 'only this service (e.g. exchange, risk-monitor, gateway)')
    .option('--request-id <id>', 'only lines of this request (X-Request-ID)')
    .option('--trace-id <id>', 'only lines of this trace')
    .option('--correlation-id <id>', 'only lines of this correlation id')
    .addOption(new Option('--level <level>', 'this level and above').choices(LEVELS))
    .option('--since <duration>', 'only the last 15m, 2h, 1d ...')
    .option('--grep <text>', 'message contains this text')
    .addOption(limitOption('at most this many lines', 200, MAX_LINES))
    .option('--json', 'print the lines as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const config = loadAppConfig(opts);
      const dir = join(config.dataDir, 'logs');
      const files = logFiles(dir);
      if (files.length === 0) {
        process.stderr.write(`no log files in ${dir}: has tradewatch run with this data dir (--data-dir) and log.file on?\n`);
        process.exitCode = EXIT.FAILURE;
        return;
      }
      const lines = await searchLogs(files, {
        service: opts.service as string | undefined, requestId: opts.requestId as string | undefined, traceId: opts.traceId as string | undefined,
        correlationId: opts.correlationId as string | undefined, level: opts.level as string | undefined, text: opts.grep as string | undefined,
        sinceMs: typeof opts.since === 'string' ? Date.now() - parseDuration('--since', opts.since) : undefined,
      }, opts.limit as number);
      if (opts.json) printJson(lines);
      else for (const line of lines) process.stdout.write(`${format(line)}\n`);
      if (lines.length === 0 && !opts.json) process.stderr.write('no matching lines\n');
    });
}
