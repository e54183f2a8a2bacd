import type { z } from 'zod';
import { BadRequest } from './errors.js';

/** Parses with a zod schema; the first problem becomes a BadRequest (400) naming the field. */
export function validate<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body';
  throw new BadRequest(`${field}: ${issue.message}`, field);
}
