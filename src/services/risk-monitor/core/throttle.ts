export { TokenBucket } from '../../../platform/rate/index.js';

/** Throttles within this window count towards a runaway. */
export const RUNAWAY_WINDOW_MS = 10_000;

/** When a strategy was throttled recently: repeated throttling is how a runaway strategy shows. */
export class ThrottleLog {
  private readonly times: number[] = [];

  /** Records a throttle at `nowMs`; returns how many fell within the last 10 s, up to `cap`. */
  record(nowMs: number, cap: number): number {
    this.times.push(nowMs);
    while (this.times.length > 0 && (this.times[0]! <= nowMs - RUNAWAY_WINDOW_MS || this.times.length > cap)) this.times.shift();
    return this.times.length;
  }

  clear(): void {
    this.times.length = 0;
  }
}
