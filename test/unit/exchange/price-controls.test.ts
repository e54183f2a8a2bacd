import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIDE, type Book, type BookCommand } from '../../../src/services/exchange/core/index.js';
import { buy, newBook, only, run, sell, strip, types } from './book-helpers.js';

const REF = 10_000;
const MINUTE = 60_000;
const setRef = (price: number, timeMs = 0): BookCommand => ({ type: 'set-reference-price', timeMs, price });
const at = (timeMs: number, cmd: BookCommand): BookCommand => ({ ...cmd, timeMs });

/** A book with reference 10,000 and asks at the given prices, 1 lot each. */
function bookWithAsks(...prices: number[]): Book {
  const book = newBook();
  run(book, ...prices.map((p, i) => sell(100 + i, p, 1)), setRef(REF));
  return book;
}

describe('price bands', () => {
  const banded = () => {
    const book = newBook({ priceBandBps: 500 });
    book.submit(setRef(REF));
    return book;
  };

  it('reject limit orders more than the band away from the reference; the edges are inside', () => {
    const book = banded();
    assert.deepEqual(types(run(book, buy(1, 9_500, 1), sell(2, 10_500, 1))), ['accepted', 'accepted']);
    for (const cmd of [buy(3, 9_499, 1), sell(4, 10_501, 1)]) assert.equal(only(book.submit(cmd), 'rejected').code, 'PRICE_OUTSIDE_BAND');
    assert.equal(only(book.submit({ type: 'replace', timeMs: 0, orderId: 1, price: 9_000, qty: 1 }), 'rejected').code, 'PRICE_OUTSIDE_BAND');
  });

  it('apply only once a reference is set, and follow a new reference', () => {
    const book = newBook({ priceBandBps: 500 });
    assert.equal(book.submit(buy(1, 5_000, 1))[0]!.type, 'accepted');
    assert.equal(only(book.submit(setRef(5_000)), 'reference-price-set').price, 5_000);
    assert.equal(book.referencePrice, 5_000);
    assert.equal(only(book.submit(buy(2, 5_300, 1)), 'rejected').code, 'PRICE_OUTSIDE_BAND');
  });

  it('do not limit market orders', () => {
    const book = banded();
    assert.equal(book.submit({ type: 'market', timeMs: 0, orderId: 1, side: 'buy', qty: 1 })[0]!.type, 'accepted');
  });
});

describe('circuit-breaker halts', () => {
  it('level 1: a trade 7% from the reference halts the book; the rest of the sweep is cancelled', () => {
    const book = bookWithAsks(10_500, 10_700, 10_800);
    const events = strip(book.submit(at(1_000, buy(1, 11_000, 5))));
    assert.deepEqual(events.map((e) => (e.type === 'trade' ? e.price : e.type)), ['accepted', 10_500, 10_700, 'halted', 'cancelled']);
    assert.deepEqual(events[3], { type: 'halted', level: 1, untilMs: 1_000 + 15 * MINUTE });
    assert.deepEqual(events[4], { type: 'cancelled', orderId: 1, qty: 3, reason: 'halt' });
    assert.deepEqual(book.depth(SIDE.SELL), [[10_800, 1]]);
    assert.deepEqual(book.haltStatus, { halted: true, level: 1, untilMs: 1_000 + 15 * MINUTE });
    assert.equal(book.lastTradePrice, 10_700);
  });

  it('a halted book accepts cancels only', () => {
    const book = bookWithAsks(10_700, 10_800);
    run(book, buy(1, 9_000, 1), buy(2, 10_700, 1));
    for (const cmd of [buy(3, 9_000, 1), { type: 'market', timeMs: 0, orderId: 4, side: 'sell', qty: 1 } as const, { type: 'replace', timeMs: 0, orderId: 1, price: 9_001, qty: 1 } as const]) {
      assert.equal(only(book.submit(cmd), 'rejected').code, 'BOOK_HALTED');
    }
    assert.equal(only(book.submit({ type: 'cancel', timeMs: 0, orderId: 1 }), 'cancelled').reason, 'user');
  });

  it('the halt ends on the first command at or after its end time, before that command runs', () => {
    const book = bookWithAsks(10_700, 10_800);
    book.submit(buy(1, 10_700, 1));
    const end = 15 * MINUTE;
    assert.equal(only(book.submit(at(end - 1, buy(2, 9_000, 1))), 'rejected').code, 'BOOK_HALTED');
    assert.deepEqual(types(book.submit(at(end, buy(3, 9_000, 1)))), ['resumed', 'accepted']);
    assert.equal(book.haltStatus.halted, false);
  });

  it('advance-time ends a halt whose time is up; resume ends it early', () => {
    const timed = bookWithAsks(10_700);
    timed.submit(buy(1, 10_700, 1));
    assert.deepEqual(types(timed.submit({ type: 'advance-time', timeMs: 15 * MINUTE })), ['resumed']);
    const early = bookWithAsks(10_700);
    early.submit(buy(1, 10_700, 1));
    assert.deepEqual(types(early.submit({ type: 'resume', timeMs: 1 })), ['resumed']);
  });

  it('levels 2 and 3 trip at 13% and 20%; level 3 lasts until an explicit resume', () => {
    const book = bookWithAsks(10_700, 11_300, 12_000, 12_100);
    book.submit(buy(1, 10_700, 1));
    book.submit({ type: 'resume', timeMs: 0 });
    assert.deepEqual(strip(book.submit(buy(2, 11_300, 1))).at(-1), { type: 'halted', level: 2, untilMs: 15 * MINUTE });
    book.submit({ type: 'resume', timeMs: 0 });
    assert.deepEqual(strip(book.submit(buy(3, 12_000, 1))).at(-1), { type: 'halted', level: 3, untilMs: null });
    assert.deepEqual(types(book.submit({ type: 'advance-time', timeMs: 1e12 })), []);
    assert.deepEqual(types(book.submit({ type: 'resume', timeMs: 1e12 })), ['resumed']);
  });

  it('downward moves halt too, and a jump trips the highest level it reaches', () => {
    const book = newBook();
    run(book, buy(1, 9_300, 1), buy(2, 8_600, 1), setRef(REF));
    const events = strip(book.submit({ type: 'market', timeMs: 0, orderId: 3, side: 'sell', qty: 1 }));
    assert.deepEqual(events.find((e) => e.type === 'halted'), { type: 'halted', level: 1, untilMs: 15 * MINUTE });
    const jumped = newBook();
    run(jumped, buy(1, 8_600, 1), setRef(REF));
    const halted = only(jumped.submit({ type: 'market', timeMs: 0, orderId: 3, side: 'sell', qty: 1 }), 'halted');
    assert.equal(halted.level, 2);
  });

  it('each level trips once per reference; setting the reference re-arms them', () => {
    const book = bookWithAsks(10_700, 10_750, 10_760);
    run(book, buy(1, 10_700, 1), { type: 'resume', timeMs: 0 });
    assert.deepEqual(types(book.submit(buy(2, 10_750, 1))), ['accepted', 'trade'], 'level 1 already tripped');
    book.submit(setRef(REF));
    assert.deepEqual(types(book.submit(buy(3, 10_760, 1))), ['accepted', 'trade', 'halted']);
  });

  it('no breaker trips before a reference price is set', () => {
    const book = newBook();
    run(book, sell(1, 50_000, 1));
    assert.deepEqual(types(book.submit(buy(2, 50_000, 1))), ['accepted', 'trade']);
  });
});
