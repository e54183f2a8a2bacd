import type { Clock, TimerHandle } from './clock.js';

interface SimTimer {
  id: number;
  due: number;
  period: number | null;
  fn: () => void;
}

/**
 * Simulated time. Timers fire in (due time, creation order), so a run is deterministic.
 * Drive it either by hand (`advance`, for tests and replays: as fast as the CPU allows) or with
 * `run(speed)`, which follows wall time multiplied by `speed`.
 */
export class SimClock implements Clock {
  readonly kind = 'sim' as const;
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, SimTimer>();
  private driver: NodeJS.Timeout | null = null;

  constructor(startMs = Date.UTC(2026, 0, 5, 14, 30)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    return this.add(fn, Math.max(0, delayMs), null);
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    if (!(periodMs > 0)) throw new Error(`SimClock.setInterval needs a period > 0 ms, got ${periodMs}`);
    return this.add(fn, periodMs, periodMs);
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > target) break;
      this.current = next.due;
      if (next.period === null) this.timers.delete(next.id);
      else next.due += next.period;
      next.fn();
    }
    this.current = target;
  }

  /** Follows wall time at `speed` x; returns a function that stops following. */
  run(speed: number, tickMs = 10): () => void {
    this.stop();
    let last = performance.now();
    this.driver = setInterval(() => {
      const wall = performance.now();
      this.advance(Math.round((wall - last) * speed));
      last = wall;
    }, tickMs);
    return () => this.stop();
  }

  stop(): void {
    if (this.driver) clearInterval(this.driver);
    this.driver = null;
  }

  private add(fn: () => void, delayMs: number, period: number | null): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + delayMs, period, fn });
    return { id };
  }

  private earliest(): SimTimer | undefined {
    let best: SimTimer | undefined;
    for (const t of this.timers.values()) {
      if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    }
    return best;
  }
}
