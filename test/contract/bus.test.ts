import { describe, it, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { BusRemoteError, BusTimeout, BusUnavailable, TradewatchError } from '../../src/platform/errors/index.js';
import { MessageChannel } from 'node:worker_threads';
import { hostPortBus, IdempotencyFilter, idempotent, MemoryBus, NatsBus, openBus, PortBus, subjectMatches, type Bus, type BusMessage } from '../../src/platform/bus/index.js';
import { needService, TEST_NATS_URL, uniqueName } from '../support/services.js';
import { waitFor } from '../support/wait-for.js';

/** Short redelivery settings, so that retry tests take milliseconds. */
const retry = { maxDeliveries: 3, redeliveryDelayMs: 20 };
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Adapter {
  name: string;
  /** False (with t.skip called) when the service is unreachable; under CI=true it throws instead. */
  available(t: Pick<TestContext, 'skip'>): Promise<boolean>;
  open(): Promise<Bus>;
  dropStreams(names: string[]): Promise<void>;
  /** A reply declared fresh reaches the requester as the very object (only within one thread). */
  passesFreshReplies: boolean;
}

const adapters: Adapter[] = [
  { name: 'memory', available: async () => true, open: async () => new MemoryBus(retry), dropStreams: async () => undefined, passesFreshReplies: true },
  { name: 'memory, from a worker thread', available: async () => true, open: async () => throughPort(new MemoryBus(retry)), dropStreams: async () => undefined, passesFreshReplies: false },
  {
    name: 'nats',
    // needService only calls t.skip, which is all a suite-level probe can offer.
    available: (t) => needService(t as TestContext, `NATS at ${TEST_NATS_URL}`, async () => (await NatsBus.open(TEST_NATS_URL)).close()),
    open: () => NatsBus.open(TEST_NATS_URL, { name: 'tradewatch-contract-test', retry }),
    dropStreams: async (names) => {
      const nc = await connect({ servers: TEST_NATS_URL });
      const jsm = await jetstreamManager(nc);
      for (const name of names) await jsm.streams.delete(name).catch(() => false);
      await nc.close();
    },
    passesFreshReplies: false,
  },
];

/** `inner` as a module in a worker thread sees it: through a PortBus and its host (here over an in-thread channel). */
function throughPort(inner: Bus): Bus {
  const { port1, port2 } = new MessageChannel();
  const host = hostPortBus(inner, port2);
  const bus = new PortBus(inner.kind, port1);
  const closeBus = bus.close.bind(bus);
  return Object.assign(bus, { close: async () => { await closeBus(); await host.close(); await inner.close(); } });
}

/** A promise to hold a handler in flight until the test lets it go. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => { open = resolve; });
  return { wait, open };
}

/** Why an adapter's suite cannot run here, if it cannot (needService fails the run under CI=true). */
async function skipReason(adapter: Adapter): Promise<string | undefined> {
  let reason: string | undefined;
  return (await adapter.available({ skip: (why?: string) => { reason = why; } })) ? undefined : reason;
}

for (const adapter of adapters) {
  const skip = await skipReason(adapter);
  describe(`bus contract: ${adapter.name}`, { skip }, () => {
    let bus: Bus | undefined;
    const extraBuses: Bus[] = [];
    const prefix = uniqueName('ct');
    const streams: string[] = [];
    const b = () => bus!;
    const s = (rest: string) => `${prefix}.${rest}`;
    const durable = (name: string) => `${prefix}_${name}`;
    const stream = async (name: string) => {
      const full = `${prefix}_${name}`;
      streams.push(full);
      await b().ensureStream(full, [s(`${name}.>`)]);
    };

    before(async () => { bus = await adapter.open(); });
    after(async () => {
      await Promise.all([bus, ...extraBuses].map((x) => x?.close()));
      await adapter.dropStreams(streams);
    });

    it('delivers by wildcard (* one token, > one or more) with headers and the message id', async () => {
      const star: BusMessage[] = [];
      const rest: BusMessage[] = [];
      await b().subscribe(s('md.*'), (m) => { star.push(m); });
      await b().subscribe(s('md.>'), (m) => { rest.push(m); });
      const headers = { 'x-request-id': 'r1', 'x-correlation-id': 'c1', traceparent: TRACEPARENT };
      await b().publish(s('md.BTC'), { p: 1 }, { id: 'm-1', headers });
      await b().publish(s('md.BTC.l2'), { p: 2 });
      await b().publish(s('md'), { p: 3 });
      await b().publish(s('md.END'), null);
      await waitFor('both subscriptions to see the last message', () => star.at(-1)?.subject === s('md.END') && rest.at(-1)?.subject === s('md.END'));
      assert.deepEqual(star.map((m) => m.subject), [s('md.BTC'), s('md.END')]);
      assert.deepEqual(rest.map((m) => m.subject), [s('md.BTC'), s('md.BTC.l2'), s('md.END')]);
      assert.deepEqual(star[0]!.data, { p: 1 });
      assert.equal(star[0]!.id, 'm-1');
      assert.equal(star[0]!.deliveryCount, 1);
      assert.deepEqual(star[0]!.headers, { ...headers, 'msg-id': 'm-1' });
      assert.match(rest[1]!.id, UUID, 'an id is generated when none is given');
      assert.equal(rest[1]!.headers['msg-id'], rest[1]!.id);
    });

    it('delivers asynchronously, and a JSON copy: no object is shared with the publisher', async () => {
      const got: BusMessage<Record<string, unknown>>[] = [];
      await b().subscribe<Record<string, unknown>>(s('json'), (m) => { got.push(m); });
      const sent = { when: new Date(0), nested: { n: 1 }, gone: undefined };
      const publishing = b().publish(s('json'), sent);
      assert.equal(got.length, 0, 'no handler runs inside publish');
      await publishing;
      sent.nested.n = 2;
      await waitFor('the message', () => got.length === 1);
      assert.deepEqual(got[0]!.data, { when: '1970-01-01T00:00:00.000Z', nested: { n: 1 } });
      await assert.rejects(b().publish(s('json'), { big: 1n }), TypeError, 'what JSON cannot carry is refused');
    });

    it('keeps per-subscription order for 200 messages, one handler call at a time', async () => {
      const got: number[] = [];
      let running = 0;
      let overlapped = false;
      await b().subscribe<number>(s('order'), async (m) => {
        overlapped ||= ++running > 1;
        if (m.data % 7 === 0) await new Promise((r) => setTimeout(r, 1));
        got.push(m.data);
        running--;
      });
      for (let i = 0; i < 200; i++) await b().publish(s('order'), i);
      await waitFor('200 messages', () => got.length === 200);
      assert.deepEqual(got, Array.from({ length: 200 }, (_, i) => i));
      assert.equal(overlapped, false, 'handler calls never overlap');
    });

    it('a subscription made or ended between two publishes on a subject sees exactly the messages after it', async () => {
      const early: number[] = [];
      const late: number[] = [];
      const first = await b().subscribe<number>(s('route'), (m) => { early.push(m.data); });
      await b().publish(s('route'), 1);
      await b().subscribe<number>(s('*'), (m) => { if (m.subject === s('route')) late.push(m.data); });
      await b().publish(s('route'), 2);
      await waitFor('both delivered', () => early.length === 2 && late.length === 1);
      await first.unsubscribe();
      await b().publish(s('route'), 3);
      await waitFor('the late subscriber to get 3', () => late.length === 2);
      assert.deepEqual(early, [1, 2]);
      assert.deepEqual(late, [2, 3]);
    });

    it('splits a queue group between members: none duplicated, none lost', async () => {
      const a: number[] = [];
      const c: number[] = [];
      const all: number[] = [];
      await b().subscribe<number>(s('work'), (m) => { a.push(m.data); }, { queue: 'workers' });
      await b().subscribe<number>(s('work'), (m) => { c.push(m.data); }, { queue: 'workers' });
      await b().subscribe<number>(s('work'), (m) => { all.push(m.data); });
      for (let i = 0; i < 100; i++) await b().publish(s('work'), i);
      await waitFor('100 handled in the group', () => a.length + c.length === 100 && all.length === 100);
      assert.deepEqual([...a, ...c].sort((x, y) => x - y), Array.from({ length: 100 }, (_, i) => i));
      assert.ok(a.length > 0 && c.length > 0, `both members worked (${a.length}/${c.length})`);
    });

    it('request/reply; a timeout is BusTimeout; a throwing responder is BusRemoteError with its code', async () => {
      const seen: BusMessage[] = [];
      await b().respond<{ x: number }, { y: number }>(s('double'), (m) => { seen.push(m); return { y: m.data.x * 2 }; });
      await b().respond(s('fail'), () => { throw new TradewatchError('UNKNOWN_SYMBOL', 'no such symbol', 404); });
      await b().respond(s('slow'), () => new Promise((r) => setTimeout(() => r('late'), 300)));
      await b().respond(s('bigint'), () => ({ n: 1n }));
      const reply = await b().request<{ x: number }, { y: number }>(s('double'), { x: 21 }, { headers: { 'x-request-id': 'req-7' } });
      assert.deepEqual(reply.data, { y: 42 });
      assert.equal(seen[0]!.headers['x-request-id'], 'req-7', 'request headers reach the responder');
      await assert.rejects(b().request(s('fail'), {}), (err: unknown) => {
        assert.ok(err instanceof BusRemoteError, `got ${String(err)}`);
        assert.equal(err.code, 'UNKNOWN_SYMBOL');
        assert.match(err.message, /no such symbol/);
        return true;
      });
      await assert.rejects(b().request(s('slow'), {}, { timeoutMs: 50 }), BusTimeout);
      await assert.rejects(b().request(s('bigint'), {}), (err: unknown) => err instanceof BusRemoteError && err.code === 'INTERNAL');
      await assert.rejects(b().request(s('nobody.home'), {}, { timeoutMs: 500 }), BusUnavailable);
    });

    it('a reply is a copy the responder cannot change afterwards, unless it declares its replies fresh (then in process it is passed as is)', async () => {
      const kept = { nested: { n: 1 } };
      const fresh = { nested: { n: 1 } };
      await b().respond(s('kept'), () => kept);
      await b().respond(s('fresh'), () => fresh, { freshReplies: true });
      const copied = await b().request<unknown, typeof kept>(s('kept'), {});
      kept.nested.n = 2;
      assert.deepEqual(copied.data, { nested: { n: 1 } }, 'a later change by the responder does not reach the requester');
      const handed = await b().request<unknown, typeof fresh>(s('fresh'), {});
      assert.deepEqual(handed.data, { nested: { n: 1 } });
      assert.equal(handed.data === fresh, adapter.passesFreshReplies, 'only the in-process bus, within one thread, skips the copy');
    });

    it('a durable subscription resumes after the last acknowledged message', async () => {
      await stream('dur');
      for (let i = 1; i <= 5; i++) await b().publish(s('dur.ev'), i, { id: `d-${i}` });
      const first: number[] = [];
      const third = gate();
      const sub = await b().subscribe<number>(s('dur.>'), async (m) => { first.push(m.data); if (m.data === 3) await third.wait; }, { durable: durable('c1') });
      await waitFor('the third message in flight', () => first.length === 3);
      const stopping = sub.unsubscribe();
      third.open();
      await stopping;
      // Unsubscribe finishes what the subscription already took (NATS pulls ahead), nothing more.
      assert.deepEqual(first.slice(0, 3), [1, 2, 3]);
      const handledBefore = first.length;
      for (let i = 6; i <= 8; i++) await b().publish(s('dur.ev'), i, { id: `d-${i}` });
      const second: number[] = [];
      const again = await b().subscribe<number>(s('dur.>'), (m) => { second.push(m.data); }, { durable: durable('c1') });
      await b().publish(s('dur.ev'), 9, { id: 'd-9' });
      await waitFor('the last one', () => second.includes(9));
      assert.equal(first.length, handledBefore, 'the first subscription handled nothing after unsubscribe');
      assert.deepEqual(second, [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => !first.includes(n)), 'exactly the unacknowledged and the new ones');
      await again.unsubscribe();
    });

    it('redelivers after a throw (same id, deliveryCount 2); an idempotent step runs once per id', async () => {
      await stream('retry');
      const deliveries: string[] = [];
      const effects: string[] = [];
      const apply = idempotent<string>((m) => { effects.push(m.id); }, new IdempotencyFilter());
      await b().subscribe<string>(s('retry.>'), async (m) => {
        deliveries.push(`${m.id}#${m.deliveryCount}`);
        await apply(m);
        // The effect happened but the acknowledgement did not: the message comes back.
        if (m.id === 'r-1' && m.deliveryCount === 1) throw new Error('lost before ack');
      }, { durable: durable('retry') });
      await b().publish(s('retry.a'), 'x', { id: 'r-1' });
      await b().publish(s('retry.a'), 'y', { id: 'r-2' });
      await waitFor('r-1 twice and r-2', () => deliveries.includes('r-1#2') && deliveries.includes('r-2#1'));
      assert.deepEqual(deliveries.filter((d) => d.startsWith('r-1')), ['r-1#1', 'r-1#2']);
      assert.deepEqual([...effects].sort(), ['r-1', 'r-2']);
    });

    it('gives up on a message after the last attempt and goes on with the next', async () => {
      await stream('poison');
      const attempts: number[] = [];
      const good: string[] = [];
      await b().subscribe<string>(s('poison.>'), (m) => {
        if (m.data === 'bad') { attempts.push(m.deliveryCount); throw new Error('cannot handle this one'); }
        good.push(m.data);
      }, { durable: durable('poison') });
      await b().publish(s('poison.a'), 'bad');
      await b().publish(s('poison.a'), 'good');
      await waitFor('every attempt and the next message', () => attempts.length === retry.maxDeliveries && good.length === 1);
      // A few redelivery delays with nothing more to come: the message was dropped, not retried again.
      await new Promise((r) => setTimeout(r, retry.redeliveryDelayMs * 5));
      assert.deepEqual(attempts, [1, 2, 3]);
    });

    it('publishing the same id twice on a stream subject reaches a durable consumer once', async () => {
      await stream('dedupe');
      await b().publish(s('dedupe.a'), 1, { id: 'same' });
      await b().publish(s('dedupe.a'), 1, { id: 'same' });
      await b().publish(s('dedupe.a'), 2, { id: 'other' });
      await b().publish(s('dedupe.a'), 3, { id: 'end' });
      const got: string[] = [];
      await b().subscribe(s('dedupe.>'), (m) => { got.push(m.id); }, { durable: durable('dedupe') });
      await waitFor('the last message', () => got.includes('end'));
      assert.deepEqual(got, ['same', 'other', 'end']);
    });

    it('refuses a durable subscription outside every stream', async () => {
      await assert.rejects(b().subscribe(s('nostream.a'), () => undefined, { durable: durable('lost') }), /ensureStream/);
    });

    it('close waits for a handler in flight; the bus then refuses work', async () => {
      const other = await adapter.open();
      extraBuses.push(other);
      const hold = gate();
      let started = false;
      let finished = false;
      await other.subscribe(s('slow'), async () => { started = true; await hold.wait; finished = true; });
      await other.publish(s('slow'), 1);
      await waitFor('the handler to start', () => started);
      const closing = other.close();
      setTimeout(hold.open, 30);
      await closing;
      assert.equal(finished, true);
      assert.equal((await other.health()).ok, false);
      await assert.rejects(other.publish(s('slow'), 2), BusUnavailable);
    });

    it('reports health', async () => {
      const health = await b().health();
      assert.equal(health.ok, true);
      assert.ok(health.latencyMs >= 0 && Number.isFinite(health.latencyMs));
    });
  });
}

describe('bus helpers', () => {
  it('matches subjects like NATS', () => {
    assert.equal(subjectMatches('a.*', 'a.b'), true);
    assert.equal(subjectMatches('a.*', 'a.b.c'), false);
    assert.equal(subjectMatches('a.>', 'a.b.c'), true);
    assert.equal(subjectMatches('a.>', 'a'), false, '> needs at least one token');
    assert.equal(subjectMatches('*.b', 'a.b'), true);
    assert.equal(subjectMatches('a.b', 'a.b.c'), false);
  });

  it('IdempotencyFilter forgets the least recently seen ids beyond its capacity', () => {
    const filter = new IdempotencyFilter(2);
    assert.equal(filter.seen('a'), false);
    assert.equal(filter.seen('b'), false);
    assert.equal(filter.seen('a'), true);
    assert.equal(filter.seen('c'), false);
    assert.equal(filter.seen('a'), true, 'a was seen recently, so b went first');
    assert.equal(filter.seen('b'), false);
  });

  it('an idempotent handler that throws runs again for the same id, then never', async () => {
    let calls = 0;
    const handler = idempotent(() => { calls++; if (calls === 1) throw new Error('transient'); });
    const msg: BusMessage = { subject: 'x', id: 'i-1', data: null, headers: {}, deliveryCount: 1 };
    await assert.rejects(Promise.resolve(handler(msg)), /transient/);
    await handler({ ...msg, deliveryCount: 2 });
    await handler({ ...msg, deliveryCount: 3 });
    assert.equal(calls, 2);
  });

  it('openBus: no url is the in-process bus; unreachable NATS and unknown schemes are explained', async () => {
    const memory = await openBus({});
    assert.equal(memory.kind, 'memory');
    await memory.close();
    await assert.rejects(openBus({ url: 'nats://127.0.0.1:1' }), (err: unknown) => err instanceof BusUnavailable && /cannot reach NATS at 127\.0\.0\.1:1: .*-js.*bus\.url/.test(err.message));
    await assert.rejects(openBus({ url: 'amqp://user:secret@x' }), (err: Error) => /nats:\/\//.test(err.message) && !err.message.includes('secret'));
  });
});
