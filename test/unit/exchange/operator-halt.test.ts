import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderCommand, SubmitOrder } from '../../../src/contracts/orders.js';
import { ExchangeState, REJECT, SIDE, type Book, type BookCommand, type JournalEntry } from '../../../src/services/exchange/core/index.js';
import { buy, newBook, only, run, sell, strip, types } from './book-helpers.js';

const REF = 10_000;
const MINUTE = 60_000;
const HALT: BookCommand = { type: 'halt', timeMs: 0 };
const RESUME: BookCommand = { type: 'resume', timeMs: 0 };
const at = (timeMs: number, cmd: BookCommand): BookCommand => ({ ...cmd, timeMs });

/** A book with reference 10,000, a resting bid at 9,900 (id 1) and asks at the given prices (ids 100+), 1 lot each. */
function bookWithAsks(...prices: number[]): Book {
  const book = newBook();
  run(book, buy(1, 9_900, 1), ...prices.map((p, i) => sell(100 + i, p, 1)), { type: 'set-reference-price', timeMs: 0, price: REF });
  return book;
}

describe('operator halts', () => {
  it('halt the book until resumed, reported as level 0 with no end time', () => {
    const book = bookWithAsks(10_100);
    assert.deepEqual(strip(book.submit(at(5_000, HALT))), [{ type: 'halted', level: 0, untilMs: null }]);
    assert.deepEqual(book.haltStatus, { halted: true, level: 0, untilMs: Infinity });
  });

  it('reject new orders and replaces with BOOK_HALTED, accept cancels, and keep resting orders', () => {
    const book = bookWithAsks(10_100, 10_200);
    book.submit(HALT);
    for (const cmd of [buy(2, 10_100, 1), { type: 'market', timeMs: 0, orderId: 3, side: 'buy', qty: 1 } as const, { type: 'replace', timeMs: 0, orderId: 1, price: 9_950, qty: 1 } as const]) {
      assert.equal(only(book.submit(cmd), 'rejected').code, REJECT.BOOK_HALTED);
    }
    assert.deepEqual(book.depth(SIDE.SELL), [[10_100, 1], [10_200, 1]], 'resting orders stay');
    assert.equal(only(book.submit({ type: 'cancel', timeMs: 0, orderId: 101 }), 'cancelled').reason, 'user');
    assert.deepEqual(book.depth(SIDE.SELL), [[10_100, 1]]);
  });

  it('do not end with time: advance-time and orders far ahead leave the book halted', () => {
    const book = bookWithAsks(10_100);
    book.submit(HALT);
    assert.deepEqual(types(book.submit({ type: 'advance-time', timeMs: 1e13 })), []);
    assert.equal(only(book.submit(at(1e13, buy(2, 9_000, 1))), 'rejected').code, REJECT.BOOK_HALTED);
    assert.equal(book.haltStatus.halted, true);
  });

  it('end on resume: the book trades again', () => {
    const book = bookWithAsks(10_100);
    book.submit(HALT);
    assert.deepEqual(types(book.submit(at(MINUTE, RESUME))), ['resumed']);
    assert.equal(book.haltStatus.halted, false);
    assert.deepEqual(types(book.submit(buy(2, 10_100, 1))), ['accepted', 'trade']);
    assert.deepEqual(types(book.submit(RESUME)), ['rejected'], 'a second resume finds the book open');
  });

  it('halting a halted book is rejected with BOOK_HALTED, sequenced, and changes nothing else', () => {
    const book = bookWithAsks(10_100);
    book.submit(HALT);
    const events = book.submit(HALT);
    const rejected = only(events, 'rejected');
    assert.deepEqual([events.length, rejected.command, rejected.code, rejected.seq], [1, 'halt', REJECT.BOOK_HALTED, book.sequence]);
    assert.deepEqual(book.haltStatus, { halted: true, level: 0, untilMs: Infinity });
  });

  it('a circuit-breaker halt rejects an operator halt, and the operator can resume it early', () => {
    const book = bookWithAsks(10_700);
    assert.equal(only(book.submit(buy(2, 10_700, 1)), 'halted').level, 1);
    assert.equal(only(book.submit(HALT), 'rejected').code, REJECT.BOOK_HALTED);
    assert.deepEqual(book.haltStatus, { halted: true, level: 1, untilMs: 15 * MINUTE }, 'the breaker halt keeps its end time');
    assert.deepEqual(types(book.submit(at(MINUTE, RESUME))), ['resumed']);
    assert.equal(book.submit(buy(3, 9_000, 1))[0]!.type, 'accepted');
  });

  it('a breaker halt whose time is up ends before an operator halt starts', () => {
    const book = bookWithAsks(10_700);
    book.submit(buy(2, 10_700, 1));
    assert.deepEqual(strip(book.submit(at(15 * MINUTE, HALT))), [{ type: 'resumed' }, { type: 'halted', level: 0, untilMs: null }]);
    assert.deepEqual(types(book.submit({ type: 'advance-time', timeMs: 1e13 })), []);
  });

  it('trip no breaker level: after the resume the armed levels are as before the halt', () => {
    const book = bookWithAsks(10_700, 10_750);
    run(book, HALT, RESUME);
    assert.equal(only(book.submit(buy(2, 10_700, 1)), 'halted').level, 1, 'level 1 is still armed');
    run(book, RESUME, HALT, RESUME);
    assert.deepEqual(types(book.submit(buy(3, 10_750, 1))), ['accepted', 'trade'], 'level 1 stays tripped until the next reference, as after any resume');
  });

  it('are part of the state hash (compared at the same sequence number)', () => {
    const open = bookWithAsks(10_100);
    open.submit(RESUME); // rejected: one sequenced event, no change
    const halted = bookWithAsks(10_100);
    halted.submit(HALT);
    assert.equal(halted.sequence, open.sequence);
    assert.notEqual(halted.stateHash(), open.stateHash());
  });
});

describe('operator halts in the journal', () => {
  const SYMBOLS = ['AAA', 'BBB'];
  const submit = (symbol: string, side: 'buy' | 'sell', price: number, account = 'alice'): SubmitOrder => ({
    kind: 'submit', account, symbol, side, type: 'limit', price, qty: 1, tif: 'GTC', postOnly: false, clientOrderId: null,
  });
  const order = (timeMs: number, command: OrderCommand): JournalEntry => ({ kind: 'order', timeMs, command });

  /** Processes entries like the service does, returning the ones it would journal. */
  function journalOf(state: ExchangeState, entries: JournalEntry[]): JournalEntry[] {
    return entries.filter((e) => state.process(e).journal);
  }

  const SESSION: JournalEntry[] = [
    { kind: 'reference', timeMs: 0, symbol: 'AAA', price: REF },
    order(1, submit('AAA', 'sell', 10_100)),
    order(2, submit('AAA', 'buy', 9_900, 'bob')),
    { kind: 'halt', timeMs: 3, symbol: 'AAA', halted: true, reason: 'news pending' },
    order(4, submit('AAA', 'buy', 10_100, 'bob')),
    { kind: 'halt', timeMs: 5, symbol: 'AAA', halted: true },
    order(6, { kind: 'cancel', account: 'bob', orderId: 2 }),
    order(7, submit('BBB', 'buy', 500)),
    { kind: 'advance', timeMs: 1e12, symbol: 'AAA' },
    { kind: 'halt', timeMs: 1e12 + 1, symbol: 'AAA', halted: false },
    { kind: 'halt', timeMs: 1e12 + 2, symbol: 'AAA', halted: false },
    order(1e12 + 3, submit('AAA', 'buy', 10_100, 'carol')),
    { kind: 'halt', timeMs: 1e12 + 4, symbol: 'BBB', halted: true, reason: 'end of session' },
  ];

  it('a halt refuses orders, a resume reopens the book, rejected halts and resumes are journaled', () => {
    const state = new ExchangeState(SYMBOLS, {});
    const outcomes = SESSION.map((e) => state.process(e));
    const halt = outcomes[3]!;
    assert.ok(halt.journal && halt.refused === null);
    assert.deepEqual(strip(halt.events), [{ type: 'halted', level: 0, untilMs: null }]);
    const refusedOrder = outcomes[4]!;
    assert.ok(refusedOrder.journal);
    assert.deepEqual([refusedOrder.reply?.order.status, refusedOrder.reply?.order.reason], ['rejected', REJECT.BOOK_HALTED]);
    const again = outcomes[5]!;
    assert.ok(again.journal && again.refused === REJECT.BOOK_HALTED);
    const cancel = outcomes[6]!;
    assert.ok(cancel.journal && cancel.refused === null);
    assert.equal(cancel.reply?.order.status, 'cancelled');
    const otherBook = outcomes[7]!;
    assert.ok(otherBook.journal && otherBook.reply?.order.status === 'open', 'other books still trade');
    assert.deepEqual((outcomes[8] as { events: unknown[] }).events, [], 'time passing does not end an operator halt');
    const doubleResume = outcomes[10]!;
    assert.ok(doubleResume.journal && doubleResume.refused === REJECT.BOOK_NOT_HALTED);
    const afterResume = outcomes[11]!;
    assert.ok(afterResume.journal && afterResume.reply?.order.status === 'filled');
    assert.deepEqual(state.engine.book('BBB')!.haltStatus, { halted: true, level: 0, untilMs: Infinity });
  });

  it('refuses an unknown symbol without journaling, naming the known ones', () => {
    const outcome = new ExchangeState(SYMBOLS, {}).process({ kind: 'halt', timeMs: 0, symbol: 'ZZZ', halted: true });
    assert.ok(!outcome.journal);
    assert.deepEqual([outcome.error.code, outcome.error.status], ['UNKNOWN_SYMBOL', 400]);
    assert.match(outcome.error.message, /ZZZ.*AAA, BBB/);
  });

  it('replaying the journal (stored as JSON) rebuilds the same state hash, halts included', () => {
    const live = new ExchangeState(SYMBOLS, {});
    const journal = journalOf(live, SESSION).map((e) => JSON.stringify(e));
    const replayed = new ExchangeState(SYMBOLS, {});
    for (const row of journal) replayed.process(JSON.parse(row) as JournalEntry);
    assert.equal(replayed.stateHash(), live.stateHash());
    assert.deepEqual(replayed.engine.book('BBB')!.haltStatus, live.engine.book('BBB')!.haltStatus);

    const withoutLastHalt = new ExchangeState(SYMBOLS, {});
    for (const row of journal.slice(0, -1)) withoutLastHalt.process(JSON.parse(row) as JournalEntry);
    assert.notEqual(withoutLastHalt.stateHash(), live.stateHash(), 'the halt is in the hash');
  });
});
