import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SimClock } from '../../../src/platform/clock/index.js';
import { RandomStreams } from '../../../src/platform/random/index.js';

describe('simulated clock', () => {
  it('fires timers in due order, intervals repeatedly, and cancelled ones never', () => {
    const clock = new SimClock(0);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`t30@${clock.now()}`), 30);
    const every = clock.setInterval(() => fired.push(`i20@${clock.now()}`), 20);
    const cancelled = clock.setTimeout(() => fired.push('never'), 10);
    clock.clearTimer(cancelled);
    clock.advance(60);
    clock.clearTimer(every);
    clock.advance(100);
    assert.deepEqual(fired, ['i20@20', 't30@30', 'i20@40', 'i20@60']);
    assert.equal(clock.now(), 160);
  });

  it('timers created by timers fire within the same advance when due', () => {
    const clock = new SimClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 5), 5);
    clock.advance(10);
    assert.deepEqual(fired, [10]);
  });
});

describe('random streams', () => {
  it('the same seed and name give the same numbers; other names and seeds differ', () => {
    const a = new RandomStreams(42).get('market-data');
    const b = new RandomStreams(42).get('market-data');
    const seqA = Array.from({ length: 5 }, () => a.next());
    assert.deepEqual(seqA, Array.from({ length: 5 }, () => b.next()));
    assert.notDeepEqual(seqA, Array.from({ length: 5 }, () => new RandomStreams(42).get('exchange').next()));
    assert.notEqual(new RandomStreams(43).get('market-data').next(), seqA[0]);
  });

  it('normal draws have mean ~0 and variance ~1; int stays in range', () => {
    const rng = new RandomStreams(1).get('stats');
    let sum = 0, sq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) { const x = rng.normal(); sum += x; sq += x * x; }
    assert.ok(Math.abs(sum / n) < 0.03);
    assert.ok(Math.abs(sq / n - 1) < 0.05);
    for (let i = 0; i < 1000; i++) { const k = rng.int(3, 7); assert.ok(k >= 3 && k <= 7 && Number.isInteger(k)); }
  });

  it('student-t draws are fat-tailed but unit variance', () => {
    const rng = new RandomStreams(2).get('t');
    const xs = Array.from({ length: 100_000 }, () => rng.studentT(5));
    const m2 = xs.reduce((s, x) => s + x * x, 0) / xs.length;
    const m4 = xs.reduce((s, x) => s + x ** 4, 0) / xs.length;
    assert.ok(Math.abs(m2 - 1) < 0.1, `variance ${m2}`);
    assert.ok(m4 / (m2 * m2) - 3 > 1, 'excess kurtosis above 1');
  });
});
