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
import { ExchangeService, MAX_LIVE_ORDERS_AT_STOP, MAX_LIVE_ORDERS_WHILE_RUNNING } from '../../../src/services/exchange/adapters/exchange-service.js';
import { createExchangeMetrics } from '../../../src/services/exchange/metrics.js';

const ORDERS = 6000;

function service(store: SqliteStore, bus: MemoryBus, lines: string[] = [], settings: { snapshotEveryEntries?: number; priceBandBps?: number } = {}): ExchangeService {
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(...chunk.toString().trim().split('\n')); done(); } });
  return new ExchangeService({
    store, bus, clock: new SimClock(), logger: pino({ level: 'info' }, sink),
    metrics: createExchangeMetrics(createMetricsRegistry()), tracer: trace.getTracer('test'), chaos: { effects: null }, random: () => 0.5,
  }, ['AAPL'], { priceBandBps: settings.priceBandBps ?? 0 }, { maxBatch: 512, snapshotEveryEntries: settings.snapshotEveryEntries });
}

/** Runs `body` with a store of its own, closed after. */
async function withOwnStore(body: (store: SqliteStore) => Promise<void>): Promise<void> {
  const store = new SqliteStore(':memory:');
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

const restingSell = (price: number): OrderCommand => ({ kind: 'submit', account: 'bob', symbol: 'AAPL', side: 'sell', type: 'limit', price, qty: 1, tif: 'GTC', postOnly: false, clientOrderId: null });
/** `count` sell orders that rest, over a thousand prices; their replies. */
const placeResting = (exchange: ExchangeService, count: number) => Promise.all(Array.from({ length: count }, (_, i) => exchange.handle(restingSell(20_000 + (i % 1000)))));
const messages = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { msg: string }).msg);

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
    await withOwnStore(async (store2) => {
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
    });
  });

  describe('snapshots', () => {
    it('a clean stop takes one, and the next start restores it and replays nothing', async () => {
      await withOwnStore(async (store2) => {
        const first = service(store2, bus);
        await first.recover();
        for (let i = 0; i < 30; i++) await first.handle(restingSell(20_000 + i));
        const before = first.status().stateHash;
        await first.stop();
        const recovered = await service(store2, bus).recover();
        assert.deepEqual(recovered, { fromSnapshot: 30, entries: 0, stateHash: before, matchesLastStop: true });
      });
    });

    it('come every snapshotEveryEntries, not while more than 50,000 orders are live; a start after a crash replays only the entries after the newest', async () => {
      await withOwnStore(async (store2) => {
        const lines: string[] = [];
        const live = MAX_LIVE_ORDERS_WHILE_RUNNING + 1;
        const first = service(store2, bus, lines, { snapshotEveryEntries: live });
        await first.recover();
        const ids = (await placeResting(first, live)).map((r) => r.order.orderId);
        await first.snapshotIfDue();
        const snapshots = () => messages(lines).filter((m) => m.startsWith('snapshot'));
        assert.deepEqual(snapshots(), [], `${live} entries, but as many live orders: one too many to take a snapshot while running`);
        await first.handle({ kind: 'cancel', account: 'bob', orderId: ids[0]! });
        await first.snapshotIfDue();
        const at = live + 1;
        assert.deepEqual(snapshots(), [`snapshot of the exchange state after journal entry ${at} stored: a start replays only the entries after it`]);
        for (let i = 0; i < 7; i++) await first.handle(restingSell(30_000 + i));
        await first.snapshotIfDue();
        assert.equal(snapshots().length, 1, '7 entries since: not due');

        // It dies without a stop: the start restores the snapshot and replays the 7 entries after it.
        const recovered = await service(store2, bus).recover();
        assert.deepEqual({ ...recovered, stateHash: undefined }, { fromSnapshot: at, entries: 7, stateHash: undefined, matchesLastStop: null });
        assert.equal(recovered.stateHash, first.status().stateHash);
        await store2.execute('DELETE FROM exchange.snapshots');
        assert.deepEqual(await service(store2, bus).recover(), { ...recovered, fromSnapshot: null, entries: at + 7 }, 'the whole journal replays to the same state');
      });
    });

    it('a stop with more live orders than it has time to store takes none, and says so', async () => {
      await withOwnStore(async (store2) => {
        const lines: string[] = [];
        const first = service(store2, bus, lines);
        await first.recover();
        const live = MAX_LIVE_ORDERS_AT_STOP + 1;
        await placeResting(first, live);
        await first.stop();
        assert.deepEqual(messages(lines).filter((m) => m.includes('snapshot')),
          [`no snapshot at this stop: ${live} live orders are more than a stop has time to store (${MAX_LIVE_ORDERS_AT_STOP}); the next start replays the ${live} journal entries since the last`]);
        const recovered = await service(store2, bus).recover();
        assert.deepEqual({ fromSnapshot: recovered.fromSnapshot, entries: recovered.entries, matchesLastStop: recovered.matchesLastStop }, { fromSnapshot: null, entries: live, matchesLastStop: true });
      });
    });

    it('one taken under other book settings, or that does not restore to its hash, is passed over with a warning and the whole journal replayed', async () => {
      await withOwnStore(async (store2) => {
        const first = service(store2, bus);
        await first.recover();
        for (let i = 0; i < 5; i++) await first.handle(restingSell(20_000 + i));
        await first.stop();

        const lines: string[] = [];
        const recovered = await service(store2, bus, lines, { priceBandBps: 500 }).recover();
        assert.deepEqual({ fromSnapshot: recovered.fromSnapshot, entries: recovered.entries }, { fromSnapshot: null, entries: 5 });
        assert.match(messages(lines).find((m) => m.startsWith('not starting from the')) ?? '', /^not starting from the newest snapshot \(after journal entry 5\): it was taken with other books or book settings .*; replaying the whole journal instead$/);

        await store2.execute('UPDATE exchange.snapshots SET state_hash = $1', ['00000000']);
        const lines2: string[] = [];
        const replayed = await service(store2, bus, lines2).recover();
        assert.deepEqual({ fromSnapshot: replayed.fromSnapshot, entries: replayed.entries, matchesLastStop: replayed.matchesLastStop }, { fromSnapshot: null, entries: 5, matchesLastStop: true });
        assert.match(messages(lines2).find((m) => m.startsWith('not starting from the')) ?? '', /restores to state hash [0-9a-f]{8}, not the 00000000 it was taken with/);

        await store2.execute('DELETE FROM exchange.snapshot_parts');
        const lines3: string[] = [];
        assert.equal((await service(store2, bus, lines3).recover()).entries, 5);
        assert.match(messages(lines3).find((m) => m.startsWith('not starting from the')) ?? '', /it could not be read \(the snapshot after entry 5 has 0 of its 1 parts\)/);
      });
    });
  });
});
