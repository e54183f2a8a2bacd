import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCommand, SubmitOrder } from '../../../src/contracts/orders.js';
import { rejectionMessage } from '../../../src/services/exchange/adapters/rejection-messages.js';
import { ExchangeState, type JournalEntry } from '../../../src/services/exchange/core/index.js';

const cents = (_symbol: string, ticks: number) => (ticks / 100).toFixed(2);
const submit = (side: 'buy' | 'sell', price: number, fields: Partial<SubmitOrder> = {}): SubmitOrder => ({
  kind: 'submit', account: side === 'buy' ? 'alice' : 'bob', symbol: 'AAA', side, type: 'limit', price, qty: 1, tif: 'GTC', postOnly: false, clientOrderId: null, ...fields,
});
const order = (command: OrderCommand, timeMs = 0): JournalEntry => ({ kind: 'order', timeMs, command });

/** The message for the order `command` makes the book reject (it must be rejected). */
function messageFor(state: ExchangeState, command: OrderCommand): string {
  const r = state.process(order(command));
  assert.ok(r.journal && r.reply?.order.status === 'rejected', `expected a rejection, got ${JSON.stringify(r)}`);
  return rejectionMessage(r.reply.order, r.reply.order.reason!, state.engine.book('AAA')!, cents);
}

function withReference(): ExchangeState {
  const state = new ExchangeState(['AAA'], { priceBandBps: 1000 });
  state.process({ kind: 'reference', timeMs: 0, symbol: 'AAA', price: 10_000 });
  return state;
}

describe('rejection messages', () => {
  it('name the price band that applies and the reference price', () => {
    assert.equal(messageFor(withReference(), submit('buy', 12_000)),
      'order 1: price 120.00 is outside the AAA price band, 90.00 to 110.00 around the reference price 100.00 (exchange.priceBandBps)');
  });

  it('name the best price a post-only order would have traded against', () => {
    const state = withReference();
    state.process(order(submit('sell', 10_050)));
    assert.equal(messageFor(state, submit('buy', 10_050, { postOnly: true })),
      'order 2: post-only buy at 100.50 would trade against the best ask 100.50; price it below that to rest');
  });

  it('say who halted the book and until when', () => {
    const operator = withReference();
    operator.process({ kind: 'halt', timeMs: 0, symbol: 'AAA', halted: true });
    assert.equal(messageFor(operator, submit('buy', 10_000)),
      'order 1: trading in AAA is halted by an operator until resumed (tradewatch resume); the book accepts cancels only');

    const breaker = withReference();
    breaker.process(order(submit('sell', 10_750)));
    breaker.process(order(submit('buy', 10_750))); // 7.5% above the reference: breaker level 1
    assert.equal(messageFor(breaker, submit('buy', 10_000)),
      'order 3: trading in AAA is halted by circuit breaker level 1 until 1970-01-01T00:15:00.000Z; the book accepts cancels only');
  });

  it('give other codes their catalogue meaning', () => {
    assert.equal(messageFor(withReference(), submit('buy', 10_000, { tif: 'FOK', qty: 0 })),
      'order 1 rejected by the book (ORDER_QTY_INVALID): The quantity is not a positive whole number of lots, or too large.');
  });
});
