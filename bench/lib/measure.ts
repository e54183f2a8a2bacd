import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Wall time of `run` in seconds. */
export function timeIt(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** q-quantile (0..1) of samples, nearest rank; sorts a copy. */
export function quantile(samples: Float64Array, q: number): number {
  const sorted = samples.slice().sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Forces a full GC without needing --expose-gc on the command line. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * JS heap plus typed-array backing stores after full GCs, in bytes. Array buffers are freed by a
 * background sweeper, so it collects twice with a pause between.
 */
export async function retainedBytes(): Promise<number> {
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Median cost of an empty hrtime.bigint() pair, to read the latency percentiles against. */
export function timerOverheadNs(): number {
  const samples = new Float64Array(10_001);
  for (let i = 0; i < samples.length; i++) {
    const t0 = process.hrtime.bigint();
    samples[i] = Number(process.hrtime.bigint() - t0);
  }
  return quantile(samples, 0.5);
}
