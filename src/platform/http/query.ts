import { z } from 'zod';

/** A numeric id as text (paths, query strings, command-line flags): decimal digits, no leading zero, a safe integer. */
export const ID_TEXT = /^[1-9]\d{0,15}$/;

/**
 * A whole-number query parameter (?limit=50) within min..max, `fallback` when absent. One message
 * for every way it can be wrong: not a number, not whole, out of range, or given twice
 * (?limit=1&limit=2 arrives as a list).
 */
export function wholeNumberParam(min: number, max: number, fallback: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback);
}

/** An optional id in a query parameter (?before=1234): a positive whole number in decimal digits. */
export function idParam() {
  return z.string({ error: 'expected an id: a positive whole number' }).regex(ID_TEXT, 'expected an id: a positive whole number').transform(Number).optional();
}
