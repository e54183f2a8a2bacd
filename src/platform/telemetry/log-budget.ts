/**
 * How many lines of one kind (a key the caller chooses, e.g. who and what) may be logged per
 * window of time. A client that repeats the same mistake thousands of times a second would
 * otherwise write a line for each: the log files, which rotate by size, would then lose every
 * older line within a minute, and each synchronous write costs the process time. Past its budget
 * a line is counted instead, and `takeSuppressed` tells how many of each kind were held back.
 */
export class LogBudget {
  private windowStart: number;
  private readonly logged = new Map<string, number>();
  private suppressed = new Map<string, number>();

  constructor(private readonly opts: { linesPerWindow: number; windowMs: number; now: () => number }) {
    this.windowStart = opts.now();
  }

  /** True when a line of this kind may be written now; false (and counted) past its budget. */
  admit(key: string): boolean {
    const now = this.opts.now();
    if (now - this.windowStart >= this.opts.windowMs) {
      this.windowStart = now;
      this.logged.clear();
    }
    const n = (this.logged.get(key) ?? 0) + 1;
    if (n <= this.opts.linesPerWindow) {
      this.logged.set(key, n);
      return true;
    }
    this.suppressed.set(key, (this.suppressed.get(key) ?? 0) + 1);
    return false;
  }

  /** The lines held back since the last call, by kind (an empty map when none were). */
  takeSuppressed(): Map<string, number> {
    const held = this.suppressed;
    this.suppressed = new Map();
    return held;
  }
}
