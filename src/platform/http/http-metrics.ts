import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import type { MetricsRegistry } from '../telemetry/index.js';

/** Requests and latency by route template (bounded), method and status. */
export function installHttpMetrics(app: FastifyInstance, registry: MetricsRegistry): void {
  const requests = new Counter({
    name: 'tradewatch_http_requests_total', help: 'HTTP requests served', labelNames: ['route', 'method', 'status'], registers: [registry],
  });
  const duration = new Histogram({
    name: 'tradewatch_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['route', 'method'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ route, method: req.method, status: String(reply.statusCode) });
    duration.observe({ route, method: req.method }, reply.elapsedTime / 1000);
    done();
  });
}
