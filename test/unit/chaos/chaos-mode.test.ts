import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chaosEffectsSchema, drawOrderFault, type ChaosMode } from '../../../src/contracts/chaos.js';
import { CHAOS_SUBJECTS } from '../../../src/contracts/subjects.js';
import { openBus } from '../../../src/platform/bus/index.js';
import { SimClock } from '../../../src/platform/clock/index.js';
import { createRng } from '../../../src/platform/random/index.js';
import { createLogger } from '../../../src/platform/telemetry/index.js';
import { ChaosFollower } from '../../../src/services/chaos/client/chaos-follower.js';
import { newCustody, trade } from '../custodian/helpers.js';

const EFFECTS = chaosEffectsSchema.parse({});

describe('chaos mode: order faults', () => {
  it('delays every order within [min, max] and fails about orderErrorRate of them, from seeded draws', () => {
    const rng = createRng(42);
    const faults = Array.from({ length: 10_000 }, () => drawOrderFault(EFFECTS, () => rng.next()));
    assert.ok(faults.every((f) => f.delayMs >= 50 && f.delayMs <= 300 && Number.isInteger(f.delayMs)));
    const failed = faults.filter((f) => f.fail).length / faults.length;
    assert.ok(Math.abs(failed - 0.1) < 0.015, `failed share ${failed}`);
    const again = createRng(42);
    assert.deepEqual(Array.from({ length: 100 }, () => drawOrderFault(EFFECTS, () => again.next())), faults.slice(0, 100), 'same seed, same faults');
    assert.deepEqual(drawOrderFault({ ...EFFECTS, orderErrorRate: 0, orderDelayMs: { min: 0, max: 0 } }, () => 0), { delayMs: 0, fail: false });
  });
});

describe('chaos mode: settlement faults', () => {
  const outcomes = (injected: number, seed: number) => {
    const rng = createRng(seed);
    const custody = newCustody({ failureRate: 0.02, maxAttempts: 1 }, () => rng.next());
    custody.setInjectedFailureRate(injected);
    for (let i = 0; i < 2000; i++) custody.onTrade(trade({ timeMs: 0 }));
    return custody.tick(10_000).map((e) => e.settlement.reason ?? 'settled');
  };

  it('fails an extra share of attempts with CHAOS_SETTLEMENT_FAULT, on top of the usual failures', () => {
    const reasons = outcomes(0.3, 7);
    const chaos = reasons.filter((r) => r === 'CHAOS_SETTLEMENT_FAULT').length / reasons.length;
    const usual = reasons.filter((r) => r.startsWith('SETTLEMENT_')).length / reasons.length;
    assert.ok(Math.abs(chaos - 0.3) < 0.04, `chaos share ${chaos}`);
    assert.ok(usual > 0 && usual < 0.05, `usual share ${usual}`);
  });

  it('off (0) leaves every outcome as it was: no chaos reasons, the same draws', () => {
    const rng = createRng(7);
    const plain = newCustody({ failureRate: 0.02, maxAttempts: 1 }, () => rng.next());
    for (let i = 0; i < 2000; i++) plain.onTrade(trade({ timeMs: 0 }));
    const before = plain.tick(10_000).map((e) => e.settlement.reason ?? 'settled');
    assert.deepEqual(outcomes(0, 7), before);
    assert.throws(() => newCustody().setInjectedFailureRate(1.5), RangeError);
  });
});

describe('chaos mode: a service follows the announcements', () => {
  it('applies the announced mode, and counts it off once announcements stop for 10 s', async () => {
    const bus = await openBus({});
    const clock = new SimClock();
    const follower = new ChaosFollower({ bus, clock, logger: createLogger({ level: 'silent' }) });
    await follower.start();
    const announce = async (enabled: boolean) => {
      await bus.publish(CHAOS_SUBJECTS.mode, { enabled, sinceMs: clock.now(), source: 'api', flagFile: '/tmp/chaos.flag', effects: EFFECTS } satisfies ChaosMode);
      await new Promise((r) => setImmediate(r));
    };
    assert.equal(follower.effects, null, 'off until told otherwise');
    await announce(true);
    assert.deepEqual(follower.effects, EFFECTS);
    clock.advance(9_000);
    assert.deepEqual(follower.effects, EFFECTS);
    clock.advance(2_000);
    assert.equal(follower.effects, null, 'a silent chaos module does not leave the venue failing');
    await announce(true);
    await announce(false);
    assert.equal(follower.effects, null);
    await follower.stop();
    await bus.close();
  });
});
