import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCommand, SubmitOrder } from '../../../src/contracts/orders.js';
import { ExchangeState, type JournalEntry } from '../../../src/services/exchange/core/index.js';

/** At most 10 in the quote currency per order in AAA (tick 0.1, lot 0.1: 1,000 ticks × lots); BBB has no limit. */
const options = { maxOrderValue: { notional: 10, ticksLots: new Map([['AAA', 10 / (0.1 * 0.1)]]) } };
const submit = (over: Partial<SubmitOrder> = {}): JournalEntry => ({
  kind: 'order', timeMs: 0,
  command: { kind: 'submit', account: 'alice', symbol: 'AAA', side: 'buy', type: 'limit', price: 100, qty: 10, tif: 'GTC', postOnly: false, clientOrderId: null, ...over },
});
const entry = (command: OrderCommand): JournalEntry => ({ kind: 'order', timeMs: 0, command });

function outcome(state: ExchangeState, e: JournalEntry): string {
  const r = state.process(e);
  return r.journal ? r.reply?.order.status ?? 'journaled' : `${r.error.code} ${r.error.status}`;
}

describe('the most one order may be worth (exchange.maxOrderNotional)', () => {
  it('refuses a limit order worth more, with 422 ORDER_TOO_LARGE saying by how much; one worth exactly the limit rests', () => {
    const state = new ExchangeState(['AAA', 'BBB'], {}, options);
    assert.equal(outcome(state, submit({ qty: 10 })), 'open', '100 × 10 = 1,000: the limit itself');
    const r = state.process(submit({ qty: 11 }));
    assert.ok(!r.journal);
    assert.deepEqual([r.error.code, r.error.status], ['ORDER_TOO_LARGE', 422]);
    assert.equal(r.error.message, 'quantity: the order is worth 11, more than one AAA order may be, 10 (exchange.maxOrderNotional): send smaller orders');
    assert.equal(outcome(state, submit({ symbol: 'BBB', qty: 1_000_000 })), 'open', 'a book without a limit');
  });

  it('values a market order at the reference price, once the book has one', () => {
    const state = new ExchangeState(['AAA'], {}, options);
    assert.equal(outcome(state, submit({ type: 'market', price: null, tif: 'IOC', qty: 50 })), 'cancelled', 'no reference price yet: nothing to value it at');
    state.process({ kind: 'reference', timeMs: 0, symbol: 'AAA', price: 100 });
    assert.equal(outcome(state, submit({ type: 'market', price: null, tif: 'IOC', qty: 50 })), 'ORDER_TOO_LARGE 422');
    assert.equal(outcome(state, submit({ type: 'market', price: null, tif: 'IOC', qty: 10 })), 'cancelled');
  });

  it('refuses a replace that would make the order worth more; a smaller one goes through', () => {
    const state = new ExchangeState(['AAA'], {}, options);
    assert.equal(outcome(state, submit({ qty: 5 })), 'open');
    assert.equal(outcome(state, entry({ kind: 'replace', account: 'alice', orderId: 1, price: 150, qty: 7 })), 'ORDER_TOO_LARGE 422', '150 × 7 = 1,050');
    assert.equal(outcome(state, entry({ kind: 'replace', account: 'alice', orderId: 1, price: null, qty: 9 })), 'open', '100 × 9');
  });

  it('is not checked on replay: a journal replays to the same state under a lower limit', () => {
    const live = new ExchangeState(['AAA'], {}, {});
    const journal = [submit({ qty: 40 }), entry({ kind: 'replace', account: 'alice', orderId: 1, price: null, qty: 60 })];
    for (const e of journal) assert.ok(live.process(e).journal);
    const replayed = new ExchangeState(['AAA'], {}, options);
    for (const e of journal) assert.ok(replayed.process(e, 'replay').journal);
    assert.equal(replayed.stateHash(), live.stateHash());
  });
});
