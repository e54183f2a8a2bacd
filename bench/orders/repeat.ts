/**
 * --repeat N: a transport's phases run N times against the same venue, and the line reports the
 * median of each figure across the runs, with every run beside it. On a machine the client
 * shares, one run's rate and p99 swing by a third or more; the median is what a build does.
 */

export interface HalfRateResult {
  rate: number;
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
  venue_event_loop_busy: number | null;
  /** The venue's CPU per order over this phase alone: what its event loop's busy share follows. */
  venue_cpu_us_per_order: number | null;
}

/** One run of a transport's phases: the max-rate phase, the paced one, the venue's CPU per order. */
export interface VenueRunResult {
  orders_per_s: number;
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
  half_rate: HalfRateResult;
  venue_cpu_us_per_order: number | null;
}

/**
 * The median of the numbers given (of the two middle ones, their mean, to two decimals). Values
 * a run did not measure (null, or NaN: no order acknowledged) are left out; with none left, null.
 */
export function median(values: ReadonlyArray<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = known.length >> 1;
  const value = known.length % 2 === 1 ? known[mid]! : (known[mid - 1]! + known[mid]!) / 2;
  return Math.round(value * 100) / 100;
}

/** Each figure the median of that figure over the runs (not the figures of one median run). */
export function medianOfRuns(runs: readonly VenueRunResult[]): VenueRunResult {
  if (runs.length === 0) throw new RangeError('the median of no runs');
  const of = (pick: (r: VenueRunResult) => number | null) => median(runs.map(pick));
  // A latency no run measured stays NaN, as in a single run with no order acknowledged.
  const measured = (pick: (r: VenueRunResult) => number) => of(pick) ?? NaN;
  // Rates and CPU microseconds are whole numbers in a run; their medians are too.
  const whole = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    orders_per_s: Math.round(measured((r) => r.orders_per_s)),
    p50_ms: measured((r) => r.p50_ms),
    p99_ms: measured((r) => r.p99_ms),
    p999_ms: measured((r) => r.p999_ms),
    half_rate: {
      rate: Math.round(measured((r) => r.half_rate.rate)),
      p50_ms: measured((r) => r.half_rate.p50_ms),
      p99_ms: measured((r) => r.half_rate.p99_ms),
      p999_ms: measured((r) => r.half_rate.p999_ms),
      venue_event_loop_busy: of((r) => r.half_rate.venue_event_loop_busy),
      venue_cpu_us_per_order: whole(of((r) => r.half_rate.venue_cpu_us_per_order)),
    },
    venue_cpu_us_per_order: whole(of((r) => r.venue_cpu_us_per_order)),
  };
}
