import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChaosEffects } from '../../../src/contracts/chaos.js';
import type { OrderCommand, OrderReply } from '../../../src/contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../src/contracts/subjects.js';
import type { ReplyEnvelope } from '../../../src/platform/bus/index.js';
import type { CommandBatch, CommandBatchReply } from '../../../src/services/exchange/client/command-batcher.js';
import { exchangeOnBus } from './exchange-on-bus.js';

type Submit = Extract<OrderCommand, { kind: 'submit' }>;
const order = (account: string, side: 'buy' | 'sell', qty: number, more: Partial<Submit> = {}): OrderCommand => ({
  kind: 'submit', account, symbol: 'AAPL', side, type: 'limit', price: 10_000, qty, tif: 'GTC', postOnly: false, clientOrderId: null, ...more,
});

/** One command of each outcome: rests, invalid, fills it, unknown order, rests, would cross (post-only), reused client order id. */
const MIXED: unknown[] = [
  order('alice', 'sell', 5, { clientOrderId: 'a-1' }),
  { kind: 'submit', account: 'alice', symbol: 'AAPL', side: 'buy', qty: 0 },
  order('bob', 'buy', 5),
  { kind: 'cancel', account: 'bob', orderId: 999 },
  order('carol', 'sell', 3),
  order('dave', 'buy', 1, { postOnly: true }),
  order('alice', 'sell', 1, { clientOrderId: 'a-1' }),
];

/** What a client learns from each reply: status and filled lots, or the error code and HTTP status. */
const outcome = (r: ReplyEnvelope<OrderReply>) => (r.ok ? `${r.data.order.status} ${r.data.order.filled}` : `${r.error.code} ${r.error.status}`);

async function exchange(chaos: ChaosEffects | null = null) {
  const x = await exchangeOnBus(chaos);
  const send = async (commands: unknown[]) =>
    (await x.bus.request<CommandBatch, CommandBatchReply>(EXCHANGE_SUBJECTS.commandBatch, { commands: commands as OrderCommand[] })).data.results;
  return { ...x, send };
}

describe('exchange command batches', () => {
  const expected = ['open 0', 'INVALID_REQUEST 400', 'filled 5', 'ORDER_NOT_FOUND 404', 'open 0', 'POST_ONLY_WOULD_TRADE 422', 'DUPLICATE_CLIENT_ORDER_ID 409'];

  it('give each command its own outcome, in order, and journal those that reached a book', async () => {
    const x = await exchange();
    const replies = await x.send(MIXED);
    assert.deepEqual(replies.map(outcome), expected);
    const [resting, , filled] = replies;
    assert.ok(resting?.ok && filled?.ok);
    assert.equal(filled.data.trades[0]!.makerOrderId, resting.data.order.orderId);
    // Journaled: the resting, the filling and the post-only orders (a rejection is a book outcome too).
    assert.equal(await x.service.repo.lastSeq(), 4);
    await x.close();
  });

  it('give the same outcomes in chaos mode, where the commands go one by one', async () => {
    const x = await exchange({ orderErrorRate: 0, orderDelayMs: { min: 0, max: 0 }, settlementFailureRate: 0 });
    assert.deepEqual((await x.send(MIXED)).map(outcome), expected);
    await x.close();
  });

  it('fail every command whose commit failed, and then every later one, with 503 STORE_UNAVAILABLE', async () => {
    const x = await exchange();
    await x.store.close();
    const replies = await x.send([order('alice', 'sell', 5), { kind: 'cancel', account: 'bob', orderId: 999 }]);
    assert.deepEqual(replies.map(outcome), ['STORE_UNAVAILABLE 503', 'ORDER_NOT_FOUND 404']);
    assert.equal(x.service.available, false);
    assert.deepEqual((await x.send([order('bob', 'buy', 1)])).map(outcome), ['STORE_UNAVAILABLE 503']);
    await x.close();
  });
});
