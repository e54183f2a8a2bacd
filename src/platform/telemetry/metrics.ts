import { performance } from 'node:perf_hooks';
import { Counter, Registry, collectDefaultMetrics, type OpenMetricsContentType } from 'prom-client';

export type MetricsRegistry = Registry<OpenMetricsContentType>;

/**
 * prom-client's defaults include gauges named *_total, which Prometheus conventions (and
 * `promtool check metrics`) reserve for counters; they are left out.
 */
const NON_CONFORMING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/**
 * One registry per process, with Node's standard process metrics (process_*, nodejs_*). It speaks
 * OpenMetrics, the format that carries exemplars (trace ids on latency histograms); Prometheus
 * scrapes it natively.
 */
export function createMetricsRegistry(): MetricsRegistry {
  const registry = createThreadRegistry();
  collectDefaultMetrics({ register: registry });
  for (const name of NON_CONFORMING_DEFAULTS) registry.removeSingleMetric(name);
  countEventLoopBusyTime(registry);
  return registry;
}

/**
 * The registry of a module running in a worker thread: its own metrics only. The process metrics
 * are the main thread's registry's, and the two expositions are served as one (see exposition).
 */
export function createThreadRegistry(): MetricsRegistry {
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

/**
 * Time the main thread spent running code rather than waiting for I/O or timers (Node's event
 * loop utilization). Its rate is the share of time the thread is busy: the saturation signal of a
 * Node process. Lag only shows once it is near 1; latency grows well before that, as queues form.
 * A counter, so that any number of scrapers can take rates of it.
 */
function countEventLoopBusyTime(registry: MetricsRegistry): void {
  let counted = 0;
  new Counter({
    name: 'tradewatch_runtime_event_loop_busy_seconds_total',
    help: 'Time the main thread spent running code rather than waiting; its rate is the event loop utilization (0-1)',
    registers: [registry],
    collect() {
      const busy = performance.eventLoopUtilization().active / 1000;
      // Only ever up: a counter that went down would fail the whole scrape.
      if (busy > counted) {
        this.inc(busy - counted);
        counted = busy;
      }
    },
  });
}

export const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * The registry's metrics in the format the scraper asked for: OpenMetrics (with exemplars) when
 * its Accept header names it, as Prometheus's does; the classic text format otherwise (curl,
 * promtool check metrics, older scrapers). The classic text is derived from the OpenMetrics
 * text: exemplars and the EOF marker dropped, counter families named with their _total samples.
 */
export async function exposition(registry: MetricsRegistry, accept: string | undefined, threads: readonly (() => Promise<string>)[] = []): Promise<{ contentType: string; body: string }> {
  const openMetrics = await withThreads(await registry.metrics(), threads);
  if (accept?.includes('application/openmetrics-text')) return { contentType: registry.contentType, body: openMetrics };
  const counters = new Set([...openMetrics.matchAll(/^# TYPE (\S+) counter$/gm)].map((m) => m[1]!));
  const lines = openMetrics.split('\n').flatMap((line) => {
    if (line === '# EOF') return [];
    const meta = /^# (HELP|TYPE) (\S+)( .*)$/.exec(line);
    if (meta) return counters.has(meta[2]!) ? [`# ${meta[1]} ${meta[2]}_total${meta[3]}`] : [line];
    const exemplarAt = line.indexOf(' # {');
    return [exemplarAt === -1 ? line : line.slice(0, exemplarAt)];
  });
  return { contentType: PROMETHEUS_TEXT, body: lines.join('\n') };
}

/** The main registry's OpenMetrics text with the worker threads' families before its one `# EOF`. */
async function withThreads(main: string, threads: readonly (() => Promise<string>)[]): Promise<string> {
  if (threads.length === 0) return main;
  const eof = /# EOF\n?$/;
  const parts = await Promise.all(threads.map((read) => read()));
  return [main.replace(eof, ''), ...parts.map((text) => text.replace(eof, '')), '# EOF\n'].join('');
}
