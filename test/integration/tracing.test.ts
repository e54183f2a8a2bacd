import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appConfigSchema } from '../../src/app/config.js';
import { issueKey } from '../support/api-keys.js';
import { startCli, tempDir, type RunningCli } from '../support/cli-process.js';
import { startOtlpReceiver } from '../support/otlp-receiver.js';
import { waitFor } from '../support/wait-for.js';

interface OrderReply { order: { order_id: string; status: string; trace_id: string | null }; trades: unknown[] }

// In a worker thread (exchange.thread worker) the exchange's spans and exemplars come from its own thread.
for (const thread of ['main', 'worker']) {
  describe(`traces: one order, one trace across the services (exchange on the ${thread} thread)`, () => {
    let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
    let proc: RunningCli;
    let key = '';
    const call = async (method: string, path: string, body?: unknown) => fetch(`${proc.url}${path}`, {
      method, headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body),
    });

    before(async () => {
      receiver = await startOtlpReceiver();
      const dataDir = tempDir();
      // The house strategies stay out of the books: the test's two orders trade with each other.
      proc = await startCli(['--data-dir', dataDir], {
        TRADEWATCH_STRATEGY_ENGINE__ENABLED: 'false', TRADEWATCH_EXCHANGE__THREAD: thread, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200',
      });
      key = await issueKey(appConfigSchema.parse({ dataDir }), 'trader');
      await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 30_000);
      await waitFor('reference price set', async () => {
        const s = await (await call('GET', '/api/v1/exchange/status')).json() as { books: { symbol: string; reference_price: string | null }[] };
        return s.books.find((b) => b.symbol === 'AAPL')?.reference_price != null;
      }, 30_000);
    });
    after(async () => {
      await proc?.signal('SIGTERM');
      await receiver?.close();
    });

    it('a crossing order is traced through gateway, exchange, risk-monitor and custodian, and its ack latency carries its trace id as an exemplar', async () => {
      const quote = await (await call('GET', '/api/v1/market/AAPL')).json() as { bid: string; ask: string };
      const price = (Math.round((Number(quote.bid) + Number(quote.ask)) / 2) + 1).toFixed(2);
      const order = (account: string, side: string) => call('POST', '/api/v1/orders', { account, symbol: 'AAPL', side, type: 'limit', price, quantity: '3' });
      assert.equal((await order('trace-maker', 'sell')).status, 201);
      const res = await order('trace-taker', 'buy');
      assert.equal(res.status, 201);
      const taker = await res.json() as OrderReply;
      assert.equal(taker.order.status, 'filled');
      const traceId = taker.order.trace_id;
      assert.match(traceId ?? '', /^[0-9a-f]{32}$/, 'the order records the trace it was sent in');

      const services = await waitFor('spans of four services in the order\'s trace', () => {
        const seen = new Set(receiver.spans.filter((s) => s.traceId === traceId).map((s) => s.service));
        return ['gateway', 'exchange', 'risk-monitor', 'custodian'].every((s) => seen.has(s)) ? seen : undefined;
      }, 20_000);
      assert.ok(services.size >= 4, `services in the trace: ${[...services].join(', ')}`);

      const spans = receiver.spans.filter((s) => s.traceId === traceId);
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const root = spans.find((s) => s.parentSpanId === '');
      assert.ok(root, 'the trace has a root span');
      assert.equal(root.service, 'gateway');
      assert.match(root.name, /^POST \/api\/v1\/orders/);
      const exchangeSpan = spans.find((s) => s.service === 'exchange' && s.name === 'exchange submit');
      assert.ok(exchangeSpan, 'the exchange records its own span for the order');
      for (const s of spans.filter((x) => x.service === 'custodian' || x.service === 'risk-monitor')) {
        assert.ok(byId.has(s.parentSpanId), `${s.service} span "${s.name}" hangs off a span of the same trace`);
      }

      // Prometheus negotiates OpenMetrics; the exemplar names a trace the collector received.
      const metrics = await (await fetch(`${proc.url}/metrics`, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } })).text();
      const exemplars = [...metrics.matchAll(/^tradewatch_exchange_order_ack_duration_seconds_bucket\{[^}]*command="submit"[^}]*\} \d+ # \{trace_id="([0-9a-f]{32})"\}/gm)].map((m) => m[1]);
      assert.ok(exemplars.length > 0, 'the ack latency buckets carry trace_id exemplars');
      assert.ok(exemplars.every((id) => receiver.spans.some((s) => s.traceId === id)), 'every exemplar points to a trace that was exported');
    });
  });
}
