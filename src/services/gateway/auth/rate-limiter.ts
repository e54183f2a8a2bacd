import type { Clock } from '../../../platform/clock/index.js';
import { TokenBucket } from '../../../platform/rate/index.js';

const IDLE_MS = 60_000;

/**
 * Token buckets by key: `ratePerS` requests a second on average, bursts of up to one second's
 * worth. Buckets idle for a minute are full again anyway, so they are dropped.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweepMs = 0;

  constructor(private readonly clock: Clock) {}

  /** 0 when the request may go ahead (a token is taken), else the seconds to wait for one. */
  take(key: string, ratePerS: number): number {
    const now = this.clock.now();
    this.sweep(now);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket();
      this.buckets.set(key, bucket);
    }
    return bucket.take(now, ratePerS) ? 0 : bucket.msUntilNext(ratePerS) / 1000;
  }

  private sweep(now: number): void {
    if (now - this.lastSweepMs < IDLE_MS) return;
    this.lastSweepMs = now;
    for (const [key, b] of this.buckets) if (now - (b.lastTakeMs ?? now) > IDLE_MS) this.buckets.delete(key);
  }
}
