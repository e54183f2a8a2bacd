import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Book, MatchingEngine, SIDE, type EngineCommand } from '../../../src/services/exchange/core/index.js';
import { CountingSink } from '../../../bench/lib/engine-replay.js';
import { buy, newBook, only, run, sell, types } from './book-helpers.js';

const on = (symbol: string, cmd: ReturnType<typeof buy>): EngineCommand => ({ ...cmd, symbol });

describe('MatchingEngine', () => {
  it('routes commands by symbol; each book has its own sequence', () => {
    const engine = new MatchingEngine();
    engine.addBook('BTC-USD');
    engine.addBook('ETH-USD');
    const a = engine.submit(on('BTC-USD', buy(1, 100, 1)));
    const b = engine.submit(on('ETH-USD', buy(1, 200, 1)));
    assert.deepEqual([a[0]!.symbol, a[0]!.seq, b[0]!.symbol, b[0]!.seq], ['BTC-USD', 1, 'ETH-USD', 1]);
    assert.deepEqual(engine.symbols, ['BTC-USD', 'ETH-USD']);
    assert.equal(engine.book('ETH-USD')?.bestBid, 200);
  });

  it('rejects commands for unknown symbols with SYMBOL_UNKNOWN and seq 0', () => {
    const events = new MatchingEngine().submit(on('NOPE', buy(7, 100, 1)));
    assert.deepEqual(events, [{ type: 'rejected', symbol: 'NOPE', seq: 0, timeMs: 0, command: 'limit', orderId: 7, code: 'SYMBOL_UNKNOWN' }]);
  });

  it('applies default book config under per-book overrides, and refuses a second book per symbol', () => {
    const engine = new MatchingEngine({ defaults: { tickSize: 5, stpMode: 'none' } });
    engine.addBook('A');
    engine.addBook('B', { tickSize: 1 });
    assert.equal(only(engine.submit(on('A', buy(1, 101, 1))), 'rejected').code, 'PRICE_OFF_TICK');
    assert.equal(engine.submit(on('B', buy(1, 101, 1)))[0]!.type, 'accepted');
    assert.throws(() => engine.addBook('A'), /already exists/);
  });

  it('sends events to a shared sink on execute(); submit() then refuses', () => {
    const sink = new CountingSink();
    const engine = new MatchingEngine({ sink });
    engine.addBook('A');
    engine.execute(on('A', sell(1, 100, 2)));
    engine.execute(on('A', buy(2, 100, 1)));
    engine.execute(on('Z', buy(3, 100, 1)));
    assert.deepEqual([sink.acceptedCount, sink.tradeCount, sink.tradedQty, sink.rejectedCount], [2, 1, 1, 1]);
    assert.throws(() => engine.submit(on('A', buy(4, 90, 1))), /custom sink/);
  });

  it('hashes all books deterministically', () => {
    const build = () => {
      const engine = new MatchingEngine();
      engine.addBook('A');
      engine.addBook('B');
      engine.submit(on('A', buy(1, 100, 1)));
      engine.submit(on('B', sell(1, 100, 1)));
      return engine;
    };
    assert.equal(build().stateHash(), build().stateHash());
    const other = build();
    other.submit(on('B', sell(2, 101, 1)));
    assert.notEqual(other.stateHash(), build().stateHash());
  });
});

describe('book storage edge cases', () => {
  it('keeps priority and totals when far-apart prices grow and recentre the price window', () => {
    const book = newBook();
    run(book, buy(1, 1_000_000, 1), buy(2, 999_990, 2), sell(3, 1_003_000, 3), buy(4, 997_000, 4), sell(5, 1_900_000, 5), buy(6, 1, 6));
    assert.deepEqual(book.depth(SIDE.BUY), [[1_000_000, 1], [999_990, 2], [997_000, 4], [1, 6]]);
    assert.deepEqual(book.depth(SIDE.SELL), [[1_003_000, 3], [1_900_000, 5]]);
    const trades = run(book, { type: 'market', timeMs: 0, orderId: 7, side: 'sell', qty: 13 }).filter((e) => e.type === 'trade');
    assert.deepEqual(trades.map((t) => t.price), [1_000_000, 999_990, 997_000, 1]);
  });

  it('handles sparse and very large order ids next to dense ones', () => {
    const book = newBook();
    const ids = [1, 2 ** 24 + 3, 2 ** 40, Number.MAX_SAFE_INTEGER, 70_000];
    run(book, ...ids.map((id, i) => buy(id, 100 + i, 1)));
    assert.deepEqual(ids.map((id) => book.order(id)?.price), [100, 101, 102, 103, 104]);
    assert.equal(only(book.submit({ type: 'cancel', timeMs: 0, orderId: 2 ** 40 }), 'cancelled').qty, 1);
    assert.equal(book.order(2 ** 40), undefined);
    assert.equal(book.orderCount, 4);
  });

  it('reuses order slots after fills and cancels', () => {
    const book = newBook({ initialOrderCapacity: 2 });
    for (let i = 1; i <= 1_000; i++) run(book, buy(i, 100, 1), sell(10_000 + i, 100, 1));
    assert.equal(book.orderCount, 0);
    assert.deepEqual(types(run(book, buy(1, 100, 1))), ['accepted']);
  });

  it('refuses invalid configuration', () => {
    assert.throws(() => new Book('X', { tickSize: 0 }), /tickSize/);
    assert.throws(() => new Book('X', { stpMode: 'bogus' as 'none' }), /stpMode/);
    assert.throws(() => new Book('X', { circuitBreakerBps: [700, 600], haltDurationsMs: [1, 1] }), /ascending/);
    assert.throws(() => new Book('X', { circuitBreakerBps: [700] }), /haltDurationsMs/);
  });
});
