import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrderRecord } from '../../../src/contracts/orders.js';
import { runWithRequestContext } from '../../../src/platform/telemetry/request-context.js';
import { iso, orderView, toCancel } from '../../../src/services/gateway/order-translate.js';

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

  it('a cancel carries the ids of the request it came with, over HTTP and WebSocket alike', () => {
    const cancel = runWithRequestContext({ requestId: 'ws-r1', correlationId: 'corr-1' }, () => toCancel(42, 'alice'));
    assert.deepEqual(
      { kind: cancel.kind, orderId: cancel.orderId, account: cancel.account, requestId: cancel.requestId, correlationId: cancel.correlationId },
      { kind: 'cancel', orderId: 42, account: 'alice', requestId: 'ws-r1', correlationId: 'corr-1' },
    );
    assert.equal(toCancel(42, 'alice').requestId, undefined, 'outside a request there are no ids to carry');
  });
});
