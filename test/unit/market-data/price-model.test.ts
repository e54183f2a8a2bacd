import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RandomStreams } from '../../../src/platform/random/index.js';
import {
  autocorrelation, correlation, DEFAULT_INSTRUMENTS, excessKurtosis, logReturns, mean, PriceModel, type PriceModelOverrides,
} from '../../../src/services/market-data/core/index.js';

const STEP_MS = 100; // the service's update interval
const STEPS_PER_MINUTE = 60_000 / STEP_MS;
const STEPS_PER_DAY = 86_400_000 / STEP_MS;
const STABLECOINS = DEFAULT_INSTRUMENTS.filter((i) => i.assetClass === 'stablecoin').map((i) => i.symbol);
const RISKY = DEFAULT_INSTRUMENTS.filter((i) => i.assetClass !== 'stablecoin').map((i) => i.symbol);

const newModel = (seed = 42, overrides?: PriceModelOverrides) => new PriceModel(DEFAULT_INSTRUMENTS, new RandomStreams(seed).get('market-data/model'), overrides);

/** Steps a model for `steps` and returns each symbol's closes every `every` steps (first: the start). */
function simulate(model: PriceModel, steps: number, every: number, onStep?: (mids: readonly number[]) => void): Map<string, number[]> {
  const closes = model.symbols.map((s) => [model.mid(s)]);
  for (let n = 1; n <= steps; n++) {
    const mids = model.step(STEP_MS);
    onStep?.(mids);
    if (n % every === 0) for (let i = 0; i < mids.length; i++) closes[i]!.push(mids[i]!);
  }
  return new Map(model.symbols.map((s, i) => [s, closes[i]!]));
}

describe('price model over one simulated day (seed 42, 100 ms steps, 1-minute closes)', () => {
  let returns: Map<string, number[]>;
  let maxPegDeviationBps = 0;

  before(() => {
    const model = newModel();
    const pegIndexes = STABLECOINS.map((s) => model.symbols.indexOf(s));
    const closes = simulate(model, STEPS_PER_DAY, STEPS_PER_MINUTE, (mids) => {
      // 1.0000 is 10,000 ticks of 0.0001, so one tick is one basis point.
      for (const i of pegIndexes) maxPegDeviationBps = Math.max(maxPegDeviationBps, Math.abs(mids[i]! - 10_000));
    });
    returns = new Map([...closes].map(([s, c]) => [s, logReturns(c)]));
  });

  it('samples a whole day', () => {
    for (const r of returns.values()) assert.equal(r.length, 1440);
  });

  it('has fat tails: excess kurtosis of 1-minute returns > 1 for every non-stablecoin', (t) => {
    for (const symbol of RISKY) {
      const k = excessKurtosis(returns.get(symbol)!);
      t.diagnostic(`${symbol} excess kurtosis ${k.toFixed(2)}`);
      assert.ok(k > 1, `${symbol}: excess kurtosis ${k}`);
    }
  });

  it('clusters volatility: autocorrelation of |1-minute returns| at lag 1 > 0.1', (t) => {
    for (const symbol of RISKY) {
      const acf = autocorrelation(returns.get(symbol)!.map(Math.abs), 1);
      t.diagnostic(`${symbol} acf(|r|, 1) ${acf.toFixed(3)}`);
      assert.ok(acf > 0.1, `${symbol}: acf ${acf}`);
    }
  });

  it('correlates crypto: pairwise correlation of 1-minute returns among BTC, ETH, SOL > 0.3', (t) => {
    for (const [a, b] of [['BTC-USD', 'ETH-USD'], ['BTC-USD', 'SOL-USD'], ['ETH-USD', 'SOL-USD']] as const) {
      const rho = correlation(returns.get(a)!, returns.get(b)!);
      t.diagnostic(`corr ${a}/${b} ${rho.toFixed(2)}`);
      assert.ok(rho > 0.3, `${a}/${b}: ${rho}`);
    }
  });

  it('keeps equities correlated with each other and stablecoins nearly uncorrelated with crypto', () => {
    assert.ok(correlation(returns.get('AAPL')!, returns.get('MSFT')!) > 0.2);
    assert.ok(Math.abs(correlation(returns.get('BTC-USD')!, returns.get('USDC-USD')!)) < 0.15);
  });

  it('keeps stablecoins within 50 bps of 1.0000 all day', (t) => {
    t.diagnostic(`max stablecoin deviation ${maxPegDeviationBps} bps`);
    assert.ok(maxPegDeviationBps < 50, `deviation ${maxPegDeviationBps} bps`);
  });
});

describe('price model hooks', () => {
  it("applyJump('*', -0.15) drops every non-stablecoin ~15% and raises its volatility", () => {
    const model = newModel();
    const quietVar = realisedVariance(model, 3000);
    const before = new Map(model.symbols.map((s) => [s, model.mid(s)]));
    model.applyJump('*', -0.15);
    for (const symbol of RISKY) {
      const ratio = model.mid(symbol) / before.get(symbol)!;
      assert.ok(Math.abs(ratio - 0.85) < 0.001, `${symbol}: ${ratio}`);
    }
    for (const symbol of STABLECOINS) assert.equal(model.mid(symbol), before.get(symbol));
    const afterVar = realisedVariance(model, 3000);
    for (const symbol of RISKY) assert.ok(afterVar.get(symbol)! > 2 * quietVar.get(symbol)!, `${symbol} volatility did not rise`);
    for (const symbol of RISKY) {
      const ratio = model.mid(symbol) / before.get(symbol)!;
      assert.ok(ratio > 0.75 && ratio < 0.95, `${symbol} five minutes later: ${ratio}`);
    }
  });

  it("setPegTarget('USDC-USD', 0.97) takes USDC below 0.98 within a simulated hour; USDT holds", (t) => {
    const model = newModel();
    model.setPegTarget('USDC-USD', 0.97);
    const usdc = model.symbols.indexOf('USDC-USD');
    const usdt = model.symbols.indexOf('USDT-USD');
    let steps = 0;
    let stepsToBelow = -1;
    let usdtWorstBps = 0;
    simulate(model, 36_000, 36_000, (mids) => {
      steps++;
      if (stepsToBelow < 0 && mids[usdc]! < 9800) stepsToBelow = steps;
      usdtWorstBps = Math.max(usdtWorstBps, Math.abs(mids[usdt]! - 10_000));
    });
    t.diagnostic(`USDC below 0.98 after ${(stepsToBelow / STEPS_PER_MINUTE).toFixed(1)} minutes`);
    assert.ok(stepsToBelow > 0, 'USDC never went below 0.98 within the hour');
    assert.ok(Math.abs(model.mid('USDC-USD') - 9700) < 30, `USDC ends at ${model.mid('USDC-USD')} ticks, not near 0.97`);
    assert.ok(usdtWorstBps < 50);
  });

  it('the stressed regime raises volatility and correlation', () => {
    const pinned = (regime: 'calm' | 'stressed') => {
      const model = newModel(7, { regime: { calmMeanMin: 1e9, stressedMeanMin: 1e9 } });
      model.setRegime(regime);
      const r = new Map([...simulate(model, 72_000, STEPS_PER_MINUTE)].map(([s, c]) => [s, logReturns(c)]));
      assert.equal(model.regime, regime);
      return { variance: mean(r.get('BTC-USD')!.map((x) => x * x)), rho: correlation(r.get('AAPL')!, r.get('MSFT')!) };
    };
    const calm = pinned('calm');
    const stressed = pinned('stressed');
    assert.ok(stressed.variance > 3 * calm.variance, `variance ${stressed.variance} vs ${calm.variance}`);
    assert.ok(stressed.rho > calm.rho + 0.1, `correlation ${stressed.rho} vs ${calm.rho}`);
  });

  it('never quotes a price at or below zero ticks, and rejects impossible inputs', () => {
    const model = newModel();
    model.applyJump(['SOL-USD'], -0.99999);
    simulate(model, 600, 600, (mids) => assert.ok(mids.every((m) => Number.isInteger(m) && m >= 1)));
    assert.throws(() => model.applyJump('*', -1), RangeError);
    assert.throws(() => model.setPegTarget('BTC-USD', 0.9), /not a stablecoin/);
    assert.throws(() => model.applyJump(['DOGE-USD'], 0.1), /unknown instrument/);
    assert.throws(() => model.step(-100), RangeError);
  });
});

/** Mean squared 1-second log return of each symbol over the next `steps` steps. */
function realisedVariance(model: PriceModel, steps: number): Map<string, number> {
  const closes = simulate(model, steps, 1000 / STEP_MS);
  return new Map([...closes].map(([s, c]) => [s, mean(logReturns(c).map((x) => x * x))]));
}
