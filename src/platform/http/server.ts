import Fastify, { type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from '../telemetry/index.js';
import { installErrorHandling } from './error-handler.js';
import { installHttpMetrics } from './http-metrics.js';
import { installRequestContext } from './request-hooks.js';
import type { MetricsRegistry } from '../telemetry/index.js';

export const BODY_LIMIT_BYTES = 64 * 1024;
/** How long a stopping server waits for a WebSocket client to answer its close frame. */
const WS_CLOSE_GRACE_MS = 1000;

/**
 * The process's HTTP server. Fastify's per-request logger stays off: it halves throughput on
 * hot routes; errors are logged by the error handler and traffic is counted in metrics.
 */
export async function createHttpServer(opts: { logger: Logger; registry: MetricsRegistry; tracer: Tracer }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, return503OnClosing: true });
  allowEmptyJsonOnDelete(app);
  installRequestContext(app, opts.tracer, { traceRoutes: (url) => url.startsWith('/api/') });
  installErrorHandling(app, opts.logger);
  installHttpMetrics(app, opts.registry);
  await app.register(websocket, { options: { maxPayload: BODY_LIMIT_BYTES }, preClose: closeWebSockets });
  return app;
}

/**
 * A DELETE carries no body, but clients that label every request as JSON send it with
 * `Content-Type: application/json` all the same: fastify's JSON parser would refuse that empty
 * body (400), so a cancel would fail for how its client was set up. Everything else is parsed as
 * fastify parses JSON by default, with the same protection against prototype poisoning.
 */
function allowEmptyJsonOnDelete(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body: string, done) => {
    if (body === '' && req.method === 'DELETE') return done(null, undefined);
    parseJson(req, body, done);
  });
}

/**
 * On stop, every WebSocket client is told 1001 (going away: reconnect elsewhere or later). The
 * server then waits for each to answer, up to ws's 30 s: a client that stopped reading never
 * answers and would hold up the whole stop, modules included, so past a grace period it is cut.
 */
function closeWebSockets(this: FastifyInstance, done: () => void): void {
  for (const client of this.websocketServer.clients) {
    client.close(1001, 'tradewatch is stopping');
    setTimeout(() => client.terminate(), WS_CLOSE_GRACE_MS).unref();
  }
  this.websocketServer.close();
  done();
}
