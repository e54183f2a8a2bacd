import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HEADER, MemoryBus } from '../../../src/platform/bus/index.js';

/** A payload that counts how often it is serialised. */
function counted(): { data: { toJSON(): unknown }; serialised: () => number } {
  let n = 0;
  return { data: { toJSON: () => { n++; return { n }; } }, serialised: () => n };
}

describe('memory bus', () => {
  it('does not serialise a message nobody listens to, and serialises once for several listeners and a stream', async () => {
    const bus = new MemoryBus();
    const unheard = counted();
    await bus.publish('ex.order.AAA', unheard.data);
    assert.equal(unheard.serialised(), 0);

    const got: unknown[] = [];
    await bus.subscribe('ex.order.*', (m) => { got.push(m.data); });
    await bus.subscribe('ex.order.AAA', (m) => { got.push(m.data); });
    await bus.ensureStream('ORDERS', ['ex.order.>']);
    const heard = counted();
    await bus.publish('ex.order.AAA', heard.data);
    await bus.close();
    assert.equal(heard.serialised(), 1);
    assert.deepEqual(got, [{ n: 1 }, { n: 1 }]);
  });

  it('hands out headers as NATS does: names in lower case, values as text, and the message id', async () => {
    const bus = new MemoryBus();
    const seen: Array<{ id: string; headers: Record<string, string> }> = [];
    await bus.subscribe('ex.order.AAA', (m) => { seen.push(m); });
    await bus.respond('ex.cmd.one', (m) => { seen.push(m); return { ok: true }; });
    const headers = { 'X-Request-ID': 'r1', Traceparent: 7 as unknown as string };
    await bus.publish('ex.order.AAA', {}, { headers, id: 'p1' });
    await bus.request('ex.cmd.one', {}, { headers, id: 'q1' });
    await bus.close();
    assert.deepEqual(seen.map((m) => m.headers), [
      { 'x-request-id': 'r1', traceparent: '7', [HEADER.messageId]: 'p1' },
      { 'x-request-id': 'r1', traceparent: '7', [HEADER.messageId]: 'q1' },
    ]);
    assert.deepEqual(headers, { 'X-Request-ID': 'r1', Traceparent: 7 }, 'the sender\'s headers are left as they were');
  });

  it('hands a request handed over to the responder as it is, and copies any other request', async () => {
    const bus = new MemoryBus();
    const seen: unknown[] = [];
    await bus.respond('ex.cmd.batch', (m) => { seen.push(m.data); return { ok: true }; });
    const handed = { commands: [{ qty: 1 }] };
    const copied = { commands: [{ qty: 2 }] };
    await bus.request('ex.cmd.batch', handed, { handOver: true });
    await bus.request('ex.cmd.batch', copied);
    await bus.close();
    assert.equal(seen[0], handed);
    assert.notEqual(seen[1], copied);
    assert.deepEqual(seen[1], copied);
  });
});

describe('memory bus read-only subscribers', () => {
  it('share one frozen copy of a message, while other subscribers each get their own', async () => {
    const bus = new MemoryBus();
    const readers: unknown[] = [];
    const writers: { orders: { qty: number }[] }[] = [];
    const failures: string[] = [];
    await bus.subscribe('ex.order.AAA', (m) => { readers.push(m.data); }, { readOnly: true });
    await bus.subscribe('ex.order.AAA', (m) => { readers.push(m.data); }, { readOnly: true });
    await bus.subscribe<{ orders: { qty: number }[] }>('ex.order.AAA', (m) => { m.data.orders[0]!.qty = 0; writers.push(m.data); });
    await bus.subscribe<{ orders: { qty: number }[] }>('ex.order.AAA', (m) => {
      try { m.data.orders[0]!.qty = 0; } catch (err) { failures.push((err as Error).name); }
    }, { readOnly: true });
    const sent = { orders: [{ qty: 5 }] };
    await bus.publish('ex.order.AAA', sent);
    await bus.close();
    assert.equal(readers[0], readers[1], 'the read-only subscribers got the same object');
    assert.notEqual(readers[0], sent);
    assert.ok(Object.isFrozen((readers[0] as { orders: object[] }).orders[0]), 'frozen all the way down');
    assert.deepEqual(readers[0], { orders: [{ qty: 5 }] }, 'a writing subscriber changed only its own copy');
    assert.deepEqual(writers, [{ orders: [{ qty: 0 }] }]);
    assert.deepEqual(failures, ['TypeError'], 'a read-only subscriber that writes fails');
    assert.equal(sent.orders[0]!.qty, 5);
  });
});
