import type { Command } from 'commander';
import type { HealthReport } from '../../platform/http/ops-routes.js';
import { addApiOptions, ApiError, apiTarget, callApi, type ApiTarget } from '../api-client.js';
import { millis } from '../format.js';
import { formatStatusTable, printJson } from '../output.js';
import { colour, withSpinner } from '../terminal.js';

/** health's own exit codes: scripts and probes can tell "degraded" from "down". */
const HEALTH_EXIT = { OK: 0, DEGRADED: 1, DOWN: 2 } as const;
type Overall = keyof typeof HEALTH_EXIT;

export interface HealthLine {
  name: string;
  status: 'OK' | 'WARN' | 'FAIL';
  latency_ms: number | null;
  detail: string;
}

/** One line per module, then one per dependency check of that module ("module/check"). */
export function healthLines(report: HealthReport): HealthLine[] {
  return report.modules.flatMap((m) => [
    { name: m.name, status: m.state === 'running' ? 'OK' as const : 'FAIL' as const, latency_ms: null, detail: m.error ? `${m.state}: ${m.error}` : m.state },
    ...m.checks.map((c) => ({
      name: `${m.name}/${c.name}`,
      // A side service (required: false, such as the supervised Prometheus) only degrades the system.
      status: c.ok ? 'OK' as const : c.required === false ? 'WARN' as const : 'FAIL' as const,
      latency_ms: c.latencyMs ?? null,
      detail: c.detail,
    })),
  ]);
}

export function overallOf(report: HealthReport, lines: HealthLine[]): Overall {
  if (!report.ready || lines.some((l) => l.status === 'FAIL')) return 'DOWN';
  if (report.status !== 'ok' || lines.some((l) => l.status === 'WARN')) return 'DEGRADED';
  return 'OK';
}

const isReport = (v: unknown): v is HealthReport =>
  typeof v === 'object' && v !== null && Array.isArray((v as HealthReport).modules) && typeof (v as HealthReport).status === 'string';

/** GET /health. A process that is not ready answers 503 with the same report, kept on the ApiError. */
async function fetchReport(target: ApiTarget): Promise<HealthReport> {
  try {
    return await callApi<HealthReport>(target, 'GET', '/health');
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 503) {
      if (isReport(err.body)) return err.body;
    }
    // Unreachable, or not the tradewatch gateway: down, whatever callApi would exit with.
    throw new ApiError(err.message, err.status, err.code, HEALTH_EXIT.DOWN);
  }
}

export function registerHealth(program: Command): void {
  addApiOptions(program.command('health'))
    .summary('health of every module and dependency; exit 0 healthy, 1 degraded, 2 down')
    .description('the health of a running system (GET /health, no API key needed): one line per module and per dependency check '
      + '(store, bus, ...) with status OK, WARN (a side service such as Prometheus is down) or FAIL, latency and detail. '
      + `Exit codes: ${HEALTH_EXIT.OK} healthy, ${HEALTH_EXIT.DEGRADED} degraded (warnings only), `
      + `${HEALTH_EXIT.DOWN} down (a module or required check failed, not ready, or the gateway unreachable)`)
    .action(async (opts: Record<string, unknown>) => {
      const target = apiTarget(opts);
      let report: HealthReport;
      try {
        report = await withSpinner('checking health', () => fetchReport(target));
      } catch (err) {
        if (opts.json && err instanceof ApiError) printJson({ status: 'DOWN', exitCode: HEALTH_EXIT.DOWN, error: err.message, lines: [] });
        throw err;
      }
      const lines = healthLines(report);
      const overall = overallOf(report, lines);
      process.exitCode = HEALTH_EXIT[overall];
      if (opts.json) return printJson({ status: overall, exitCode: HEALTH_EXIT[overall], lines });
      const table = formatStatusTable(['NAME', 'STATUS', 'LATENCY', 'DETAIL'],
        lines.map((l) => [l.name, l.status, millis(l.latency_ms), l.detail]), 1);
      const notReady = report.ready ? '' : ', not ready';
      process.stdout.write(`${table}\n\noverall: ${colour(overall)} (target ${report.target}, up ${report.uptime_s} s${notReady})\n`);
    });
}
