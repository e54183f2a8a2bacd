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

const ORDERS = 6000;

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
    // A page of the journal (5,000 entries) at a time, and no line once the last is replayed.
    assert.deepEqual(progress.map((p) => [p.seq, p.lastSeq, p.msg]), [[5000, ORDERS, `replaying the journal: at entry 5000 of ${ORDERS}`]]);
  });

  it('compares the rebuilt books with the hash of the last clean stop only while the journal ends where that stop left it', async () => {
    const store2 = new SqliteStore(':memory:');
    try {
      const order = (price: number): OrderCommand => ({ kind: 'submit', account: 'bob', symbol: 'AAPL', side: 'sell', type: 'limit', price, qty: 1, tif: 'GTC', postOnly: false, clientOrderId: null });
      const first = service(store2, bus);
      assert.equal((await first.recover()).matchesLastStop, null, 'a new store has no stop to compare with');
      await first.handle(order(20_000));
      await first.stop();
      const second = service(store2, bus);
      assert.equal((await second.recover()).matchesLastStop, true);
      await second.handle(order(20_001)); // then it dies without a stop
      assert.equal((await service(store2, bus).recover()).matchesLastStop, null, 'no clean stop covers the whole journal: nothing to compare');

      // A store written before the seq was recorded holds a bare hash: it is compared as it was then.
      const replayed = await service(store2, bus).recover();
      await store2.execute('UPDATE exchange.state SET value = $1 WHERE key = $2', [replayed.stateHash, 'state_hash_at_stop']);
      assert.equal((await service(store2, bus).recover()).matchesLastStop, true);
      await store2.execute('UPDATE exchange.state SET value = $1 WHERE key = $2', ['00000000', 'state_hash_at_stop']);
      assert.equal((await service(store2, bus).recover()).matchesLastStop, false);
    } finally {
      await store2.close();
    }
  });
});
