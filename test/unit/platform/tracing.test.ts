import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { context, createTraceState, isSpanContextValid, trace, TraceFlags } from '@opentelemetry/api';
import { startTracing } from '../../../src/platform/telemetry/index.js';

describe('startTracing', () => {
  it('without an OTLP endpoint, spans are not recorded yet carry real trace ids, shared with their children', async () => {
    const tracing = startTracing({ target: 'all', version: 'test' });
    try {
      const tracer = tracing.tracer('exchange');
      const parent = tracer.startSpan('exchange submit');
      const child = tracer.startSpan('handle ex.trade', {}, trace.setSpan(context.active(), parent));
      assert.equal(parent.isRecording(), false);
      assert.ok(isSpanContextValid(parent.spanContext()), 'a trace id for logs and bus headers');
      assert.equal(parent.spanContext().traceFlags & TraceFlags.SAMPLED, 0, 'marked unsampled, so nothing downstream records it either');
      assert.equal(child.spanContext().traceId, parent.spanContext().traceId);
      assert.notEqual(child.spanContext().spanId, parent.spanContext().spanId);
    } finally {
      await tracing.shutdown();
    }
  });

  it('without an OTLP endpoint, an active span is the one its function sees, and a root span starts a trace of its own', async () => {
    const tracing = startTracing({ target: 'all', version: 'test' });
    try {
      const tracer = tracing.tracer('gateway');
      const parent = tracer.startSpan('POST /api/v1/orders');
      const inParent = trace.setSpan(context.active(), parent);
      const seen = tracer.startActiveSpan('exchange submit', {}, inParent, (span) => [span.spanContext(), trace.getActiveSpan()?.spanContext()]);
      assert.deepEqual(seen[1], seen[0]);
      assert.equal(seen[0]!.traceId, parent.spanContext().traceId);
      const vendor = trace.setSpanContext(context.active(), { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED, traceState: createTraceState('vendor=x') });
      const fromCaller = tracer.startSpan('GET /api/v1/orders', {}, vendor).spanContext();
      assert.deepEqual([fromCaller.traceId, fromCaller.traceState?.get('vendor')], ['0af7651916cd43dd8448eb211c80319c', 'x'], "a caller's trace and trace state carry on");
      const root = tracer.startSpan('strategy order', { root: true }, inParent);
      assert.ok(isSpanContextValid(root.spanContext()));
      assert.notEqual(root.spanContext().traceId, parent.spanContext().traceId);
    } finally {
      await tracing.shutdown();
    }
  });

  it('with an OTLP endpoint, spans are recorded and sampled', async () => {
    const tracing = startTracing({ target: 'all', version: 'test', otlpEndpoint: 'http://127.0.0.1:9' });
    try {
      const span = tracing.tracer('exchange').startSpan('exchange submit');
      assert.equal(span.isRecording(), true);
      assert.equal(span.spanContext().traceFlags & TraceFlags.SAMPLED, TraceFlags.SAMPLED);
    } finally {
      await tracing.shutdown();
    }
  });
});
