import { describe, it, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { BusRemoteError, BusTimeout, BusUnavailable, TradewatchError } from '../../src/platform/errors/index.js';
import { IdempotencyFilter, idempotent, MemoryBus, NatsBus, openBus, type Bus, type BusMessage } from '../../src/platform/bus/index.js';
import { needService, TEST_NATS_URL, uniqueName } from '../support/services.js';
import { waitFor } from '../support/wait-for.js';

interface Adapter { name: string; open(t: TestContext): Promise<Bus | null>; dropStream(name: string): Promise<void> }

let natsAdmin: NatsBus | null = null;
const adapters: Adapter[] = [
  { name: 'memory', open: async () => new MemoryBus({ maxDeliveries: 5, redeliveryDelayMs: 20 }), dropStream: async () => undefined },
  {
    name: 'nats',
    open: async (t) => {
      if (!(await needService(t, 'NATS', async () => (await NatsBus.open(TEST_NATS_URL)).close()))) return null;
      return NatsBus.open(TEST_NATS_URL, 'tradewatch-contract-test');
    },
    dropStream: async (name) => {
      natsAdmin ??= await NatsBus.open(TEST_NATS_URL);
      await (natsAdmin as unknown as { jsm: { streams: { delete(n: string): Promise<boolean> } } }).jsm.streams.delete(name).catch(() => false);
    },
  },
];

for (const adapter of adapters) {
  describe(`bus contract: ${adapter.name}`, () => {
    let bus: Bus | null = null;
    const prefix = uniqueName('ct');
    const streams: string[] = [];
    const b = () => bus!;
    const s = (rest: string) => `${prefix}.${rest}`;

    before(async (t) => { bus = await adapter.open(t as unknown as TestContext); });
    after(async () => {
      if (!bus) return;
      await bus.close();
      for (const name of streams) await adapter.dropStream(name);
      await natsAdmin?.close();
      natsAdmin = null;
    });

    const stream = async (name: string, subjects: string[]) => {
      const full = `${prefix}_${name}`;
      streams.push(full);
      await b().ensureStream(full, subjects);
      return full;
    };

    it('delivers by wildcard (* one token, > the rest) and carries headers and the message id', async (t) => {
      if (!bus) return t.skip('service unavailable');
      const star: BusMessage[] = [];
      const rest: BusMessage[] = [];
      await b().subscribe(s('md.*'), (m) => { star.push(m); });
      await b().subscribe(s('md.>'), (m) => { rest.push(m); });
      await b().publish(s('md.BTC'), { p: 1 }, { id: 'm-1', headers: { 'x-request-id': 'r1', 'x-correlation-id': 'c1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
      await b().publish(s('md.BTC.l2'), { p: 2 });
      await waitFor('deliveries', () => star.length === 1 && rest.length === 2);
      assert.deepEqual(star[0]!.data, { p: 1 });
      assert.equal(star[0]!.id, 'm-1');
      assert.equal(star[0]!.headers['x-request-id'], 'r1');
      assert.equal(star[0]!.headers['x-correlation-id'], 'c1');
      assert.match(star[0]!.headers.traceparent!, /^00-0af7/);
      assert.deepEqual(rest.map((m) => m.subject), [s('md.BTC'), s('md.BTC.l2')]);
    });

    it('keeps per-subscription order for 200 messages', async (t) => {
      if (!bus) return t.skip('service unavailable');
      const got: number[] = [];
      await b().subscribe<number>(s('order'), async (m) => { if (m.data % 7 === 0) await new Promise((r) => setTimeout(r, 1)); got.push(m.data); });
      for (let i = 0; i < 200; i++) await b().publish(s('order'), i);
      await waitFor('200 messages', () => got.length === 200);
      assert.deepEqual(got, Array.from({ length: 200 }, (_, i) => i));
    });

    it('splits a queue group between members: none duplicated, none lost', async (t) => {
      if (!bus) return t.skip('service unavailable');
      const a: number[] = [];
      const c: number[] = [];
      await b().subscribe<number>(s('work'), (m) => { a.push(m.data); }, { queue: 'workers' });
      await b().subscribe<number>(s('work'), (m) => { c.push(m.data); }, { queue: 'workers' });
      for (let i = 0; i < 100; i++) await b().publish(s('work'), i);
      await waitFor('100 handled', () => a.length + c.length === 100);
      assert.deepEqual([...a, ...c].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
      assert.ok(a.length > 0 && c.length > 0, `both members worked (${a.length}/${c.length})`);
    });

    it('request/reply; timeouts are BusTimeout; a throwing responder is BusRemoteError with its code', async (t) => {
      if (!bus) return t.skip('service unavailable');
      await b().respond<{ x: number }, { y: number }>(s('double'), (m) => ({ y: m.data.x * 2 }));
      await b().respond(s('fail'), () => { throw new TradewatchError('UNKNOWN_SYMBOL', 'no such symbol', 404); });
      await b().respond(s('slow'), () => new Promise((r) => setTimeout(() => r('late'), 500)));
      assert.deepEqual((await b().request(s('double'), { x: 21 })).data, { y: 42 });
      await assert.rejects(b().request(s('fail'), {}), (err: unknown) => {
        assert.ok(err instanceof BusRemoteError);
        assert.equal(err.code, 'UNKNOWN_SYMBOL');
        assert.match(err.message, /no such symbol/);
        return true;
      });
      await assert.rejects(b().request(s('slow'), {}, { timeoutMs: 50 }), BusTimeout);
      await assert.rejects(b().request(s('nobody.home'), {}, { timeoutMs: 500 }), (err: unknown) => err instanceof BusUnavailable || err instanceof BusTimeout);
    });

    it('a durable subscription resumes after the last acknowledged message', async (t) => {
      if (!bus) return t.skip('service unavailable');
      await stream('dur', [s('dur.>')]);
      for (let i = 1; i <= 5; i++) await b().publish(s('dur.ev'), i, { id: `d-${i}` });
      const first: number[] = [];
      const sub = await b().subscribe<number>(s('dur.>'), (m) => { first.push(m.data); }, { durable: `${prefix}_c1` });
      await waitFor('first five', () => first.length === 5);
      await sub.unsubscribe();
      for (let i = 6; i <= 8; i++) await b().publish(s('dur.ev'), i, { id: `d-${i}` });
      const second: number[] = [];
      const again = await b().subscribe<number>(s('dur.>'), (m) => { second.push(m.data); }, { durable: `${prefix}_c1` });
      await waitFor('the three new ones', () => second.length === 3);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(first, [1, 2, 3, 4, 5]);
      assert.deepEqual(second, [6, 7, 8]);
      await again.unsubscribe();
    });

    it('redelivers after a throw (same id, deliveryCount 2); an idempotent handler processes each id once', async (t) => {
      if (!bus) return t.skip('service unavailable');
      await stream('retry', [s('retry.>')]);
      const deliveries: { id: string; count: number }[] = [];
      const processed: string[] = [];
      const filter = new IdempotencyFilter();
      let failedOnce = false;
      await b().subscribe(s('retry.>'), idempotent(async (m) => {
        deliveries.push({ id: m.id, count: m.deliveryCount });
        if (!failedOnce) { failedOnce = true; throw new Error('transient'); }
        processed.push(m.id);
      }, filter), { durable: `${prefix}_retry` });
      await b().publish(s('retry.a'), 'x', { id: 'r-1' });
      await waitFor('processed after retry', () => processed.length === 1, 5000);
      assert.deepEqual(deliveries, [{ id: 'r-1', count: 1 }, { id: 'r-1', count: 2 }]);
      assert.equal(filter.seen('r-1'), true, 'the filter remembers processed ids');
    });

    it('publishing the same id twice on a stream subject reaches a durable consumer once', async (t) => {
      if (!bus) return t.skip('service unavailable');
      await stream('dedupe', [s('dedupe.>')]);
      await b().publish(s('dedupe.a'), 1, { id: 'same' });
      await b().publish(s('dedupe.a'), 1, { id: 'same' });
      await b().publish(s('dedupe.a'), 2, { id: 'other' });
      const got: string[] = [];
      await b().subscribe(s('dedupe.>'), (m) => { got.push(m.id); }, { durable: `${prefix}_dedupe` });
      await waitFor('two distinct', () => got.length === 2);
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(got, ['same', 'other']);
    });

    it('reports health', async (t) => {
      if (!bus) return t.skip('service unavailable');
      assert.equal((await b().health()).ok, true);
    });
  });
}

describe('bus specifics', () => {
  it('close waits for a handler in flight', async () => {
    const bus = new MemoryBus();
    let finished = false;
    await bus.subscribe('slow', async () => { await new Promise((r) => setTimeout(r, 50)); finished = true; });
    await bus.publish('slow', 1);
    await new Promise((r) => setImmediate(r));
    await bus.close();
    assert.equal(finished, true);
    await assert.rejects(bus.publish('slow', 2), BusUnavailable);
  });

  it('an unreachable NATS is BusUnavailable with what to check', async () => {
    await assert.rejects(openBus({ url: 'nats://127.0.0.1:1' }), (err: unknown) => err instanceof BusUnavailable && /127\.0\.0\.1:1.*bus\.url/.test(err.message));
    await assert.rejects(openBus({ url: 'amqp://x' }), /nats:\/\//);
  });
});
