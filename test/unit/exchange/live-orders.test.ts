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
});
