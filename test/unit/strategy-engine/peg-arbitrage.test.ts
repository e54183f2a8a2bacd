import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OrderIds, PegArbitrage, type StrategyConfig } from '../../../src/services/strategy-engine/core/index.js';
import { places, rng, state, view } from './helpers.js';

const CONFIG: Extract<StrategyConfig, { kind: 'peg-arbitrage' }> = {
  kind: 'peg-arbitrage', name: 'peg', symbols: ['USDC-USD'], pegTicks: { 'USDC-USD': 10_000 }, thresholdBps: 5, orderLots: 1_000, maxPositionLots: 2_500, cooldownMs: 1_000,
};
const pegArb = () => new PegArbitrage(CONFIG, new OrderIds('peg'), rng());
const usdc = (bid: number, ask: number, timeMs = 0) => view('USDC-USD', bid, ask, timeMs);

describe('peg arbitrage', () => {
  it('buys with an IOC at the ask when the ask is more than thresholdBps below the peg', () => {
    const [buy] = places(pegArb().decide(usdc(9_993, 9_994), state()));
    assert.deepEqual([buy!.side, buy!.priceTicks, buy!.tif, buy!.clientOrderId], ['buy', 9_994, 'IOC', 'peg-1']);
    assert.ok(buy!.qtyLots >= 900 && buy!.qtyLots <= 1_100);
  });

  it('sells with an IOC at the bid when the bid is more than thresholdBps above the peg', () => {
    const [sell] = places(pegArb().decide(usdc(10_006, 10_007), state()));
    assert.deepEqual([sell!.side, sell!.priceTicks], ['sell', 10_006]);
  });

  it('does nothing inside the threshold (the threshold itself included)', () => {
    const s = pegArb();
    for (const [bid, ask] of [[9_999, 10_001], [9_996, 9_997], [10_004, 10_005], [9_994, 9_995], [10_005, 10_006]] as const) {
      assert.deepEqual(s.decide(usdc(bid, ask), state()), [], `bid ${bid} ask ${ask}`);
    }
  });

  it('waits cooldownMs between orders and respects maxPositionLots', () => {
    const s = pegArb();
    assert.equal(s.decide(usdc(9_900, 9_901, 0), state()).length, 1);
    assert.equal(s.decide(usdc(9_900, 9_901, 999), state()).length, 0);
    assert.equal(places(s.decide(usdc(9_900, 9_901, 1_000), state(2_000)))[0]!.qtyLots, 500);
    assert.equal(s.decide(usdc(9_900, 9_901, 5_000), state(2_500)).length, 0);
  });

  it('reports the deviation of the mid from the peg in bps', () => {
    const s = pegArb();
    s.decide(usdc(9_899, 9_901), state());
    assert.ok(Math.abs(s.signals()['USDC-USD:deviationBps']! + 100) < 1e-9);
  });
});
