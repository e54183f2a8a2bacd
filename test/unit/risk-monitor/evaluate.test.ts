import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RiskEngine, RiskEvent } from '../../../src/services/risk-monitor/core/index.js';
import { AAPL_PRICE, BTC_PRICE, dollars, fill, newEngine } from './helpers.js';

const summary = (events: RiskEvent[]) => events.map((e) => `${e.type}:${e.limit}:${e.severity}:${e.utilizationPct}`);
const openOrders = (engine: RiskEngine, n: number) => {
  for (let id = 1; id <= 20; id++) engine.trackOrder({ orderId: id, strategy: 's1', symbol: 'BTC-USD', side: 'buy', openLots: id <= n ? 1 : 0 });
};

describe('evaluate: edge-triggered breaches', () => {
  it('warns at 80 %, goes critical at 100 %, recovers below 80 %, once per crossing', () => {
    const engine = newEngine({ maxOpenOrders: 10 });
    openOrders(engine, 7);
    assert.deepEqual(summary(engine.evaluate(1)), []);
    openOrders(engine, 8);
    assert.deepEqual(summary(engine.evaluate(2)), ['breach:open_orders:warning:80']);
    assert.deepEqual(summary(engine.evaluate(3)), [], 'still at 80 %: no repeat');
    openOrders(engine, 10);
    assert.deepEqual(summary(engine.evaluate(4)), ['breach:open_orders:critical:100']);
    openOrders(engine, 9);
    assert.deepEqual(summary(engine.evaluate(5)), [], 'back to warning level: no event');
    openOrders(engine, 11);
    assert.deepEqual(summary(engine.evaluate(6)), ['breach:open_orders:critical:110'], 'a new crossing of 100 %');
    openOrders(engine, 7);
    const [recovered] = engine.evaluate(7);
    assert.deepEqual(summary([recovered!]), ['recovered:open_orders:info:70']);
    assert.deepEqual([recovered!.strategy, recovered!.timeMs], ['s1', 7]);
    assert.deepEqual(summary(engine.evaluate(8)), []);
  });

  it('jumping straight past 100 % gives one critical event; messages name the limit and values', () => {
    const engine = newEngine({ maxPositionLots: { 'BTC-USD': 10, AAPL: 100 } });
    engine.onFill(fill({ qtyLots: 12 }));
    const events = engine.evaluate(1).filter((e) => e.limit === 'position');
    assert.deepEqual(summary(events), ['breach:position:critical:120']);
    assert.match(events[0]!.message, /position at 120% of its limit \(12 of 10 lots\)/);
  });

  it('watches gross, net and daily loss per strategy', () => {
    const engine = newEngine({ maxGrossExposure: dollars(1000), maxNetExposure: dollars(1000), dailyLossLimit: dollars(1000) });
    engine.onFill(fill({ strategy: 'a', qtyLots: 150 })); // +$900
    engine.onFill(fill({ strategy: 'b', symbol: 'AAPL', side: 'sell', priceTicks: AAPL_PRICE, qtyLots: 5 })); // -$950
    engine.onFill(fill({ strategy: 'b', qtyLots: 10 })); // +$60
    const byStrategy = (events: RiskEvent[], s: string) => summary(events.filter((e) => e.strategy === s));
    const events = engine.evaluate(1);
    assert.deepEqual(byStrategy(events, 'a'), ['breach:gross_exposure:warning:90', 'breach:net_exposure:warning:90']);
    assert.deepEqual(byStrategy(events, 'b'), ['breach:gross_exposure:critical:101', 'breach:net_exposure:warning:89']);
    engine.onReference('BTC-USD', 1_000_000, 2); // a: -$750, 75 % of the daily loss limit; exposure falls
    assert.deepEqual(byStrategy(engine.evaluate(3), 'a'), ['recovered:gross_exposure:info:15', 'recovered:net_exposure:info:15']);
    engine.onReference('BTC-USD', 500_000, 4); // a: -$825
    assert.deepEqual(byStrategy(engine.evaluate(5), 'a'), ['breach:daily_loss:warning:82.5']);
  });
});

describe('positions, P&L and snapshots', () => {
  it('onFill returns the position and realized P&L after the fill', () => {
    const engine = newEngine();
    assert.deepEqual(engine.onFill(fill({ qtyLots: 10 })), { positionAfter: 10, realized: 0, realizedTotal: 0 });
    assert.deepEqual(engine.onFill(fill({ side: 'sell', priceTicks: BTC_PRICE + 100, qtyLots: 4 })), { positionAfter: 6, realized: 400, realizedTotal: 400 });
    assert.deepEqual(engine.onFill(fill({ side: 'sell', priceTicks: BTC_PRICE - 100, qtyLots: 8 })), { positionAfter: -2, realized: -600, realizedTotal: -200 });
  });

  it('snapshot: positions at marks, P&L, utilization, kill switch and open orders', () => {
    const engine = newEngine({ maxOpenOrders: 4, maxPositionLots: { 'BTC-USD': 20 } });
    engine.onFill(fill({ qtyLots: 10, timeMs: 5 }));
    engine.onFill(fill({ side: 'sell', priceTicks: BTC_PRICE + 1000, qtyLots: 5, timeMs: 6 }));
    engine.onReference('BTC-USD', BTC_PRICE + 2000, 7);
    engine.trackOrder({ orderId: 9, strategy: 's1', symbol: 'AAPL', side: 'sell', openLots: 3 });
    engine.setKillSwitch('global', true, 'drill', 8);
    const snap = engine.snapshot('s1', 10);
    assert.deepEqual(snap.positions, [{ symbol: 'BTC-USD', qty: 5, avgPrice: BTC_PRICE, realized: 5000, unrealized: 10_000, markTicks: BTC_PRICE + 2000 }]);
    assert.deepEqual([snap.realized, snap.unrealized, snap.dailyPnl], [5000, 10_000, 15_000]);
    assert.equal(snap.utilization.open_orders, 25);
    assert.equal(snap.utilization.position, 25);
    assert.deepEqual(snap.killSwitch, { engaged: true, scope: 'global', reason: 'drill', sinceMs: 8 });
    assert.deepEqual(snap.openOrders, [{ orderId: 9, symbol: 'AAPL', side: 'sell', openLots: 3 }]);
    assert.deepEqual(engine.strategies(), ['s1']);
  });

  it('daily P&L starts from the P&L at the start of the UTC day', () => {
    const engine = newEngine();
    const day = 86_400_000;
    engine.onFill(fill({ qtyLots: 10, timeMs: 100 }));
    engine.onReference('BTC-USD', BTC_PRICE + 1000, day - 1); // +$0.01 yesterday
    engine.onReference('BTC-USD', BTC_PRICE + 3000, day + 1); // +$0.02 more today
    const snap = engine.snapshot('s1', day + 2);
    assert.deepEqual([snap.unrealized, snap.dailyPnl], [30_000, 20_000]);
  });
});
