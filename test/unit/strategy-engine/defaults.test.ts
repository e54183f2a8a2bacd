import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INSTRUMENTS } from '../../../src/services/market-data/core/instruments.js';
import { notionalMicros, MICROS } from '../../../src/contracts/trading.js';
import { defaultStrategies, StrategyRunner, type StrategyConfig } from '../../../src/services/strategy-engine/core/index.js';
import { INSTRUMENTS, streams } from './helpers.js';
import { marketPath } from './market-path.js';
import { ToyVenue } from './toy-venue.js';

const configs = defaultStrategies([...DEFAULT_INSTRUMENTS]);
const byKind = <K extends StrategyConfig['kind']>(kind: K) => configs.filter((c): c is Extract<StrategyConfig, { kind: K }> => c.kind === kind);
const dollars = (symbol: string, lots: number) => {
  const spec = DEFAULT_INSTRUMENTS.find((s) => s.symbol === symbol)!;
  return notionalMicros(INSTRUMENTS.get(symbol)!, Number(spec.initialPrice) / Number(spec.tickSize), lots) / MICROS;
};

describe('default strategies', () => {
  it('are valid for the default instruments', () => {
    assert.doesNotThrow(() => new StrategyRunner(configs, INSTRUMENTS, streams(1)));
  });

  it('make one market maker per instrument quoting $1k-$5k a side', () => {
    const mms = byKind('market-maker');
    assert.deepEqual(mms.map((c) => c.symbols), DEFAULT_INSTRUMENTS.map((s) => [s.symbol]));
    for (const c of mms) {
      const perSide = dollars(c.symbols[0]!, c.quoteLots);
      assert.ok(perSide >= 1_000 && perSide <= 5_000, `${c.name} quotes $${perSide}`);
      assert.ok(c.maxInventoryLots > c.quoteLots);
    }
  });

  it('add momentum on crypto, mean reversion on equities and crypto, peg arbitrage on stablecoins at 1.0000', () => {
    const sorted = (xs: string[]) => [...xs].sort();
    assert.deepEqual(byKind('momentum').map((c) => sorted(c.symbols)), [['BTC-USD', 'ETH-USD', 'SOL-USD']]);
    assert.deepEqual(byKind('mean-reversion').map((c) => sorted(c.symbols)), [['AAPL', 'BTC-USD', 'ETH-USD', 'MSFT', 'SOL-USD', 'SPY']]);
    const [peg] = byKind('peg-arbitrage');
    assert.deepEqual(peg!.pegTicks, { 'USDC-USD': 10_000, 'USDT-USD': 10_000 });
    for (const c of [...byKind('momentum'), ...byKind('mean-reversion'), ...byKind('peg-arbitrage')]) {
      for (const s of c.symbols) assert.ok(dollars(s, c.orderLots) <= 5_000, `${c.name} orders $${dollars(s, c.orderLots)} of ${s}`);
    }
  });

  it('leave out strategies without instruments', () => {
    assert.deepEqual(defaultStrategies([]), []);
    const stablesOnly = defaultStrategies(DEFAULT_INSTRUMENTS.filter((s) => s.assetClass === 'stablecoin'));
    assert.deepEqual(stablesOnly.map((c) => c.kind), ['market-maker', 'market-maker', 'peg-arbitrage', 'client-flow']);
  });

  it('keep every order within 1% of the market, far inside the 10% price band', () => {
    const runner = new StrategyRunner(configs, INSTRUMENTS, streams(3));
    const venue = new ToyVenue(runner);
    let priced = 0;
    for (const view of marketPath(DEFAULT_INSTRUMENTS, 4_000, 5)) {
      const mid = (view.bid + view.ask) / 2;
      for (const { intent } of venue.step(view)) {
        if (intent.type !== 'place') continue;
        priced += 1;
        assert.ok(Math.abs(intent.priceTicks! - mid) <= mid * 0.01, `${intent.clientOrderId} at ${intent.priceTicks} vs mid ${mid}`);
      }
    }
    assert.ok(priced > 0);
  });
});
