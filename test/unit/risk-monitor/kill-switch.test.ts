import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RICH, codeOf, dollars, fill, newEngine, order } from './helpers.js';

describe('kill switches', () => {
  it('setKillSwitch returns the event: critical when engaged, info when released', () => {
    const engine = newEngine();
    assert.deepEqual(engine.setKillSwitch({ strategy: 's1' }, true, 'fat finger', 5), {
      type: 'kill_switch', strategy: 's1', limit: null, severity: 'critical', utilizationPct: null, message: 'kill switch engaged (strategy s1): fat finger', timeMs: 5,
    });
    const released = engine.setKillSwitch('global', false, 'all clear', 6);
    assert.deepEqual([released.strategy, released.severity, released.message], [null, 'info', 'kill switch released (global): all clear']);
  });

  it('killSwitches lists the global switch first, then every strategy switch set', () => {
    const engine = newEngine();
    assert.deepEqual(engine.killSwitches(), [{ scope: 'global', engaged: false, reason: null, sinceMs: null }]);
    engine.setKillSwitch({ strategy: 'zeta' }, true, 'z', 1);
    engine.setKillSwitch({ strategy: 'alpha' }, true, 'a', 2);
    engine.setKillSwitch({ strategy: 'alpha' }, false, 'ok', 3);
    assert.deepEqual(engine.killSwitches(), [
      { scope: 'global', engaged: false, reason: null, sinceMs: null },
      { scope: 'alpha', engaged: false, reason: 'ok', sinceMs: 3 },
      { scope: 'zeta', engaged: true, reason: 'z', sinceMs: 1 },
    ]);
  });

  it('a daily-loss kill found by check() comes out of the next evaluate() as a critical event', () => {
    const engine = newEngine({ dailyLossLimit: dollars(100) });
    engine.onFill(fill({ qtyLots: 100 }));
    engine.onReference('BTC-USD', 4_000_000, 10);
    assert.equal(codeOf(engine.check(order({ priceTicks: 4_000_000 }), 20, RICH)), 'RISK_DAILY_LOSS_LIMIT');
    const kills = engine.evaluate(30).filter((e) => e.type === 'kill_switch');
    assert.deepEqual(kills.map((e) => [e.strategy, e.severity, e.limit, e.timeMs]), [['s1', 'critical', 'daily_loss', 20]]);
    assert.equal(engine.evaluate(40).filter((e) => e.type === 'kill_switch').length, 0, 'reported once');
  });

  it('evaluate() engages the daily-loss kill switch without any order', () => {
    const engine = newEngine({ dailyLossLimit: dollars(100) });
    engine.onFill(fill({ qtyLots: 100 }));
    engine.onReference('BTC-USD', 4_000_000, 10);
    const events = engine.evaluate(20);
    const kill = events.find((e) => e.type === 'kill_switch');
    assert.deepEqual([kill?.strategy, kill?.severity, kill?.message], ['s1', 'critical', 'kill switch engaged (strategy s1): daily loss limit']);
    assert.ok(events.some((e) => e.type === 'breach' && e.limit === 'daily_loss' && e.severity === 'critical'));
    assert.equal(codeOf(engine.check(order({ priceTicks: 4_000_000 }), 21, RICH)), 'RISK_KILL_SWITCH');
  });
});
