import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { OrderCommand } from '../../../src/contracts/orders.js';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { SimClock } from '../../../src/platform/clock/index.js';
import { SqliteStore } from '../../../src/platform/store/index.js';
import { createMetricsRegistry } from '../../../src/platform/telemetry/index.js';
import { ExchangeService } from '../../../src/services/exchange/adapters/exchange-service.js';
import { createExchangeMetrics } from '../../../src/services/exchange/metrics.js';

const ORDERS = 5000;

function service(store: SqliteStore, bus: MemoryBus, lines: string[] = []): ExchangeService {
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(...chunk.toString().trim().split('\n')); done(); } });
  return new ExchangeService({
    store, bus, clock: new SimClock(), logger: pino({ level: 'info' }, sink),
    metrics: createExchangeMetrics(createMetricsRegistry()), tracer: trace.getTracer('test'), chaos: { effects: null }, random: () => 0.5,
  }, ['AAPL'], {}, { maxBatch: 512 });
}

describe('exchange recovery', () => {
  const store = new SqliteStore(':memory:');
  const bus = new MemoryBus();
  after(async () => { await bus.close(); await store.close(); });

  it('logs its progress through a long journal, naming the entry it is at and the last one', async () => {
    const first = service(store, bus);
    await first.recover();
    const submit = (i: number): OrderCommand => ({
      kind: 'submit', account: 'alice', symbol: 'AAPL', side: 'buy', type: 'limit', price: 10_000 - (i % 100), qty: 1, tif: 'GTC', postOnly: false, clientOrderId: null,
    });
    await Promise.all(Array.from({ length: ORDERS }, (_, i) => first.handle(submit(i))));

    const lines: string[] = [];
    const recovered = await service(store, bus, lines).recover(0);
    assert.equal(recovered.entries, ORDERS);
    const progress = lines.map((l) => JSON.parse(l) as { msg: string; seq: number; lastSeq: number }).filter((l) => l.msg.startsWith('replaying the journal'));
    assert.deepEqual(progress.map((p) => [p.seq, p.lastSeq, p.msg]), [[4096, ORDERS, `replaying the journal: at entry 4096 of ${ORDERS}`]]);
  });
});
