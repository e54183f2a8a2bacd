import { context, propagation, trace, ROOT_CONTEXT, type Context, type Link, type SpanContext } from '@opentelemetry/api';
import { HEADER, type BusHeaders } from '../bus/bus.js';
import { currentRequestContext, requestContextFrom, type RequestContext } from './request-context.js';

/** Most traces one message links to besides its parent; a big batch links to its first few. */
const MAX_LINKS = 32;

/** Headers that carry the current request ids and trace context to the next hop (HTTP or bus). */
export function outgoingHeaders(extra?: BusHeaders): BusHeaders {
  const headers: BusHeaders = {};
  propagation.inject(context.active(), headers);
  const req = currentRequestContext();
  if (req) {
    headers[HEADER.requestId] = req.requestId;
    headers[HEADER.correlationId] = req.correlationId;
  }
  return extra ? Object.assign(headers, extra) : headers;
}

/** A header's value; a header sent more than once counts by its first value. */
const firstValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * The request ids and trace context a message or request arrived with. Header names must be in
 * lower case, as Node hands out HTTP headers and both bus adapters hand out message headers; the
 * propagators read repeated headers themselves.
 */
export function incomingContext(headers: Record<string, string | string[] | undefined>): { otel: Context; request: RequestContext } {
  return {
    otel: propagation.extract(context.active(), headers),
    request: requestContextFrom(firstValue(headers[HEADER.requestId]), firstValue(headers[HEADER.correlationId])),
  };
}

/** The active span as a W3C traceparent, to travel inside a message (one per batched command). */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier[HEADER.traceparent];
}

/** The context a traceparent stands for; the active one when there is none or it is malformed. */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  if (!traceparent) return context.active();
  const extracted = propagation.extract(ROOT_CONTEXT, { [HEADER.traceparent]: traceparent });
  return trace.getSpanContext(extracted) ? extracted : context.active();
}

/**
 * Runs `fn` as the first of `spans` (a message built from several traced pieces of work), with
 * the rest sent along as links: the consumer's span joins the first trace and links the others.
 */
export function withTraces<T>(spans: readonly SpanContext[], fn: (headers: BusHeaders) => T): T {
  const [first, ...rest] = spans;
  if (!first) return fn({});
  const links = rest.slice(0, MAX_LINKS).map((s) => `00-${s.traceId}-${s.spanId}-0${s.traceFlags.toString(16)}`);
  return context.with(trace.setSpanContext(ROOT_CONTEXT, first), () => fn(links.length > 0 ? { [HEADER.traceLinks]: links.join(',') } : {}));
}

type MessageHeaders = Record<string, string | string[] | undefined>;

/** The links header of a message, if it carries any (see withTraces). */
function linksHeader(headers: MessageHeaders): string | undefined {
  const raw = headers[HEADER.traceLinks];
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

/** True when a message carries links; much cheaper than reading them (linksOf). */
export const carriesLinks = (headers: MessageHeaders): boolean => linksHeader(headers) !== undefined;

/** The links a message carries (see withTraces). */
export function linksOf(headers: MessageHeaders): Link[] {
  const raw = linksHeader(headers);
  if (raw === undefined) return [];
  return raw.split(',').slice(0, MAX_LINKS).flatMap((tp) => {
    const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { [HEADER.traceparent]: tp }));
    return spanContext ? [{ context: spanContext }] : [];
  });
}
