import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MarketMaker, OrderIds, type StrategyConfig } from '../../../src/services/strategy-engine/core/index.js';
import { inFlight, opened, places, rng, state, view } from './helpers.js';

const CONFIG: Extract<StrategyConfig, { kind: 'market-maker' }> = {
  kind: 'market-maker', name: 'mm', symbols: ['BTC-USD'], halfSpreadBps: 10, quoteLots: 100, maxInventoryLots: 500, skewBps: 20, requoteBps: 5,
};
const mm = () => new MarketMaker(CONFIG, new OrderIds('mm'), rng());
/** Mid 100,000 ticks: 10 bps is 100 ticks. */
const AT_100K = view('BTC-USD', 99_990, 100_010);
const priceOf = (intents: ReturnType<MarketMaker['decide']>, side: 'buy' | 'sell') => places(intents).find((p) => p.side === side)?.priceTicks;

describe('market maker', () => {
  it('quotes a post-only GTC bid and ask halfSpreadBps around the mid', () => {
    const intents = places(mm().decide(AT_100K, state()));
    assert.deepEqual(intents.map((p) => [p.side, p.priceTicks, p.tif, p.postOnly, p.clientOrderId]), [
      ['buy', 99_900, 'GTC', true, 'mm-1'],
      ['sell', 100_100, 'GTC', true, 'mm-2'],
    ]);
    for (const p of intents) assert.ok(p.qtyLots >= 90 && p.qtyLots <= 110, `quote size ${p.qtyLots} within 10% of 100`);
  });

  it('skews both quotes against its inventory', () => {
    const flat = mm().decide(AT_100K, state(0));
    const long = mm().decide(AT_100K, state(250));
    const short = mm().decide(AT_100K, state(-250));
    // Half the maximum inventory moves the centre by half of skewBps: 10 bps = 100 ticks.
    assert.equal(priceOf(long, 'buy'), 99_800);
    assert.equal(priceOf(long, 'sell'), 100_000);
    assert.equal(priceOf(short, 'buy'), 99_999);
    assert.equal(priceOf(short, 'sell'), 100_201);
    for (const side of ['buy', 'sell'] as const) {
      assert.ok(priceOf(long, side)! < priceOf(flat, side)!);
      assert.ok(priceOf(short, side)! > priceOf(flat, side)!);
    }
  });

  it('stops quoting the side that would pass maxInventoryLots, and shrinks it before', () => {
    assert.deepEqual(places(mm().decide(AT_100K, state(500))).map((p) => p.side), ['sell']);
    assert.deepEqual(places(mm().decide(AT_100K, state(-500))).map((p) => p.side), ['buy']);
    const nearMax = places(mm().decide(AT_100K, state(470)));
    assert.equal(nearMax.find((p) => p.side === 'buy')!.qtyLots, 30);
  });

  it('cancels a live bid once the inventory limit is reached', () => {
    const strategy = mm();
    const [bid, ask] = places(strategy.decide(AT_100K, state()));
    const intents = strategy.decide(AT_100K, state(500, [opened(bid!, 1), opened(ask!, 2)]));
    assert.deepEqual(intents, [{ type: 'cancel', symbol: 'BTC-USD', orderId: 1 }]);
  });

  it('does not pile up quotes: nothing new while quotes are in flight or live', () => {
    const strategy = mm();
    const [bid, ask] = places(strategy.decide(AT_100K, state()));
    assert.deepEqual(strategy.decide(AT_100K, state(0, [], [inFlight(bid!), inFlight(ask!)])), []);
    assert.deepEqual(strategy.decide(AT_100K, state(0, [opened(bid!, 1), opened(ask!, 2)])), []);
    // A filled bid is replaced; the ask stays.
    assert.deepEqual(places(strategy.decide(AT_100K, state(100, [opened(ask!, 2)]))).map((p) => p.side), ['buy']);
  });

  it('keeps one quote per side: extra quotes it did not place are cancelled', () => {
    const strategy = mm();
    const [bid, ask] = places(strategy.decide(AT_100K, state()));
    const stranger = { ...opened(bid!, 3), clientOrderId: 'mm-99' };
    assert.deepEqual(strategy.decide(AT_100K, state(0, [opened(bid!, 1), stranger, opened(ask!, 2)])), [{ type: 'cancel', symbol: 'BTC-USD', orderId: 3 }]);
  });

  it('requotes only when the mid moved more than requoteBps: cancels first, then new quotes', () => {
    const strategy = mm();
    const [bid, ask] = places(strategy.decide(AT_100K, state()));
    const live = [opened(bid!, 1), opened(ask!, 2)];
    assert.deepEqual(strategy.decide(view('BTC-USD', 100_040, 100_060), state(0, live)), [], '5 bps is not more than requoteBps');
    const intents = strategy.decide(view('BTC-USD', 100_090, 100_110), state(0, live));
    assert.deepEqual(intents.map((i) => (i.type === 'cancel' ? `cancel ${i.orderId}` : `${i.side} ${i.priceTicks}`)), [
      'cancel 1', 'cancel 2', 'buy 99999', 'sell 100201',
    ]);
  });

  it('requotes a side the other side\'s new quote would reach, even when the mid moved less than requoteBps', () => {
    // requoteBps wider than the spread: a 4 bps fall keeps the quotes by the mid rule, but the new
    // ask (mid 99,960 + 1 bp) would be at or under the old bid (mid 100,000 - 1 bp): post-only would refuse it.
    const tight = new MarketMaker({ ...CONFIG, halfSpreadBps: 1, requoteBps: 5 }, new OrderIds('mm'), rng());
    const [bid, ask] = places(tight.decide(AT_100K, state()));
    assert.deepEqual([bid!.priceTicks, ask!.priceTicks], [99_990, 100_010]);
    const intents = tight.decide(view('BTC-USD', 99_950, 99_970), state(0, [opened(bid!, 1), opened(ask!, 2)]));
    assert.deepEqual(intents.map((i) => (i.type === 'cancel' ? `cancel ${i.orderId}` : `${i.side} ${i.priceTicks}`)), ['cancel 1', 'buy 99950']);
  });

  it('reports its quotes and skew as signals', () => {
    const strategy = mm();
    strategy.decide(AT_100K, state(250));
    assert.deepEqual(strategy.signals(), { 'BTC-USD:skewBps': 10, 'BTC-USD:bid': 99_800, 'BTC-USD:ask': 100_000 });
  });

  it('always quotes whole ticks, bid below ask, never crossing the market, never passing the inventory limit', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 10_000_000 }), fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: -750, max: 750 }),
      fc.double({ min: 0.01, max: 500, noNaN: true }), fc.double({ min: 0, max: 499, noNaN: true }),
      (bid, spread, inventory, halfSpreadBps, skewBps) => {
        const strategy = new MarketMaker({ ...CONFIG, halfSpreadBps, skewBps }, new OrderIds('mm'), rng());
        const v = view('BTC-USD', bid, bid + spread);
        const quotes = places(strategy.decide(v, state(inventory)));
        const b = quotes.find((p) => p.side === 'buy');
        const a = quotes.find((p) => p.side === 'sell');
        for (const q of quotes) {
          assert.ok(Number.isSafeInteger(q.priceTicks) && q.priceTicks! >= 1);
          assert.ok(q.qtyLots >= 1);
          if (q.side === 'buy') assert.ok(inventory + q.qtyLots <= CONFIG.maxInventoryLots);
          else assert.ok(inventory - q.qtyLots >= -CONFIG.maxInventoryLots);
        }
        if (b) assert.ok(b.priceTicks! < v.ask);
        if (a) assert.ok(a.priceTicks! > v.bid);
        if (a && b) assert.ok(b.priceTicks! < a.priceTicks!);
      },
    ));
  });
});
