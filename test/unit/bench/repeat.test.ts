import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { median, medianOfRuns, type VenueRunResult } from '../../../bench/orders/repeat.js';

const run = (ordersPerS: number, p99Ms: number, pacedP99Ms: number, busy: number | null, cpuUs: number | null): VenueRunResult => ({
  orders_per_s: ordersPerS, p50_ms: p99Ms / 2, p99_ms: p99Ms, p999_ms: p99Ms * 2,
  half_rate: { rate: 10_000, p50_ms: 1, p99_ms: pacedP99Ms, p999_ms: pacedP99Ms * 3, venue_event_loop_busy: busy, venue_cpu_us_per_order: cpuUs === null ? null : cpuUs + 10 },
  venue_cpu_us_per_order: cpuUs,
});

describe('bench:orders --repeat', () => {
  it('takes the middle value of an odd count and the mean of the two middle ones of an even count, whatever the order', () => {
    assert.equal(median([30, 10, 20]), 20);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7.123]), 7.12);
  });

  it('leaves out what a run did not measure (null, or NaN when no order was acknowledged); with nothing measured, null', () => {
    assert.equal(median([null, 5, NaN, 9]), 7);
    assert.equal(median([null, NaN]), null);
    assert.equal(median([]), null);
  });

  it('reports each figure as its own median over the runs, not the figures of one run', () => {
    const m = medianOfRuns([run(21_000, 40, 12, 0.8, 60), run(18_000, 20, 30, 0.7, 70), run(25_000, 60, 8, 0.9, null)]);
    assert.equal(m.orders_per_s, 21_000);
    assert.equal(m.p99_ms, 40);
    assert.equal(m.half_rate.p99_ms, 12);
    assert.equal(m.half_rate.p999_ms, 36);
    assert.equal(m.half_rate.venue_event_loop_busy, 0.8);
    assert.equal(m.venue_cpu_us_per_order, 65, 'the run without a CPU reading is left out');
    assert.equal(m.half_rate.venue_cpu_us_per_order, 75);
  });

  it('rounds the medians of rates and of CPU microseconds to whole numbers, as a run reports them', () => {
    const m = medianOfRuns([run(14_000, 1, 1, null, 80), run(14_001, 1, 1, null, 91)]);
    assert.equal(m.orders_per_s, 14_001);
    assert.equal(m.venue_cpu_us_per_order, 86);
  });

  it('keeps a latency NaN when no run measured it, as a single run without acknowledgements does', () => {
    const m = medianOfRuns([run(0, NaN, NaN, null, null), run(0, NaN, NaN, null, null)]);
    assert.ok(Number.isNaN(m.p99_ms));
    assert.equal(m.venue_cpu_us_per_order, null);
  });

  it('refuses an empty list of runs', () => {
    assert.throws(() => medianOfRuns([]), RangeError);
  });
});
