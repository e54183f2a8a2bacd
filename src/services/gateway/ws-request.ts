import type { z } from 'zod';
import { validate } from '../../platform/errors/index.js';
import { NOT_A_JSON_OBJECT } from './api-errors.js';
import { parseJsonObject } from './order-translate.js';

/**
 * A WebSocket channel's request, validated; or the error that answers it: INVALID_JSON, or
 * INVALID_REQUEST naming the field at fault and showing what a request looks like.
 */
export function parseWsRequest<S extends z.ZodType>(schema: S, text: string, example: string): { data: z.output<S> } | { error: { code: string; message: string } } {
  const json = parseJsonObject(text);
  if (!json) return { error: NOT_A_JSON_OBJECT };
  try {
    return { data: validate(schema, json) };
  } catch (err) {
    return { error: { code: 'INVALID_REQUEST', message: `${(err as Error).message}; expected ${example}` } };
  }
}
