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

/** Parses with a zod schema; the first problem becomes a BadRequest (400) naming the field. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data, MISSING_IS_REQUIRED);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body';
  throw new BadRequest(`${field}: ${issue.message}`, field);
}
