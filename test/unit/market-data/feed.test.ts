import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  decimalToTicks, marketUpdateSchema, ticksToDecimal, type BookChange, type BookLevel, type BookSnapshot, type MarketUpdate,
} from '../../../src/contracts/market-data.js';
import { RandomStreams } from '../../../src/platform/random/index.js';
import { DEFAULT_INSTRUMENTS, MarketFeed } from '../../../src/services/market-data/core/index.js';

const STEP_MS = 100;
const START_MS = Date.UTC(2024, 0, 2);

const newFeed = (seed = 42) => new MarketFeed({ instruments: DEFAULT_INSTRUMENTS, streams: new RandomStreams(seed), startMs: START_MS });

/** Runs `ticks` ticks; `during` is called before each with the tick number (for chaos hooks). */
function run(feed: MarketFeed, ticks: number, during?: (n: number) => void): MarketUpdate[] {
  const out: MarketUpdate[] = [];
  for (let n = 1; n <= ticks; n++) {
    during?.(n);
    out.push(...feed.tick(START_MS + n * STEP_MS, STEP_MS));
  }
  return out;
}

/** A consumer's copy of one book: a snapshot, then updates applied in order; rejects no-op changes. */
function follow(snapshot: BookSnapshot) {
  const sides = { bid: new Map(snapshot.bids), ask: new Map(snapshot.asks) };
  let seq = snapshot.seq;
  return {
    apply(update: MarketUpdate) {
      assert.equal(update.seq, seq + 1, `${update.symbol}: seq ${update.seq} after ${seq}`);
      seq = update.seq;
      for (const c of update.changes) applyChange(sides[c.side], c);
    },
    book: () => ({
      seq,
      bids: [...sides.bid].sort((a, b) => b[0] - a[0]),
      asks: [...sides.ask].sort((a, b) => a[0] - b[0]),
    }),
  };
}

function applyChange(side: Map<number, number>, c: BookChange): void {
  if (c.qty === 0) {
    assert.ok(side.has(c.price), `removes ${c.side} ${c.price}, which is not in the book`);
    side.delete(c.price);
  } else {
    assert.notEqual(side.get(c.price), c.qty, `a change to ${c.side} ${c.price} that changes nothing`);
    side.set(c.price, c.qty);
  }
}

const sha256 = (updates: MarketUpdate[]) => createHash('sha256').update(updates.map((u) => JSON.stringify(u)).join('\n')).digest('hex');

describe('market feed', () => {
  // Quiet, then stressed, then a crash and a depeg: the invariants must hold through all of it.
  const feed = newFeed();
  const updates = run(feed, 3000, (n) => {
    if (n === 1000) feed.model.setRegime('stressed');
    if (n === 2000) { feed.model.applyJump('*', -0.15); feed.model.setPegTarget('USDT-USD', 0.95); }
  });

  it('emits one update per instrument per tick, with gap-free sequence numbers from 1', () => {
    assert.equal(updates.length, 3000 * DEFAULT_INSTRUMENTS.length);
    const seqs = new Map<string, number>();
    for (const u of updates) {
      assert.equal(u.seq, (seqs.get(u.symbol) ?? 0) + 1, `${u.symbol} seq ${u.seq}`);
      seqs.set(u.symbol, u.seq);
    }
    assert.deepEqual([...seqs.values()], DEFAULT_INSTRUMENTS.map(() => 3000));
  });

  it('quotes bid < ask on the tick grid with positive sizes, and matches the contract schema', () => {
    for (const u of updates) {
      assert.ok(marketUpdateSchema.safeParse(u).success, `invalid update ${JSON.stringify(u)}`);
      assert.ok(u.bid < u.ask, `${u.symbol} seq ${u.seq}: bid ${u.bid} ask ${u.ask}`);
      for (const v of [u.bid, u.ask, u.last, u.bidSize, u.askSize]) assert.ok(Number.isInteger(v) && v > 0);
    }
  });

  it('prints trades at the touch, so last follows the market', () => {
    const btc = updates.filter((u) => u.symbol === 'BTC-USD');
    const atTouch = btc.filter((u) => u.last === u.bid || u.last === u.ask).length;
    assert.ok(atTouch > btc.length * 0.4 && atTouch < btc.length * 0.9, `${atTouch} of ${btc.length} updates print at the touch`);
    assert.notEqual(new Set(btc.map((u) => u.last)).size, 1);
  });

  it('widens spreads in the stressed regime', () => {
    const spy = updates.filter((u) => u.symbol === 'SPY');
    const meanSpread = (from: number, to: number) => spy.slice(from, to).reduce((s, u) => s + u.ask - u.bid, 0) / (to - from);
    assert.ok(meanSpread(1000, 1999) > 2 * meanSpread(0, 999));
  });

  it('a snapshot plus the updates after it reproduces the book, and L1 is its top', () => {
    const replay = newFeed();
    run(replay, 500);
    const followers = new Map(DEFAULT_INSTRUMENTS.map((i) => [i.symbol, follow(replay.snapshot(i.symbol))]));
    const afterSnapshot = run(replay, 2500, (n) => {
      if (n === 1500) replay.model.applyJump(['ETH-USD'], 0.1);
    });
    for (const u of afterSnapshot) {
      const copy = followers.get(u.symbol)!;
      copy.apply(u);
      const { bids, asks } = copy.book();
      assert.deepEqual([bids[0], asks[0]], [[u.bid, u.bidSize], [u.ask, u.askSize]] satisfies BookLevel[]);
      assert.equal(bids.length, 10);
      assert.equal(asks.length, 10);
    }
    for (const [symbol, copy] of followers) {
      const { symbol: _symbol, ts, ...book } = replay.snapshot(symbol);
      assert.equal(ts, afterSnapshot.at(-1)!.ts);
      assert.deepEqual(copy.book(), book);
    }
  });

  it('sends only changed levels, not the whole book each time', () => {
    const changes = updates.reduce((n, u) => n + u.changes.length, 0);
    assert.ok(changes / updates.length < 10, `${changes / updates.length} changes per update`);
  });

  it('is deterministic: same seed, same bytes for 10,000 updates; another seed differs', () => {
    const ticksFor10k = 10_000 / DEFAULT_INSTRUMENTS.length;
    const first = sha256(run(newFeed(42), ticksFor10k));
    assert.equal(sha256(run(newFeed(42), ticksFor10k)), first);
    assert.notEqual(sha256(run(newFeed(43), ticksFor10k)), first);
  });

  it('answers snapshots for configured symbols only', () => {
    assert.equal(feed.snapshot('BTC-USD').seq, 3000);
    assert.throws(() => feed.snapshot('DOGE-USD'), { code: 'UNKNOWN_SYMBOL' });
  });
});

describe('ticks and lots at the API edge', () => {
  it('converts exactly, without float garbage', () => {
    assert.equal(ticksToDecimal(6512345, '0.01'), '65123.45');
    assert.equal(ticksToDecimal(6512345, 0.01), '65123.45');
    assert.equal(ticksToDecimal(3, '0.0001'), '0.0003');
    assert.equal(ticksToDecimal(7, 0.1), '0.7'); // 7 * 0.1 is 0.7000000000000001 in floats
    assert.equal(ticksToDecimal(250, '1'), '250');
    assert.equal(ticksToDecimal(3, '0.5'), '1.5');
    assert.equal(ticksToDecimal(12, 1e-8), '0.00000012');
    assert.throws(() => ticksToDecimal(1.5, '0.01'), RangeError);
  });

  it('rounds decimals to the nearest whole increment', () => {
    assert.equal(decimalToTicks('65123.45', '0.01'), 6512345);
    assert.equal(decimalToTicks('65123.456', '0.01'), 6512346);
    assert.equal(decimalToTicks('1', '0.0001'), 10_000);
    assert.equal(decimalToTicks(0.3, 0.1), 3);
    assert.equal(decimalToTicks('1.2', '0.5'), 2);
  });
});
