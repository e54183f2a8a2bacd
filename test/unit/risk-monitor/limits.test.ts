import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_LIMITS, RiskEngine, type RiskLimits } from '../../../src/services/risk-monitor/core/index.js';
import { INSTRUMENTS, dollars, newEngine } from './helpers.js';

describe('limits', () => {
  it('defaults suit $1k-$10k orders', () => {
    assert.equal(DEFAULT_RISK_LIMITS.maxOrderNotional, dollars(50_000));
    assert.equal(DEFAULT_RISK_LIMITS.maxGrossExposure, dollars(500_000));
    assert.equal(DEFAULT_RISK_LIMITS.maxNetExposure, dollars(250_000));
    assert.equal(DEFAULT_RISK_LIMITS.dailyLossLimit, dollars(25_000));
    assert.deepEqual([DEFAULT_RISK_LIMITS.maxOpenOrders, DEFAULT_RISK_LIMITS.maxOrdersPerSecond, DEFAULT_RISK_LIMITS.throttleKillAfter], [20, 20, 50]);
    assert.deepEqual([DEFAULT_RISK_LIMITS.priceCollarBps, DEFAULT_RISK_LIMITS.staleReferenceMs], [500, 5000]);
    assert.deepEqual([DEFAULT_RISK_LIMITS.maxOrderQtyLots, DEFAULT_RISK_LIMITS.maxPositionLots], [{}, {}]);
  });

  it('a strategy\'s limits are its overrides over the current defaults', () => {
    const engine = newEngine();
    engine.setLimits('s1', { maxOpenOrders: 3 });
    const after = engine.setLimits(null, { maxOrderNotional: dollars(10) });
    assert.equal(after.maxOrderNotional, dollars(10));
    assert.equal(engine.limits('s1').maxOpenOrders, 3);
    assert.equal(engine.limits('s1').maxOrderNotional, dollars(10));
    assert.equal(engine.limits('s2').maxOpenOrders, DEFAULT_RISK_LIMITS.maxOpenOrders);
    assert.deepEqual(engine.setLimits('s1', { maxPositionLots: { 'BTC-USD': 5 } }).maxPositionLots, { 'BTC-USD': 5 });
    assert.equal(engine.limits('s1').maxOpenOrders, 3, 'patches accumulate');
  });

  it('returned limits are copies', () => {
    const engine = newEngine({ maxOrderQtyLots: { 'BTC-USD': 5 } });
    engine.limits('s1').maxOrderQtyLots['BTC-USD'] = 1000;
    assert.equal(engine.limits('s1').maxOrderQtyLots['BTC-USD'], 5);
  });

  const bad: [Partial<RiskLimits>, RegExp][] = [
    [{ maxOrderNotional: -1 }, /maxOrderNotional/],
    [{ maxOpenOrders: 1.5 }, /maxOpenOrders/],
    [{ maxOrdersPerSecond: 0 }, /maxOrdersPerSecond/],
    [{ throttleKillAfter: 0 }, /throttleKillAfter/],
    [{ dailyLossLimit: 0 }, /dailyLossLimit/],
    [{ priceCollarBps: 10_001 }, /priceCollarBps/],
    [{ staleReferenceMs: 0 }, /staleReferenceMs/],
    [{ maxGrossExposure: Number.NaN }, /maxGrossExposure/],
    [{ maxNetExposure: '5' as unknown as number }, /maxNetExposure/],
    [{ maxOrderQtyLots: { 'BTC-USD': 0 } }, /maxOrderQtyLots\.BTC-USD/],
    [{ maxPositionLots: [] as unknown as Record<string, number> }, /maxPositionLots/],
    [{ maxOrderNotionl: 5 } as Partial<RiskLimits>, /unknown risk limit maxOrderNotionl/],
  ];
  for (const [patch, field] of bad) {
    it(`setLimits refuses ${JSON.stringify(patch)} with a RangeError naming the field, changing nothing`, () => {
      const engine = newEngine();
      const before = engine.limits('s1');
      assert.throws(() => engine.setLimits('s1', patch), (err: unknown) => err instanceof RangeError && field.test(err.message));
      assert.throws(() => engine.setLimits(null, patch), RangeError);
      assert.deepEqual(engine.limits('s1'), before);
    });
  }

  it('the constructor validates the defaults', () => {
    assert.throws(() => new RiskEngine(INSTRUMENTS, { ...DEFAULT_RISK_LIMITS, maxOpenOrders: -1 }), /maxOpenOrders/);
    const { throttleKillAfter: _omitted, ...incomplete } = DEFAULT_RISK_LIMITS;
    assert.throws(() => new RiskEngine(INSTRUMENTS, incomplete as RiskLimits), /throttleKillAfter is missing/);
  });

  it('setting limits for a strategy lists it; reading limits or a snapshot does not', () => {
    const engine = newEngine();
    engine.limits('ghost');
    engine.snapshot('ghost', 0);
    assert.deepEqual(engine.strategies(), []);
    engine.setLimits('mm', { maxOpenOrders: 5 });
    assert.deepEqual(engine.strategies(), ['mm']);
  });
});
