import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RISK_LIMITS, RISK_CODES, RiskEngine, type RiskDecision } from '../../../src/services/risk-monitor/core/index.js';
import { AAPL_PRICE, BTC_PRICE, INSTRUMENTS, RICH, codeOf, dollars, fill, newEngine, order } from './helpers.js';

const expectReject = (d: RiskDecision, code: string, ...mentions: string[]) => {
  assert.equal(codeOf(d), code);
  for (const m of mentions) assert.match((d as { message: string }).message, new RegExp(m));
};

describe('every risk code: one order rejected with it, the same order passing', () => {
  it('RISK_KILL_SWITCH: the strategy switch stops its orders only; the global one stops all', () => {
    const engine = newEngine();
    engine.setKillSwitch({ strategy: 's1' }, true, 'operator says so', 1);
    expectReject(engine.check(order(), 2, RICH), 'RISK_KILL_SWITCH', 'strategy s1', 'operator says so');
    assert.equal(codeOf(engine.check(order({ strategy: 's2' }), 2, RICH)), 'OK');
    engine.setKillSwitch({ strategy: 's1' }, false, 'resumed', 3);
    assert.equal(codeOf(engine.check(order(), 4, RICH)), 'OK');
    engine.setKillSwitch('global', true, 'market chaos', 5);
    expectReject(engine.check(order({ strategy: 's2' }), 6, RICH), 'RISK_KILL_SWITCH', 'global', 'market chaos');
  });

  it('RISK_DAILY_LOSS_LIMIT: a loss beyond the limit rejects and engages the kill switch', () => {
    const passing = newEngine({ dailyLossLimit: dollars(100) });
    passing.onFill(fill({ qtyLots: 100 }));
    passing.onReference('BTC-USD', 5_500_000, 10); // -$50
    assert.equal(codeOf(passing.check(order({ priceTicks: 5_500_000 }), 20, RICH)), 'OK');

    const engine = newEngine({ dailyLossLimit: dollars(100) });
    engine.onFill(fill({ qtyLots: 100 }));
    engine.onReference('BTC-USD', 4_000_000, 10); // -$200
    expectReject(engine.check(order({ priceTicks: 4_000_000 }), 20, RICH), 'RISK_DAILY_LOSS_LIMIT', 'dailyLossLimit', '-200000000');
    assert.deepEqual(engine.killSwitches().find((k) => k.scope === 's1'), { scope: 's1', engaged: true, reason: 'daily loss limit', sinceMs: 20 });
    assert.equal(codeOf(engine.check(order({ priceTicks: 4_000_000 }), 21, RICH)), 'RISK_KILL_SWITCH');
  });

  it('RISK_DAILY_LOSS_LIMIT counts from the start of the UTC day: yesterday\'s loss does not', () => {
    const engine = newEngine({ dailyLossLimit: dollars(100) });
    engine.onFill(fill({ qtyLots: 100 }));
    engine.onReference('BTC-USD', 4_000_000, 10);
    const tomorrow = 86_400_000 + 1000;
    engine.onReference('BTC-USD', 4_000_000, tomorrow);
    assert.equal(codeOf(engine.check(order({ priceTicks: 4_000_000 }), tomorrow, RICH)), 'OK');
    assert.equal(engine.snapshot('s1', tomorrow).dailyPnl, 0);
    engine.onReference('BTC-USD', 2_900_000, tomorrow + 1); // a further -$110 today
    assert.equal(codeOf(engine.check(order({ priceTicks: 2_900_000 }), tomorrow + 2, RICH)), 'RISK_DAILY_LOSS_LIMIT');
  });

  it('RISK_INSTRUMENT_NOT_TRADABLE: unknown symbols and disabled instruments', () => {
    const engine = newEngine();
    expectReject(engine.check(order({ symbol: 'DOGE-USD' }), 1, RICH), 'RISK_INSTRUMENT_NOT_TRADABLE', 'DOGE-USD');
    engine.setTradable('DOGE-USD', true);
    assert.equal(codeOf(engine.check(order({ symbol: 'DOGE-USD' }), 1, RICH)), 'RISK_INSTRUMENT_NOT_TRADABLE');
    engine.setTradable('BTC-USD', false);
    expectReject(engine.check(order(), 1, RICH), 'RISK_INSTRUMENT_NOT_TRADABLE', 'BTC-USD');
    engine.setTradable('BTC-USD', true);
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'OK');
  });

  it('RISK_INSTRUMENT_HALTED', () => {
    const engine = newEngine();
    engine.setHalted('BTC-USD', true);
    expectReject(engine.check(order(), 1, RICH), 'RISK_INSTRUMENT_HALTED', 'BTC-USD');
    engine.setHalted('BTC-USD', false);
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'OK');
  });

  it('RISK_REFERENCE_STALE: no reference yet, or one older than staleReferenceMs', () => {
    const engine = newEngine({ staleReferenceMs: 1000 });
    assert.equal(codeOf(engine.check(order(), 1000, RICH)), 'OK');
    expectReject(engine.check(order(), 1001, RICH), 'RISK_REFERENCE_STALE', '1001 ms', 'staleReferenceMs 1000');
    engine.onReference('BTC-USD', BTC_PRICE, 1001);
    assert.equal(codeOf(engine.check(order(), 1001, RICH)), 'OK');
    const unpriced = new RiskEngine(INSTRUMENTS, DEFAULT_RISK_LIMITS);
    expectReject(unpriced.check(order(), 1, RICH), 'RISK_REFERENCE_STALE', 'no reference');
  });

  it('RISK_THROTTLED: the bucket admits its burst, then refills with time', () => {
    const engine = newEngine({ maxOrdersPerSecond: 2 });
    assert.equal(codeOf(engine.check(order(), 1000, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order(), 1000, RICH)), 'OK');
    expectReject(engine.check(order(), 1000, RICH), 'RISK_THROTTLED', 'maxOrdersPerSecond 2');
    assert.equal(codeOf(engine.check(order(), 1499, RICH)), 'RISK_THROTTLED');
    assert.equal(codeOf(engine.check(order(), 1500, RICH)), 'OK');
  });

  it('RISK_DUPLICATE_CLIENT_ORDER_ID: per strategy; null ids never collide; rejected orders do not use their id', () => {
    const engine = newEngine({ maxOrderQtyLots: { 'BTC-USD': 10 } });
    assert.equal(codeOf(engine.check(order({ clientOrderId: 'c-1' }), 1, RICH)), 'OK');
    expectReject(engine.check(order({ clientOrderId: 'c-1' }), 1, RICH), 'RISK_DUPLICATE_CLIENT_ORDER_ID', 'c-1');
    assert.equal(codeOf(engine.check(order({ clientOrderId: 'c-1', strategy: 's2' }), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order({ clientOrderId: 'c-2', qtyLots: 11 }), 1, RICH)), 'RISK_MAX_ORDER_QTY');
    assert.equal(codeOf(engine.check(order({ clientOrderId: 'c-2' }), 1, RICH)), 'OK');
  });

  it('RISK_MAX_ORDER_QTY: per listed symbol only', () => {
    const engine = newEngine({ maxOrderQtyLots: { 'BTC-USD': 10 } });
    expectReject(engine.check(order({ qtyLots: 11 }), 1, RICH), 'RISK_MAX_ORDER_QTY', 'maxOrderQtyLots 10', '11');
    assert.equal(codeOf(engine.check(order({ qtyLots: 10 }), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order({ symbol: 'AAPL', priceTicks: AAPL_PRICE, qtyLots: 11 }), 1, RICH)), 'OK');
  });

  it('RISK_MAX_ORDER_NOTIONAL: at the limit price, or the reference for a market order', () => {
    const engine = newEngine({ maxOrderNotional: dollars(100) });
    expectReject(engine.check(order({ qtyLots: 17 }), 1, RICH), 'RISK_MAX_ORDER_NOTIONAL', 'maxOrderNotional 100000000', '102000000');
    assert.equal(codeOf(engine.check(order({ qtyLots: 16 }), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order({ type: 'market', priceTicks: null, qtyLots: 17 }), 1, RICH)), 'RISK_MAX_ORDER_NOTIONAL');
    assert.equal(codeOf(engine.check(order({ type: 'market', priceTicks: null, qtyLots: 16 }), 1, RICH)), 'OK');
  });

  it('RISK_PRICE_COLLAR: a limit price within priceCollarBps of the reference; market orders skip it', () => {
    const engine = newEngine({ priceCollarBps: 500, maxOrderNotional: dollars(1e6) });
    assert.equal(codeOf(engine.check(order({ priceTicks: 6_300_000 }), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order({ priceTicks: 5_700_000 }), 1, RICH)), 'OK');
    expectReject(engine.check(order({ priceTicks: 6_300_001 }), 1, RICH), 'RISK_PRICE_COLLAR', 'priceCollarBps 500', '6300001');
    assert.equal(codeOf(engine.check(order({ priceTicks: 5_699_999, side: 'sell' }), 1, RICH)), 'RISK_PRICE_COLLAR');
    assert.equal(codeOf(engine.check(order({ type: 'market', priceTicks: null }), 1, RICH)), 'OK');
  });

  it('RISK_MAX_OPEN_ORDERS: submits only; a replace changes an order already counted', () => {
    const engine = newEngine({ maxOpenOrders: 2 });
    engine.trackOrder({ orderId: 1, strategy: 's1', symbol: 'BTC-USD', side: 'buy', openLots: 1 });
    engine.trackOrder({ orderId: 2, strategy: 's1', symbol: 'AAPL', side: 'sell', openLots: 1 });
    expectReject(engine.check(order(), 1, RICH), 'RISK_MAX_OPEN_ORDERS', 'maxOpenOrders 2');
    assert.equal(codeOf(engine.check(order({ kind: 'replace' }), 1, RICH)), 'OK');
    engine.trackOrder({ orderId: 2, strategy: 's1', symbol: 'AAPL', side: 'sell', openLots: 0 });
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'OK');
  });

  it('RISK_POSITION_LIMIT: position + same-direction open orders + the order', () => {
    const engine = newEngine({ maxPositionLots: { 'BTC-USD': 50 } });
    engine.onFill(fill({ qtyLots: 30 }));
    engine.trackOrder({ orderId: 1, strategy: 's1', symbol: 'BTC-USD', side: 'buy', openLots: 15 });
    engine.trackOrder({ orderId: 2, strategy: 's1', symbol: 'BTC-USD', side: 'sell', openLots: 40 });
    expectReject(engine.check(order({ qtyLots: 6 }), 1, RICH), 'RISK_POSITION_LIMIT', 'maxPositionLots 50', '51');
    assert.equal(codeOf(engine.check(order({ qtyLots: 5 }), 1, RICH)), 'OK');
    // 30 - 40 resting sells - 41 = -51
    assert.equal(codeOf(engine.check(order({ side: 'sell', qtyLots: 41 }), 1, RICH)), 'RISK_POSITION_LIMIT');
    assert.equal(codeOf(engine.check(order({ side: 'sell', qtyLots: 40 }), 1, RICH)), 'OK');
  });

  it('RISK_GROSS_EXPOSURE: sum of |position| x mark with the order', () => {
    const engine = newEngine({ maxGrossExposure: dollars(1000) });
    engine.onFill(fill({ symbol: 'AAPL', side: 'sell', priceTicks: AAPL_PRICE, qtyLots: 5 })); // -$950
    expectReject(engine.check(order({ qtyLots: 10 }), 1, RICH), 'RISK_GROSS_EXPOSURE', 'maxGrossExposure 1000000000', '1010000000');
    assert.equal(codeOf(engine.check(order({ qtyLots: 8 }), 1, RICH)), 'OK');
  });

  it('RISK_NET_EXPOSURE: |sum of position x mark| with the order', () => {
    const engine = newEngine({ maxNetExposure: dollars(100) });
    engine.onFill(fill({ qtyLots: 10 })); // +$60
    expectReject(engine.check(order({ qtyLots: 7 }), 1, RICH), 'RISK_NET_EXPOSURE', 'maxNetExposure 100000000', '102000000');
    assert.equal(codeOf(engine.check(order({ qtyLots: 6 }), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order({ side: 'sell', qtyLots: 27 }), 1, RICH)), 'RISK_NET_EXPOSURE');
    assert.equal(codeOf(engine.check(order({ side: 'sell', qtyLots: 26 }), 1, RICH)), 'OK');
  });

  it('RISK_BUYING_POWER: quote for a buy, base asset for a sell', () => {
    const engine = newEngine();
    const power = { quoteAvailable: dollars(60) - 1, baseAvailable: 999 };
    expectReject(engine.check(order(), 1, power), 'RISK_BUYING_POWER', '60000000', '59999999');
    assert.equal(codeOf(engine.check(order(), 1, { ...power, quoteAvailable: dollars(60) })), 'OK');
    expectReject(engine.check(order({ side: 'sell' }), 1, power), 'RISK_BUYING_POWER', 'BTC', '1000');
    assert.equal(codeOf(engine.check(order({ side: 'sell' }), 1, { ...power, baseAvailable: 1000 })), 'OK');
  });
});

describe('check order and cancels', () => {
  it('the first failing check in catalogue order decides', () => {
    const engine = newEngine({ maxOrderQtyLots: { 'BTC-USD': 1 }, staleReferenceMs: 1 });
    engine.setHalted('BTC-USD', true);
    const broke = { quoteAvailable: 0, baseAvailable: 0 };
    assert.equal(codeOf(engine.check(order(), 100, broke)), 'RISK_INSTRUMENT_HALTED');
    engine.setHalted('BTC-USD', false);
    assert.equal(codeOf(engine.check(order(), 100, broke)), 'RISK_REFERENCE_STALE');
    engine.onReference('BTC-USD', BTC_PRICE, 100);
    assert.equal(codeOf(engine.check(order(), 100, broke)), 'RISK_MAX_ORDER_QTY');
    assert.equal(codeOf(engine.check(order({ qtyLots: 1 }), 100, broke)), 'RISK_BUYING_POWER');
  });

  it('cancels pass under a kill switch, a halt and a throttle, and use no token', () => {
    const engine = newEngine({ maxOrdersPerSecond: 1 });
    const cancel = order({ kind: 'cancel' });
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'OK');
    assert.equal(codeOf(engine.check(order(), 1, RICH)), 'RISK_THROTTLED');
    assert.equal(codeOf(engine.check(cancel, 1, RICH)), 'OK');
    engine.setHalted('BTC-USD', true);
    engine.setKillSwitch('global', true, 'stop', 1);
    assert.equal(codeOf(engine.check(cancel, 1, { quoteAvailable: 0, baseAvailable: 0 })), 'OK');
    engine.setKillSwitch('global', false, 'go', 2);
    engine.setHalted('BTC-USD', false);
    engine.check(cancel, 1001, RICH);
    assert.equal(codeOf(engine.check(order(), 1001, RICH)), 'OK', 'the cancel took no token');
  });

  it('exports a one-line description for every code', () => {
    assert.equal(Object.keys(RISK_CODES).length, 15);
    for (const text of Object.values(RISK_CODES)) assert.ok(text.length > 10 && !text.includes('\n'));
  });

  it('a malformed order is a broken invariant, not a rejection', () => {
    const engine = newEngine();
    assert.throws(() => engine.check(order({ qtyLots: 0 }), 1, RICH), RangeError);
    assert.throws(() => engine.check(order({ priceTicks: null }), 1, RICH), RangeError);
  });
});
