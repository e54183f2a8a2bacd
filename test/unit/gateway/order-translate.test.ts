import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrderRecord } from '../../../src/contracts/orders.js';
import { iso, orderView } from '../../../src/services/gateway/order-translate.js';

const spec = { symbol: 'BTC-USD', tickSize: '0.01', lotSize: '0.0001' } as Parameters<typeof orderView>[0];

describe('order views', () => {
  it('iso formats each millisecond it is given, whatever it formatted before', () => {
    const times = [0, 1_765_000_000_123, 1_765_000_000_123, 1_765_000_000_124, 0, 1_765_000_000_123];
    for (const ms of times) assert.equal(iso(ms), new Date(ms).toISOString());
    assert.throws(() => iso(NaN), RangeError);
  });

  it('an order view shows its own creation and update times', () => {
    const order = {
      orderId: 7, clientOrderId: null, account: 'a', symbol: 'BTC-USD', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false,
      price: 6_400_000, qty: 150, filled: 50, status: 'partially_filled', reason: null,
      createdMs: 1_765_000_000_000, updatedMs: 1_765_000_000_250, requestId: null, correlationId: null, traceId: null,
    } as unknown as OrderRecord;
    const view = orderView(spec, order);
    assert.equal(view.created_at, '2025-12-06T05:46:40.000Z');
    assert.equal(view.updated_at, '2025-12-06T05:46:40.250Z');
    assert.equal(view.price, '64000.00');
    assert.equal(view.remaining_quantity, '0.0100');
  });
});
