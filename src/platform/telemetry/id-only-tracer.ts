import { context, trace, TraceFlags, type Context, type Span, type SpanOptions, type Tracer } from '@opentelemetry/api';
import { RandomIdGenerator } from '@opentelemetry/sdk-trace-node';

/**
 * The tracer of a process that exports no spans. Its spans carry ids and nothing else: a root gets
 * a new trace id, every span a new span id in its parent's trace, so logs and bus messages still
 * join up by trace. The SDK would sample each span out, at about twice the cost, for the same ids.
 */
export class IdOnlyTracer implements Tracer {
  private readonly ids = new RandomIdGenerator();

  startSpan(_name: string, options?: SpanOptions, ctx: Context = context.active()): Span {
    const parent = options?.root ? undefined : trace.getSpanContext(ctx);
    return trace.wrapSpanContext({
      traceId: parent?.traceId ?? this.ids.generateTraceId(), spanId: this.ids.generateSpanId(), traceFlags: TraceFlags.NONE, traceState: parent?.traceState,
    });
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, ctx: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? rest[0] as SpanOptions : undefined;
    const ctx = rest.length > 2 ? rest[1] as Context : context.active();
    const span = this.startSpan(name, options, ctx);
    return context.with(trace.setSpan(ctx, span), fn as (span: Span) => ReturnType<F>, undefined, span);
  }
}
