import type { Clock } from '../../../platform/clock/index.js';

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * Token buckets by key: `ratePerS` requests a second on average, bursts of up to one second's
 * worth. Buckets idle for a minute are full again anyway, so they are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweepMs = 0;

  constructor(private readonly clock: Clock) {}

  /** 0 when the request may go ahead (a token is taken), else the seconds to wait for one. */
  take(key: string, ratePerS: number): number {
    const now = this.clock.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: ratePerS, updatedMs: now };
    bucket.tokens = Math.min(ratePerS, bucket.tokens + ((now - bucket.updatedMs) / 1000) * ratePerS);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / ratePerS;
  }

  private sweep(now: number): void {
    if (now - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = now;
    for (const [key, b] of this.buckets) if (now - b.updatedMs > 60_000) this.buckets.delete(key);
  }
}
