import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OrderCommand } from '../../../src/contracts/orders.js';
import { ExchangeState, snapshotJson, type BookConfig, type ExchangeSnapshot, type ExchangeStateOptions, type JournalEntry, type StateCapture } from '../../../src/services/exchange/core/index.js';

const SYMBOLS = ['AAA', 'BBB'];
/** Bands, breakers with short halts, a small book limit and a short client order id window, so that all of them come into play. */
const BOOKS: BookConfig = { priceBandBps: 500, circuitBreakerBps: [300, 600, 900], haltDurationsMs: [5, 10, Infinity], stpMode: 'cancel-oldest' };
const OPTIONS: ExchangeStateOptions = { clientOrderIdWindowMs: 20, maxRestingOrdersPerBook: 12 };

const symbol = fc.constantFrom(...SYMBOLS);
const account = fc.constantFrom('alice', 'bob', 'carol');
const side = fc.constantFrom('buy' as const, 'sell' as const);
const price = fc.integer({ min: 92, max: 108 });
const orderId = fc.integer({ min: 1, max: 40 });
const submit: fc.Arbitrary<OrderCommand> = fc.record({
  kind: fc.constant('submit' as const), account, symbol, side, type: fc.constantFrom('limit' as const, 'limit' as const, 'limit' as const, 'market' as const),
  price, qty: fc.integer({ min: 1, max: 20 }), tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
  postOnly: fc.boolean(), clientOrderId: fc.option(fc.constantFrom('a', 'b', 'c', 'd'), { nil: null }),
}).map((c) => (c.type === 'market' ? { ...c, tif: 'IOC' as const, postOnly: false } : c));
const cancel: fc.Arbitrary<OrderCommand> = fc.record({ kind: fc.constant('cancel' as const), account, orderId });
const replace: fc.Arbitrary<OrderCommand> = fc.record({
  kind: fc.constant('replace' as const), account, orderId, price: fc.option(price, { nil: null }), qty: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
});

/** Journal entries without their times (given in sequence, see timed). */
type Untimed = JournalEntry extends infer E ? (E extends JournalEntry ? Omit<E, 'timeMs'> : never) : never;
const untimedEntry: fc.Arbitrary<Untimed> = fc.oneof(
  { weight: 12, arbitrary: submit.map((command) => ({ kind: 'order' as const, command })) },
  { weight: 4, arbitrary: fc.oneof(cancel, replace).map((command) => ({ kind: 'order' as const, command })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reference' as const), symbol, price: fc.integer({ min: 95, max: 105 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), symbol }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('halt' as const), symbol, halted: fc.boolean() }) },
);
/** Entries one to three ms apart, so timed halts end and client order id generations turn over mid-sequence. */
const entries = fc.array(fc.tuple(untimedEntry, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 150 })
  .map((list) => { let t = 0; return list.map(([e, step]) => ({ ...e, timeMs: (t += step) }) as JournalEntry); });

const newState = (books: BookConfig = BOOKS) => new ExchangeState(SYMBOLS, books, OPTIONS);
/** A capture written out, as the store gives it back. */
const written = (capture: StateCapture): ExchangeSnapshot => JSON.parse([...snapshotJson(capture)].join('')) as ExchangeSnapshot;
/** A snapshot of the state as stored, its live orders by id: they are listed in the order the ledger holds them, which differs after a restore. */
const stored = (state: ExchangeState): ExchangeSnapshot => {
  const snapshot = written(state.capture());
  snapshot.ledger.live.sort((a, b) => a.orderId - b.orderId);
  return snapshot;
};

describe('exchange state snapshots', () => {
  it('a state restored from a snapshot hashes alike and answers every later entry as the original does', () => {
    fc.assert(fc.property(entries, fc.nat(), (list, at) => {
      const cut = at % (list.length + 1);
      const original = newState();
      for (const e of list.slice(0, cut)) original.process(e);
      const restored = newState();
      restored.restore(stored(original));
      assert.equal(restored.stateHash(), original.stateHash());
      for (const e of list.slice(cut)) {
        assert.deepEqual(restored.process(e), original.process(e));
        assert.equal(restored.stateHash(), original.stateHash());
      }
      assert.deepEqual(stored(restored), stored(original));
    }), { numRuns: 300 });
  });

  it('a snapshot after some entries plus the rest replayed gives what replaying them all gives', () => {
    fc.assert(fc.property(entries, fc.nat(), (list, at) => {
      const live = newState();
      const journal = list.filter((e) => live.process(e).journal);
      const cut = at % (journal.length + 1);
      const upToCut = newState();
      for (const e of journal.slice(0, cut)) upToCut.process(e, 'replay');
      const fromSnapshot = newState();
      fromSnapshot.restore(stored(upToCut));
      for (const e of journal.slice(cut)) fromSnapshot.process(e, 'replay');
      assert.equal(fromSnapshot.stateHash(), live.stateHash());
      assert.deepEqual(stored(fromSnapshot), stored(live));
    }), { numRuns: 200 });
  });

  it('a capture, written out later, is the state as it was when captured, whatever came after', () => {
    fc.assert(fc.property(entries, fc.nat(), (list, at) => {
      const cut = at % (list.length + 1);
      const state = newState();
      for (const e of list.slice(0, cut)) state.process(e);
      const then = written(state.capture());
      const capture = state.capture();
      for (const e of list.slice(cut)) state.process(e);
      assert.deepEqual(written(capture), then);
    }), { numRuns: 200 });
  });

  it('writes long lists in pieces that join to the same JSON', () => {
    const many = new ExchangeState(['AAA'], {}, {});
    for (let i = 0; i < 2500; i++) {
      many.process({ kind: 'order', timeMs: i, command: { kind: 'submit', account: `a${i % 7}`, symbol: 'AAA', side: i % 2 ? 'buy' : 'sell', type: 'limit', price: i % 2 ? 1000 - (i % 50) : 1001 + (i % 50), qty: 1, tif: 'GTC', postOnly: false, clientOrderId: `c${i}` } });
    }
    const pieces = [...snapshotJson(many.capture())];
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    const parsed = JSON.parse(pieces.join('')) as ExchangeSnapshot;
    assert.equal(parsed.ledger.live.length, 2500);
    assert.equal(parsed.books.AAA!.bids.length + parsed.books.AAA!.asks.length, 2500);
    assert.equal(parsed.clientOrderIds.current.length, 2500);
    const restored = new ExchangeState(['AAA'], {}, {});
    restored.restore(parsed);
    assert.equal(restored.stateHash(), many.stateHash());
  });

  it('is refused under other books or settings, and only into a new state', () => {
    const state = newState();
    state.process({ kind: 'order', timeMs: 0, command: { kind: 'submit', account: 'alice', symbol: 'AAA', side: 'buy', type: 'limit', price: 100, qty: 1, tif: 'GTC', postOnly: false, clientOrderId: null } });
    const snapshot = stored(state);
    assert.equal(newState().snapshotMismatch(snapshot), null);
    assert.match(newState({ ...BOOKS, priceBandBps: 400 }).snapshotMismatch(snapshot) ?? '', /other books or book settings/);
    assert.match(new ExchangeState(['AAA'], BOOKS, OPTIONS).snapshotMismatch(snapshot) ?? '', /other books or book settings/);
    assert.match(newState().snapshotMismatch({ ...snapshot, version: 2 as 1 }) ?? '', /version 2/);
    assert.throws(() => newState({ ...BOOKS, priceBandBps: 400 }).restore(snapshot), /cannot be restored/);
    assert.throws(() => state.restore(snapshot), /only a new/);
  });
});
