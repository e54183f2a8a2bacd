import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { notionalMicros } from '../../../src/contracts/trading.js';
import type { RiskEngine, RiskOrder } from '../../../src/services/risk-monitor/core/index.js';
import { BTC_PRICE, INSTRUMENTS, RICH, dollars, newEngine, order } from './helpers.js';

const RUNS = { numRuns: 200 };

type Step =
  | { kind: 'check'; order: RiskOrder; strategy: string; clientOrderId: string | null }
  | { kind: 'fill'; side: 'buy' | 'sell'; qtyLots: number; priceTicks: number; strategy: string }
  | { kind: 'reference'; priceTicks: number }
  | { kind: 'track'; orderId: number; side: 'buy' | 'sell'; openLots: number; strategy: string }
  | { kind: 'evaluate' };

/** Runs a script of timed steps; returns every output and the final state. */
function replay(engine: RiskEngine, script: { gapMs: number; step: Step }[]): unknown[] {
  const out: unknown[] = [];
  let t = 0;
  for (const { gapMs, step: s } of script) {
    t += gapMs;
    if (s.kind === 'check') out.push(engine.check({ ...s.order, strategy: s.strategy, clientOrderId: s.clientOrderId }, t, RICH));
    else if (s.kind === 'fill') out.push(engine.onFill({ strategy: s.strategy, symbol: 'BTC-USD', side: s.side, priceTicks: s.priceTicks, qtyLots: s.qtyLots, timeMs: t }));
    else if (s.kind === 'reference') engine.onReference('BTC-USD', s.priceTicks, t);
    else if (s.kind === 'track') engine.trackOrder({ orderId: s.orderId, strategy: s.strategy, symbol: 'BTC-USD', side: s.side, openLots: s.openLots });
    else out.push(engine.evaluate(t));
  }
  out.push(engine.strategies().map((name) => engine.snapshot(name, t)), engine.killSwitches());
  return out;
}
const BTC = INSTRUMENTS.get('BTC-USD')!;

const side = fc.constantFrom('buy' as const, 'sell' as const);
const anOrder = fc.record({
  side,
  type: fc.constantFrom('limit' as const, 'market' as const),
  priceTicks: fc.integer({ min: BTC_PRICE * 0.8, max: BTC_PRICE * 1.2 }),
  qtyLots: fc.integer({ min: 1, max: 120 }),
}).map((o) => order({ ...o, priceTicks: o.type === 'market' ? null : o.priceTicks }));

describe('risk properties (fast-check)', () => {
  it('an accepted submit never exceeds max qty, notional, collar or position limit', () => {
    const setup = fc.record({
      maxQty: fc.integer({ min: 1, max: 150 }),
      maxNotional: fc.integer({ min: 1, max: 1000 }).map(dollars),
      collarBps: fc.integer({ min: 0, max: 3000 }),
      maxPosition: fc.integer({ min: 1, max: 500 }),
      fills: fc.array(fc.record({ side, qtyLots: fc.integer({ min: 1, max: 200 }) }), { maxLength: 5 }),
      resting: fc.array(fc.record({ side, openLots: fc.integer({ min: 1, max: 100 }) }), { maxLength: 5 }),
      orders: fc.array(anOrder, { minLength: 1, maxLength: 20 }),
    });
    fc.assert(fc.property(setup, (s) => {
      const engine = newEngine({
        maxOrderQtyLots: { 'BTC-USD': s.maxQty }, maxOrderNotional: s.maxNotional, priceCollarBps: s.collarBps,
        maxPositionLots: { 'BTC-USD': s.maxPosition }, maxOpenOrders: 1000,
      });
      for (const f of s.fills) engine.onFill({ strategy: 's1', symbol: 'BTC-USD', priceTicks: BTC_PRICE, timeMs: 0, ...f });
      s.resting.forEach((r, i) => engine.trackOrder({ orderId: i + 1, strategy: 's1', symbol: 'BTC-USD', ...r }));
      const position = engine.snapshot('s1', 0).positions[0]?.qty ?? 0;
      const open = (sd: 'buy' | 'sell') => s.resting.filter((r) => r.side === sd).reduce((sum, r) => sum + r.openLots, 0);
      for (const o of s.orders) {
        if (!engine.check(o, 0, RICH).ok) continue;
        const price = o.priceTicks ?? BTC_PRICE;
        assert.ok(o.qtyLots <= s.maxQty);
        assert.ok(notionalMicros(BTC, price, o.qtyLots) <= s.maxNotional);
        assert.ok(Math.abs(price - BTC_PRICE) * 10_000 <= s.collarBps * BTC_PRICE);
        const projected = position + (o.side === 'buy' ? open('buy') + o.qtyLots : -open('sell') - o.qtyLots);
        assert.ok(Math.abs(projected) <= s.maxPosition, `projected ${projected}`);
      }
    }), RUNS);
  });

  it('over any sequence of order times the throttle admits at most capacity + rate x elapsed seconds', () => {
    const setup = fc.record({
      rate: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0.5, 1.5, 2.5)),
      gaps: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 150 }),
    });
    fc.assert(fc.property(setup, ({ rate, gaps }) => {
      const engine = newEngine({ maxOrdersPerSecond: rate, throttleKillAfter: 1_000_000, staleReferenceMs: 1_000_000 });
      const admitted: number[] = [];
      let t = 0;
      for (const gap of gaps) {
        t += gap;
        if (engine.check(order(), t, RICH).ok) admitted.push(t);
      }
      const capacity = Math.max(1, rate);
      for (let i = 0; i < admitted.length; i++) {
        for (let j = i; j < admitted.length; j++) {
          assert.ok(j - i + 1 <= capacity + (rate * (admitted[j]! - admitted[i]!)) / 1000, `${j - i + 1} orders in ${admitted[j]! - admitted[i]!} ms at ${rate}/s`);
        }
      }
    }), RUNS);
  });

  it('the same inputs give the same decisions and events', () => {
    const strategy = fc.constantFrom('a', 'b');
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('check' as const), order: anOrder, strategy, clientOrderId: fc.option(fc.constantFrom('x', 'y', 'z')) }),
      fc.record({ kind: fc.constant('fill' as const), side, qtyLots: fc.integer({ min: 1, max: 100 }), priceTicks: fc.integer({ min: 5_000_000, max: 7_000_000 }), strategy }),
      fc.record({ kind: fc.constant('reference' as const), priceTicks: fc.integer({ min: 3_000_000, max: 9_000_000 }) }),
      fc.record({ kind: fc.constant('track' as const), orderId: fc.integer({ min: 1, max: 5 }), side, openLots: fc.integer({ min: 0, max: 50 }), strategy }),
      fc.constant({ kind: 'evaluate' as const }),
    );
    const script = fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 3_600_000 }), step }), { maxLength: 60 });
    const limits = { maxOrdersPerSecond: 2, throttleKillAfter: 3, dailyLossLimit: dollars(50), maxNetExposure: dollars(1000), maxOpenOrders: 3, staleReferenceMs: 7_200_000, priceCollarBps: 10_000 };
    fc.assert(fc.property(script, (s) => {
      assert.deepEqual(replay(newEngine(limits), s), replay(newEngine(limits), s));
    }), RUNS);
  });
});
