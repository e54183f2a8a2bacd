import { context, trace, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { Counter, Histogram } from 'prom-client';
import type { Bus, BusMessage, Handler, PublishOptions, RequestOptions, Responder, RespondOptions, SubscribeOptions } from '../bus/bus.js';
import { carriesLinks, incomingContext, outgoingHeaders, linksOf } from './propagation.js';
import { runWithRequestContext } from './request-context.js';
import type { MetricsRegistry } from './metrics.js';

/** Bounded label: the first two tokens of a subject (`md.update.BTC-USD` -> `md.update`). */
const family = (subject: string) => subject.split('.').slice(0, 2).join('.');

/** A traced bus; `as(tracer)` is the same bus whose handler spans belong to that tracer's service. */
export interface TracedBus extends Bus {
  as(tracer: Tracer): Bus;
}

export function isTracedBus(bus: Bus): bus is TracedBus {
  return typeof (bus as Partial<TracedBus>).as === 'function';
}

/**
 * Wraps a Bus so every message carries the sender's request ids and trace context, every handler
 * runs inside them (logs and spans join up across services), and traffic is counted.
 * Handlers get a consumer span only when the message belongs to a trace, so timer-driven
 * traffic such as market-data ticks does not flood the trace store. A message that speaks for
 * several traces (a batch of trades from several orders) is parented to the first and linked to
 * the others. Without a registry nothing is counted: a module in a worker thread has its bus
 * traffic counted where its calls are made, on the process's bus.
 */
export function traceBus(inner: Bus, tracer: Tracer, registry: MetricsRegistry | null): TracedBus {
  const metrics = registry ? busMetrics(registry) : null;

  // Object.assign, not `{ ...opts, headers }`: on Node 20 a spread followed by a property the
  // spread object lacks costs about 1 µs, and every message sent goes through here.
  const withHeaders = <O extends PublishOptions>(opts?: O): O => Object.assign({} as O, opts, { headers: outgoingHeaders(opts?.headers) });
  const views = new WeakMap<Tracer, Bus>();

  function view(handlerTracer: Tracer): TracedBus {
    function wrap<T, R>(fn: (msg: BusMessage<T>) => R | Promise<R>): (msg: BusMessage<T>) => Promise<R> {
      return async (msg) => {
        const { otel, request } = incomingContext(msg.headers);
        const linked = carriesLinks(msg.headers);
        const inTrace = trace.getSpanContext(otel) !== undefined || linked;
        const subject = family(msg.subject);
        const stop = metrics?.duration.startTimer({ subject });
        const span = inTrace ? handlerTracer.startSpan(`handle ${subject}`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.destination.name': msg.subject } }, otel) : undefined;
        // Links are parsed only for a span that keeps them: a batch carries up to 32, and reading
        // them for every subscriber cost the in-process venue ~5% of its main thread with traces off.
        if (linked && span?.isRecording()) span.addLinks(linksOf(msg.headers));
        const ctx = span ? trace.setSpan(otel, span) : otel;
        try {
          const result = await context.with(ctx, () => runWithRequestContext(request, () => fn(msg)));
          metrics?.handled.inc({ subject, outcome: 'ok' });
          return result;
        } catch (err) {
          metrics?.handled.inc({ subject, outcome: 'error' });
          span?.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
          throw err;
        } finally {
          span?.end();
          stop?.();
        }
      };
    }

    return {
      kind: inner.kind,
      ensureStream: (name, subjects) => inner.ensureStream(name, subjects),
      async publish<T>(subject: string, data: T, opts?: PublishOptions) {
        await inner.publish(subject, data, withHeaders(opts));
        metrics?.published.inc({ subject: family(subject) });
      },
      subscribe: <T>(subject: string, handler: Handler<T>, opts?: SubscribeOptions) => inner.subscribe<T>(subject, wrap(handler), opts),
      request: <T, R>(subject: string, data: T, opts?: RequestOptions) =>
        inner.request<T, R>(subject, data, withHeaders(opts)),
      respond: <T, R>(subject: string, responder: Responder<T, R>, opts?: RespondOptions) => inner.respond<T, R>(subject, wrap(responder), opts),
      health: () => inner.health(),
      close: () => inner.close(),
      as(other: Tracer) {
        let bus = views.get(other);
        if (!bus) views.set(other, bus = view(other));
        return bus;
      },
    };
  }
  return view(tracer);
}

function busMetrics(registry: MetricsRegistry) {
  return {
    published: new Counter({ name: 'tradewatch_bus_messages_published_total', help: 'Messages published on the bus', labelNames: ['subject'], registers: [registry] }),
    handled: new Counter({ name: 'tradewatch_bus_messages_handled_total', help: 'Bus messages handled, by outcome', labelNames: ['subject', 'outcome'], registers: [registry] }),
    duration: new Histogram({
      name: 'tradewatch_bus_handler_duration_seconds', help: 'Time a bus handler took', labelNames: ['subject'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1], registers: [registry],
    }),
  };
}
