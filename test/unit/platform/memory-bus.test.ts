import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBus } from '../../../src/platform/bus/index.js';

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
});
