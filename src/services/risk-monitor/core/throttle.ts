/** Milli-tokens per token: refills of rate x elapsed ms stay integers for integer rates and times. */
const MILLI = 1000;

/** Throttles within this window count towards a runaway. */
export const RUNAWAY_WINDOW_MS = 10_000;

/**
 * An order-rate token bucket: refills `perSecond` tokens a second up to a burst of the same number
 * (at least one, or a rate below 1/s could never admit anything). Starts full; a clock going
 * backwards refills nothing. The rate is passed on every call so a limit change applies at once.
 */
export class TokenBucket {
  private milliTokens: number | null = null;
  private lastMs = 0;

  /** Takes one token at `nowMs` if there is one. */
  take(nowMs: number, perSecond: number): boolean {
    const capacity = Math.max(1, perSecond) * MILLI;
    if (this.milliTokens === null) {
      this.milliTokens = capacity;
      this.lastMs = nowMs;
    } else if (nowMs > this.lastMs) {
      this.milliTokens = Math.min(capacity, this.milliTokens + (nowMs - this.lastMs) * perSecond);
      this.lastMs = nowMs;
    }
    this.milliTokens = Math.min(capacity, this.milliTokens);
    if (this.milliTokens < MILLI) return false;
    this.milliTokens -= MILLI;
    return true;
  }
}

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
