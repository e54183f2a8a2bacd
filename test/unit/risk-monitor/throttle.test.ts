import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ThrottleLog, TokenBucket } from '../../../src/services/risk-monitor/core/index.js';
import { RICH, codeOf, newEngine, order } from './helpers.js';

describe('token bucket', () => {
  it('starts full, refills at the rate, never beyond the burst', () => {
    const bucket = new TokenBucket();
    const takes = (nowMs: number, n: number) => Array.from({ length: n }, () => bucket.take(nowMs, 4)).filter(Boolean).length;
    assert.equal(takes(0, 10), 4);
    assert.equal(takes(250, 10), 1);
    assert.equal(takes(60_000, 10), 4, 'a long pause refills only up to the burst');
  });

  it('a clock going backwards refills nothing', () => {
    const bucket = new TokenBucket();
    assert.ok(bucket.take(1000, 1));
    assert.equal(bucket.take(0, 1), false);
    assert.equal(bucket.take(1999, 1), false);
    assert.ok(bucket.take(2000, 1));
  });

  it('a rate below one a second still admits one order, then one per 1/rate seconds', () => {
    const bucket = new TokenBucket();
    assert.ok(bucket.take(0, 0.5));
    assert.equal(bucket.take(1999, 0.5), false);
    assert.ok(bucket.take(2000, 0.5));
  });
});

describe('throttle log', () => {
  it('counts throttles within the last 10 s', () => {
    const log = new ThrottleLog();
    assert.deepEqual([0, 5000, 9999].map((t) => log.record(t, 100)), [1, 2, 3]);
    assert.equal(log.record(10_000, 100), 3, 'the throttle at 0 left the window');
  });
});

describe('runaway strategies', () => {
  it('a strategy throttled more than throttleKillAfter times within 10 s gets its kill switch engaged', () => {
    const engine = newEngine({ maxOrdersPerSecond: 1, throttleKillAfter: 5 });
    assert.equal(codeOf(engine.check(order(), 0, RICH)), 'OK');
    for (let i = 1; i <= 5; i++) assert.equal(codeOf(engine.check(order(), i * 100, RICH)), 'RISK_THROTTLED');
    assert.equal(engine.killSwitches().find((k) => k.scope === 's1'), undefined, 'five throttles are not yet a runaway');
    assert.equal(codeOf(engine.check(order(), 600, RICH)), 'RISK_THROTTLED');
    assert.deepEqual(engine.killSwitches().find((k) => k.scope === 's1'), { scope: 's1', engaged: true, reason: 'runaway: throttled 6 times in 10 s', sinceMs: 600 });
    assert.equal(codeOf(engine.check(order(), 5000, RICH)), 'RISK_KILL_SWITCH');
    assert.equal(codeOf(engine.check(order({ strategy: 's2' }), 5000, RICH)), 'OK', 'other strategies trade on');
    const [event] = engine.evaluate(5000).filter((e) => e.type === 'kill_switch');
    assert.deepEqual([event?.strategy, event?.severity, event?.limit], ['s1', 'critical', 'orders_per_second']);
    assert.match(event!.message, /runaway: throttled 6 times in 10 s/);
  });

  it('throttleKillAfter throttles in any 10 s are not yet a runaway', () => {
    const engine = newEngine({ maxOrdersPerSecond: 1, throttleKillAfter: 3, staleReferenceMs: 100_000 });
    for (let t = 0; t < 60_000; t += 3400) {
      engine.check(order(), t, RICH);
      assert.equal(codeOf(engine.check(order(), t, RICH)), 'RISK_THROTTLED');
    }
    assert.equal(engine.killSwitches().some((k) => k.engaged), false);
  });
});
