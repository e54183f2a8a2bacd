import type { Clock } from './clock.js';

export interface SerialInterval {
  /** No more runs; resolves once the one in progress (if any) has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `periodMs` on `clock`, one run at a time: a run that is still going (say, on
 * a slow store) delays the next instead of overlapping it. A failing run goes to `onError` and
 * the schedule goes on.
 */
export function everySerially(clock: Clock, periodMs: number, task: () => Promise<void>, onError: (err: Error) => void): SerialInterval {
  let running = Promise.resolve();
  const timer = clock.setInterval(() => {
    running = running.then(task).catch((err: unknown) => onError(err as Error));
  }, periodMs);
  return {
    async stop() {
      clock.clearTimer(timer);
      await running;
    },
  };
}
