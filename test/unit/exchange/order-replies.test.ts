import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCommand, OrderReply } from '../../../src/contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../src/contracts/subjects.js';
import { exchangeOnBus } from './exchange-on-bus.js';

const submit = (account: string, side: 'buy' | 'sell', qty: number): OrderCommand => ({
  kind: 'submit', account, symbol: 'AAPL', side, type: 'limit', price: 10_000, qty, tif: 'GTC', postOnly: false, clientOrderId: null,
});

describe('exchange replies over the in-process bus', () => {
  it('are the order as acknowledged, though passed on uncopied: a later fill does not change a reply already given', async () => {
    const { bus, close } = await exchangeOnBus();
    const resting = (await bus.request<OrderCommand, OrderReply>(EXCHANGE_SUBJECTS.command, submit('alice', 'sell', 5))).data;
    assert.equal(resting.order.status, 'open');
    const taker = (await bus.request<OrderCommand, OrderReply>(EXCHANGE_SUBJECTS.command, submit('bob', 'buy', 5))).data;
    assert.equal(taker.order.status, 'filled');
    assert.equal(taker.trades[0]!.makerOrderId, resting.order.orderId);
    assert.deepEqual([resting.order.status, resting.order.filled], ['open', 0], 'the first reply still shows the order as it was acknowledged');
    await close();
  });
});
