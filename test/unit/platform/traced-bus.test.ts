import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { trace, type SpanContext } from '@opentelemetry/api';
import { AlwaysOffSampler, InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { createMetricsRegistry, traceBus, withTraces } from '../../../src/platform/telemetry/index.js';

/** Publishes one message in the trace of the first of `spans`, linked to the others; resolves with the handler's active span context. */
async function deliverLinked(provider: NodeTracerProvider, spans: SpanContext[]): Promise<SpanContext | undefined> {
  const tracer = provider.getTracer('test');
  const bus = traceBus(new MemoryBus(), tracer, createMetricsRegistry());
  let handled!: (active: SpanContext | undefined) => void;
  const seen = new Promise<SpanContext | undefined>((resolve) => { handled = resolve; });
  await bus.subscribe('ex.trade.X', () => handled(trace.getActiveSpan()?.spanContext()));
  await withTraces(spans, (headers) => bus.publish('ex.trade.X', { n: 1 }, { headers }));
  const active = await seen;
  await bus.close();
  return active;
}

describe('traced bus: a message speaking for several traces', () => {
  const recorded = new InMemorySpanExporter();
  const recording = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(recorded)] });
  recording.register();
  const sampledOut = new NodeTracerProvider({ sampler: new AlwaysOffSampler() });
  after(async () => {
    await recording.shutdown();
    await sampledOut.shutdown();
  });

  const orderSpans = (provider: NodeTracerProvider) => ['first', 'second', 'third'].map((name) => {
    const span = provider.getTracer('test').startSpan(`order ${name}`);
    span.end();
    return span.spanContext();
  });

  it('when spans are recorded, the handler span joins the first trace and links the others', async () => {
    const [first, ...rest] = orderSpans(recording);
    await deliverLinked(recording, [first!, ...rest]);
    const handler = recorded.getFinishedSpans().find((s) => s.name === 'handle ex.trade');
    assert.ok(handler, 'a consumer span for the handler');
    assert.equal(handler.spanContext().traceId, first!.traceId);
    assert.equal(handler.parentSpanContext?.spanId, first!.spanId);
    assert.deepEqual(handler.links.map((l) => l.context.spanId), rest.map((s) => s.spanId));
  });

  it('when spans are sampled out, the handler still runs in the first trace (its logs carry that trace id)', async () => {
    const [first, ...rest] = orderSpans(sampledOut);
    const active = await deliverLinked(sampledOut, [first!, ...rest]);
    assert.equal(active?.traceId, first!.traceId);
    assert.notEqual(active?.spanId, first!.spanId, 'a span of its own, under the first');
  });
});
