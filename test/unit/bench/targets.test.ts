import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeTargetsMet, targetsMet } from '../../../bench/orders/targets.js';

const run = (ordersPerS: number, pacedRate: number, p99Ms: number) => ({ orders_per_s: ordersPerS, half_rate: { rate: pacedRate, p99_ms: p99Ms } });

describe('bench:orders targets', () => {
  it('meets the rate target at or above it, per transport', () => {
    assert.equal(targetsMet('ws', run(20_000, 10_000, 5)).orders_per_s, true);
    assert.equal(targetsMet('ws', run(19_999, 10_000, 5)).orders_per_s, false);
    assert.equal(targetsMet('http', run(8_000, 4_000, 5)).orders_per_s, true);
  });

  it('judges p99 only when the paced phase ran at half of the target rate or faster; slower says nothing', () => {
    assert.equal(targetsMet('ws', run(11_000, 10_000, 9.9)).p99_at_half_rate, true);
    assert.equal(targetsMet('ws', run(11_000, 10_000, 10)).p99_at_half_rate, false);
    assert.equal(targetsMet('ws', run(11_000, 5_500, 2)).p99_at_half_rate, null, 'a fast p99 at a quarter of the target rate is not a pass');
    assert.equal(targetsMet('http', run(4_000, 4_000, 3)).p99_at_half_rate, true);
  });

  it('tells a person how to measure the latency target when the run did not', () => {
    const r = run(11_000, 5_500, 40);
    assert.match(describeTargetsMet('ws', r, targetsMet('ws', r)), /11000 orders\/s, target 20000: not met; .*not measured \(paced at 5500\/s; measure it with --transport ws --paced 10000\)/);
  });

  it('puts a measured p99 next to the client\'s own p99 at that rate, when the baseline measured it', () => {
    const r = run(8_100, 4_000, 14.2);
    assert.match(describeTargetsMet('http', r, targetsMet('http', r), 6.5),
      /14\.2 ms at 4000\/s, target < 10 ms: not met \(the client alone, against the echo server at 4000\/s: p99 6\.5 ms\)$/);
    assert.doesNotMatch(describeTargetsMet('http', r, targetsMet('http', r)), /echo server/);
  });
});
