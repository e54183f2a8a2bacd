import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderRecord } from '../../../src/contracts/orders.js';
import { LiveOrders } from '../../../src/services/exchange/core/live-orders.js';

const record = (orderId: number, over: Partial<OrderRecord> = {}): OrderRecord => ({
  orderId, account: `acct-${orderId % 3}`, clientOrderId: `c-${orderId}`, symbol: orderId % 2 ? 'BTC-USD' : 'ETH-USD', side: orderId % 2 ? 'buy' : 'sell',
  type: 'limit', tif: 'GTC', postOnly: orderId % 5 === 0, price: 1000 + orderId, qty: 10 + orderId, filled: orderId % 7, status: 'open', reason: null,
  createdMs: 1_764_000_000_000 + orderId, updatedMs: 1_764_000_000_500 + orderId, requestId: `ws-${orderId}`, correlationId: `corr-${orderId}`, traceId: null,
  ...over,
});

describe('live orders (column store)', () => {
  it('reads back every field of every record it holds, through growth, removals and reused rows', () => {
    const live = new LiveOrders(4);
    const held = new Map<number, OrderRecord>();
    for (let id = 1; id <= 50; id++) {
      const r = id % 4 === 0 ? record(id, { type: 'market', price: null, tif: 'IOC', clientOrderId: null, traceId: 'ab'.repeat(16), reason: 'x' }) : record(id);
      live.add(r);
      held.set(id, r);
      // Remove every third order as we go, so later ones land in reused rows.
      if (id % 3 === 0) {
        live.remove(live.find(id - 1));
        held.delete(id - 1);
      }
    }
    assert.equal(live.size, held.size);
    for (let id = 1; id <= 50; id++) {
      const row = live.find(id);
      const expected = held.get(id);
      if (!expected) assert.equal(row, 0, `order ${id} was removed`);
      else assert.deepEqual(live.read(row), expected, `order ${id}`);
    }
  });

  it('copies into an independent store: what either does after leaves the other as it was', () => {
    // 3,000 orders in a store made for 4: the id table is mid-growth (entries moving) at the copy.
    const live = new LiveOrders(4);
    for (let id = 1; id <= 3000; id++) {
      live.add(record(id, { account: `acct-${id}` }));
      if (id % 4 === 0) live.remove(live.find(id - 2));
    }
    const records = (store: LiveOrders) => [...store.records()].sort((a, b) => a.orderId - b.orderId);
    const before = records(live);
    const copy = live.copy();
    assert.deepEqual(records(copy), before);

    for (let id = 1; id <= 3000; id += 3) if (live.find(id) !== 0) live.remove(live.find(id));
    live.status.set(live.find(8), 'filled');
    live.filled.set(live.find(3), 99);
    live.add(record(5000, { account: 'someone new' }));
    assert.deepEqual(records(copy), before, 'the copy is as the store was');
    assert.equal(copy.size, before.length);

    copy.remove(copy.find(3));
    assert.equal(copy.find(3), 0);
    assert.notEqual(live.find(3), 0, 'and the store does not see what the copy does');
  });
});
