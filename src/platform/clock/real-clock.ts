import type { Clock, TimerHandle } from './clock.js';

/** Wall-clock time and Node's own timers. */
export class RealClock implements Clock {
  readonly kind = 'real' as const;
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, setTimeout(() => { this.timers.delete(id); fn(); }, delayMs));
    return { id };
  }

  setInterval(fn: () => void, periodMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, setInterval(fn, periodMs));
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    const t = this.timers.get(handle.id);
    if (t) { clearTimeout(t); this.timers.delete(handle.id); }
  }
}
