import type { z } from 'zod';
import { BadRequest } from './errors.js';

/** Issues that, for a missing field, would describe undefined as a wrong type or value. */
const MISSING_CODES = new Set(['invalid_type', 'invalid_value', 'invalid_union']);
/**
 * Parse options under which a missing field is said to be required, rather than that undefined is
 * not a string (or one of the options): for requests here, and for configuration.
 */
export const MISSING_IS_REQUIRED: z.core.ParseContext<z.core.$ZodIssue> = {
  error: (issue) => (issue.input === undefined && MISSING_CODES.has(issue.code ?? '') ? 'required' : undefined),
};

/**
 * Parses with a zod schema; the first problem becomes a BadRequest (400) naming the field.
 * Valid data is parsed without MISSING_IS_REQUIRED: zod copies the options it is given into a new
 * object on every parse (`{ ...options, async }`), and on Node 20 a spread of a non-empty object
 * costs about 1 µs, several per order. Only invalid data is parsed again with them, to word its message.
 */
export function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const fast = schema.safeParse(data);
  if (fast.success) return fast.data;
  // The options change only how issues are worded, so this parse fails too.
  const worded = schema.safeParse(data, MISSING_IS_REQUIRED);
  const issue = (worded.error ?? fast.error).issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body';
  throw new BadRequest(`${field}: ${issue.message}`, field);
}
