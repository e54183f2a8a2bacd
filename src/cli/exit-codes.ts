/** Exit codes scripts can rely on. */
export const EXIT = {
  OK: 0,
  /** The command ran and failed (a module did not start, a check found a problem). */
  FAILURE: 1,
  /** The request itself is wrong: bad flags, invalid configuration. Fix the input and retry. */
  USAGE: 2,
} as const;
