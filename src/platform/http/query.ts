import { z } from 'zod';

/**
 * A whole-number query parameter (?limit=50) within min..max, `fallback` when absent. One message
 * for every way it can be wrong: not a number, not whole, out of range, or given twice
 * (?limit=1&limit=2 arrives as a list).
 */
export function wholeNumberParam(min: number, max: number, fallback: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
}
