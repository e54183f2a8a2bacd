import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCommand, SubmitOrder } from '../../../src/contracts/orders.js';
import { ExchangeState, type JournalEntry } from '../../../src/services/exchange/core/index.js';

const submit = (side: 'buy' | 'sell', price: number, tif: SubmitOrder['tif'] = 'GTC'): SubmitOrder => ({
  kind: 'submit', account: side === 'buy' ? 'alice' : 'bob', symbol: 'AAA', side, type: 'limit', price, qty: 1, tif, postOnly: false, clientOrderId: null,
});
const entry = (command: OrderCommand, timeMs = 0): JournalEntry => ({ kind: 'order', timeMs, command });

/** What the state answers an entry: journaled with the order's status, or refused with a code. */
function outcome(state: ExchangeState, e: JournalEntry): string {
  const r = state.process(e);
  return r.journal ? r.reply?.order.status ?? 'journaled' : `${r.error.code} ${r.error.status}`;
}

describe('resting orders per book (maxRestingOrdersPerBook)', () => {
  it('refuses GTC orders while the book is full; IOC orders and cancels go on, and room comes back', () => {
    const state = new ExchangeState(['AAA', 'BBB'], {}, { maxRestingOrdersPerBook: 2 });
    assert.deepEqual([outcome(state, entry(submit('buy', 100))), outcome(state, entry(submit('buy', 99)))], ['open', 'open']);
    assert.equal(outcome(state, entry(submit('buy', 98))), 'BOOK_FULL 422');
    assert.equal(outcome(state, entry(submit('sell', 100))), 'BOOK_FULL 422', 'even one that would trade: a GTC order might rest');
    assert.equal(outcome(state, entry(submit('sell', 100, 'IOC'))), 'filled', 'an IOC order never rests');
    assert.equal(outcome(state, entry({ ...submit('buy', 50), symbol: 'BBB' })), 'open', 'the limit is per book');
    assert.equal(outcome(state, entry(submit('buy', 98))), 'open', 'the IOC fill made room');
    assert.equal(outcome(state, entry(submit('buy', 97))), 'BOOK_FULL 422');
    assert.equal(outcome(state, entry({ kind: 'cancel', account: 'alice', orderId: 2 })), 'cancelled');
    assert.equal(outcome(state, entry(submit('buy', 97))), 'open');
  });

  it('is not checked on replay: a journal replays to the same state under a lower limit', () => {
    const live = new ExchangeState(['AAA'], {}, { maxRestingOrdersPerBook: 3 });
    const journal = [100, 99, 98].map((price) => entry(submit('buy', price))).filter((e) => live.process(e).journal);
    assert.equal(journal.length, 3);
    const replayed = new ExchangeState(['AAA'], {}, { maxRestingOrdersPerBook: 1 });
    for (const e of journal) assert.ok(replayed.process(e, 'replay').journal);
    assert.equal(replayed.stateHash(), live.stateHash());
  });
});
