/** All time in tradewatch comes from a Clock: the real one, or a simulated one a scenario can run fast. */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  readonly kind: 'real' | 'sim';
  /** Milliseconds since the Unix epoch (simulated or real). */
  now(): number;
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
  setInterval(fn: () => void, periodMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
