import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Momentum, OrderIds, type Intent, type MarketView, type StrategyConfig } from '../../../src/services/strategy-engine/core/index.js';
import { path, places, rng, state } from './helpers.js';

const CONFIG: Extract<StrategyConfig, { kind: 'momentum' }> = {
  kind: 'momentum', name: 'mo', symbols: ['ETH-USD'], fastWindow: 3, slowWindow: 10, thresholdBps: 5, orderLots: 10, maxPositionLots: 25, cooldownMs: 1_000,
};
const momentum = (config = CONFIG) => new Momentum(config, new OrderIds('mo'), rng());
/** 2 bps a view: fast (last 3) leads slow (last 10) by 3.5 steps = 7 bps once the window is full. */
const trend = (n: number, step: number) => path('ETH-USD', Array.from({ length: n }, (_, i) => 100_000 + i * step));

/** Runs the views with a fixed state; returns the intents with the index of the view that made them. */
function run(strategy: Momentum, views: MarketView[], position = 0): { at: number; intent: Intent }[] {
  return views.flatMap((v, at) => strategy.decide(v, state(position)).map((intent) => ({ at, intent })));
}

describe('momentum', () => {
  it('buys an up trend with an IOC at the ask, once the slow window is full', () => {
    const views = trend(10, 20);
    const out = run(momentum(), views);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.at, 9);
    const [buy] = places([out[0]!.intent]);
    assert.deepEqual({ ...buy, qtyLots: 0 }, { type: 'place', symbol: 'ETH-USD', side: 'buy', priceTicks: views[9]!.ask, qtyLots: 0, tif: 'IOC', postOnly: false, clientOrderId: 'mo-1' });
    assert.ok(buy!.qtyLots >= 9 && buy!.qtyLots <= 11);
  });

  it('sells a down trend with an IOC at the bid', () => {
    const views = trend(10, -20);
    const [sell] = places(run(momentum(), views).map((o) => o.intent));
    assert.equal(sell!.side, 'sell');
    assert.equal(sell!.priceTicks, views[9]!.bid);
  });

  it('does nothing when the averages are within thresholdBps', () => {
    assert.deepEqual(run(momentum(), trend(50, 10)), [], '3.5 bps of trend is under the 5 bps threshold');
    assert.deepEqual(run(momentum(), trend(50, 0)), []);
  });

  it('waits cooldownMs between orders of a symbol', () => {
    const out = run(momentum(), trend(40, 20));
    assert.deepEqual(out.map((o) => o.at), [9, 19, 29, 39], 'views are 100 ms apart, cooldown 1 s');
  });

  it('respects maxPositionLots, counting placements in flight', () => {
    const s = momentum({ ...CONFIG, cooldownMs: 0 });
    const views = trend(12, 20);
    assert.deepEqual(run(s, views.slice(0, 10), 25), [], 'at the limit: no buy');
    const [capped] = places(s.decide(views[10]!, state(20)));
    assert.equal(capped!.qtyLots, 5);
    const pending = [{ clientOrderId: 'mo-0', symbol: 'ETH-USD', side: 'buy' as const, priceTicks: 1, qtyLots: 22 }];
    assert.equal(places(s.decide(views[11]!, state(0, [], pending)))[0]!.qtyLots, 3);
  });

  it('reports fast, slow and the trend in bps', () => {
    const s = momentum();
    run(s, trend(10, 20));
    const sig = s.signals();
    assert.equal(sig['ETH-USD:fast'], 100_160);
    assert.equal(sig['ETH-USD:slow'], 100_090);
    assert.ok(Math.abs(sig['ETH-USD:trendBps']! - 6.9937) < 1e-3);
  });

  it('ignores symbols it does not trade', () => {
    assert.deepEqual(run(momentum(), path('BTC-USD', Array.from({ length: 20 }, (_, i) => 100_000 + i * 50))), []);
  });
});
