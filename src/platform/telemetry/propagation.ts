import { context, propagation, type Context } from '@opentelemetry/api';
import { HEADER, type BusHeaders } from '../bus/bus.js';
import { currentRequestContext, requestContextFrom, type RequestContext } from './request-context.js';

/** Headers that carry the current request ids and trace context to the next hop (HTTP or bus). */
export function outgoingHeaders(extra?: BusHeaders): BusHeaders {
  const headers: BusHeaders = {};
  propagation.inject(context.active(), headers);
  const req = currentRequestContext();
  if (req) {
    headers[HEADER.requestId] = req.requestId;
    headers[HEADER.correlationId] = req.correlationId;
  }
  return { ...headers, ...extra };
}

/** The request ids and trace context a message or request arrived with. */
export function incomingContext(headers: Record<string, string | string[] | undefined>): { otel: Context; request: RequestContext } {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (typeof v === 'string') flat[k.toLowerCase()] = v;
    else if (Array.isArray(v) && v[0] !== undefined) flat[k.toLowerCase()] = v[0];
  }
  return {
    otel: propagation.extract(context.active(), flat),
    request: requestContextFrom(flat[HEADER.requestId], flat[HEADER.correlationId]),
  };
}
