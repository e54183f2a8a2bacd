/** Milli-tokens per token: refills of rate x elapsed ms stay integers for integer rates and times. */
const MILLI = 1000;

/**
 * A rate limiter's token bucket: refills `perSecond` tokens a second up to a burst of the same
 * number (at least one, or a rate below 1/s could never admit anything). Starts full; a clock going
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

  /** Milliseconds from the last take until a token is there again (0 if one is). */
  msUntilNext(perSecond: number): number {
    const missing = MILLI - (this.milliTokens ?? MILLI);
    return missing <= 0 ? 0 : missing / perSecond;
  }

  /** When the bucket was last refilled (its last take), or null before the first. */
  get lastTakeMs(): number | null {
    return this.milliTokens === null ? null : this.lastMs;
  }
}
