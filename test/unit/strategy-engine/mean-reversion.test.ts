import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MeanReversion, OrderIds, type StrategyConfig } from '../../../src/services/strategy-engine/core/index.js';
import { path, places, rng, state } from './helpers.js';

const CONFIG: Extract<StrategyConfig, { kind: 'mean-reversion' }> = {
  kind: 'mean-reversion', name: 'mr', symbols: ['AAPL'], window: 20, entryZ: 2, exitZ: 0.5, orderLots: 10, maxPositionLots: 30, cooldownMs: 0,
};
const meanReversion = () => new MeanReversion(CONFIG, new OrderIds('mr'), rng());
/** Mids alternating 19,005 / 18,995: mean 19,000, stdev 5, |z| = 1 on every view. */
const noise = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 19_005 : 18_995));

describe('mean reversion', () => {
  it('does nothing while |z| is between exitZ and entryZ, or before the window is full', () => {
    const s = meanReversion();
    assert.deepEqual(path('AAPL', noise(40)).flatMap((v) => s.decide(v, state())), []);
    assert.ok(Math.abs(Math.abs(s.signals()['AAPL:z']!) - 1) < 1e-9);
  });

  it('buys a dip with an IOC at the ask', () => {
    const s = meanReversion();
    const views = path('AAPL', [...noise(20), 18_950]);
    const intents = views.flatMap((v) => s.decide(v, state()));
    assert.equal(intents.length, 1);
    const [buy] = places(intents);
    assert.equal(buy!.side, 'buy');
    assert.equal(buy!.tif, 'IOC');
    assert.equal(buy!.priceTicks, views.at(-1)!.ask);
    assert.ok(s.signals()['AAPL:z']! < -2);
  });

  it('sells a spike with an IOC at the bid', () => {
    const s = meanReversion();
    const views = path('AAPL', [...noise(20), 19_050]);
    const [sell] = places(views.flatMap((v) => s.decide(v, state())));
    assert.equal(sell!.side, 'sell');
    assert.equal(sell!.priceTicks, views.at(-1)!.bid);
  });

  it('trades back towards flat once |z| is under exitZ, never past flat', () => {
    const s = meanReversion();
    for (const v of path('AAPL', noise(20))) s.decide(v, state(4));
    // The mid right at the mean: z = 0.
    const [flatten] = places(s.decide(path('AAPL', [19_000], 2_000)[0]!, state(4)));
    assert.deepEqual([flatten!.side, flatten!.qtyLots], ['sell', 4]);
    assert.ok(Math.abs(s.signals()['AAPL:z']!) < 0.5);
    const short = meanReversion();
    for (const v of path('AAPL', noise(20))) short.decide(v, state(-15));
    const [cover] = places(short.decide(path('AAPL', [19_000], 2_000)[0]!, state(-15)));
    assert.deepEqual([cover!.side, cover!.priceTicks], ['buy', 19_001]);
    assert.ok(cover!.qtyLots <= 15);
  });

  it('stays silent on a flat window (no deviation, no z)', () => {
    const s = meanReversion();
    assert.deepEqual(path('AAPL', Array(30).fill(19_000)).flatMap((v) => s.decide(v, state(5))), []);
  });

  it('respects maxPositionLots', () => {
    const s = meanReversion();
    const views = path('AAPL', [...noise(20), 18_950]);
    assert.deepEqual(views.flatMap((v) => s.decide(v, state(30))), []);
  });
});
