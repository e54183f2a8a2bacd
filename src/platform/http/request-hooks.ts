import type { FastifyInstance } from 'fastify';
import { context, trace, SpanKind, SpanStatusCode, type Tracer, type Span } from '@opentelemetry/api';
import { incomingContext, runWithRequestContext, type RequestContext } from '../telemetry/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    span?: Span;
  }
}

/**
 * Gives every request its ids (X-Request-ID / X-Correlation-ID accepted or generated, echoed on
 * the response) and a server span, and runs the rest of the request inside both contexts so logs,
 * bus messages and stored records pick them up.
 */
export function installRequestContext(app: FastifyInstance, tracer: Tracer, opts: { traceRoutes: (url: string) => boolean }): void {
  app.decorateRequest('ctx', undefined as unknown as RequestContext);
  app.addHook('onRequest', (req, reply, done) => {
    const { otel, request } = incomingContext(req.headers);
    req.ctx = request;
    reply.header('x-request-id', request.requestId);
    reply.header('x-correlation-id', request.correlationId);
    const route = req.routeOptions.url;
    let active = otel;
    if (route && opts.traceRoutes(route)) {
      req.span = tracer.startSpan(`${req.method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'http.route': route } }, otel);
      active = trace.setSpan(otel, req.span);
    }
    context.with(active, () => runWithRequestContext(request, done));
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (req.span) {
      req.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) req.span.setStatus({ code: SpanStatusCode.ERROR });
      req.span.end();
    }
    done();
  });
}
