import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appConfigSchema } from '../../src/app/config.js';
import { TradingLoopSim } from '../../src/app/simulation/trading-loop-sim.js';

const HOUR = 3_600_000;
const config = (seed = 42) => appConfigSchema.parse({ seed, clock: { mode: 'sim' } });

describe('the trading loop on the simulated clock', () => {
  it('one simulated hour with seed 42 gives the same trades twice (count and hash); another seed differs', () => {
    const runs = [42, 42, 43].map((seed) => {
      const sim = new TradingLoopSim(config(seed));
      sim.run(HOUR);
      return sim.tally;
    });
    const [a, b, other] = runs as [typeof runs[0], typeof runs[0], typeof runs[0]];
    assert.ok(a.trades > 1000, `${a.trades} trades in an hour`);
    assert.deepEqual([b.trades, b.tradeHash], [a.trades, a.tradeHash]);
    assert.deepEqual(b.settlements, a.settlements);
    assert.notEqual(other.tradeHash, a.tradeHash);
    const symbols = config().marketData.instruments.map((i) => i.symbol);
    for (const s of symbols) assert.ok((a.tradesBySymbol[s] ?? 0) > 0, `${s} traded`);
  });

  it('a runaway strategy (order rate x100) is throttled, then stopped by its kill switch, while the others keep trading', () => {
    const sim = new TradingLoopSim(config());
    sim.runner.setRateMultiplier('mm-btc-usd', 100);
    sim.run(2 * 60_000);
    const risk = sim.tally.rejections.risk!;
    assert.ok((risk.RISK_THROTTLED ?? 0) > 0, 'throttled');
    assert.ok((risk.RISK_KILL_SWITCH ?? 0) > 0, 'then refused by its kill switch');
    const kill = sim.risk.killSwitches().find((k) => k.scope === 'mm-btc-usd');
    assert.ok(kill?.engaged, 'its kill switch is engaged');
    assert.match(kill.reason ?? '', /runaway/);
    assert.ok(!sim.risk.killSwitches().some((k) => k.engaged && k.scope !== 'mm-btc-usd'), 'no other kill switch');

    const fills = () => new Map(sim.runner.status(new Map()).map((s) => [s.name, s.fills]));
    const before = fills();
    sim.run(5 * 60_000);
    const after = fills();
    assert.equal(after.get('mm-btc-usd'), before.get('mm-btc-usd'), 'the runaway trades no more');
    const othersTrading = [...after].filter(([name, n]) => name !== 'mm-btc-usd' && n > before.get(name)!);
    assert.ok(othersTrading.length >= 5, `others kept trading: ${othersTrading.map(([n]) => n).join(', ')}`);
  });
});
