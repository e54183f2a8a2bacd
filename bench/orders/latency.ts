/** Latency samples (milliseconds) and their percentiles. */

export interface LatencySummary {
  count: number;
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
}

/** Append-only sample store; doubles its typed array instead of boxing numbers in an Array. */
export class LatencyRecorder {
  private samples = new Float64Array(1 << 16);
  private count = 0;

  add(ms: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = ms;
  }

  summary(): LatencySummary {
    // Float64Array#sort is numeric (unlike Array#sort), and sorting the live view in place is fine:
    // the recorder is read once, at the end of a run.
    const sorted = this.samples.subarray(0, this.count).sort();
    return {
      count: this.count,
      p50_ms: roundMs(quantile(sorted, 0.5)),
      p99_ms: roundMs(quantile(sorted, 0.99)),
      p999_ms: roundMs(quantile(sorted, 0.999)),
    };
  }
}

/** Nearest-rank q-quantile of an ascending array; NaN when empty. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** 10 µs resolution: finer digits are below the noise of a loopback measurement. */
export function roundMs(ms: number): number {
  return Number.isFinite(ms) ? Math.round(ms * 100) / 100 : ms;
}
