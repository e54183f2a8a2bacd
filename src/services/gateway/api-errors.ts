import { TradewatchError } from '../../platform/errors/index.js';

/**
 * UNKNOWN_SYMBOL, naming the symbols there are: 404 for a symbol in the path (no such resource),
 * 400 naming the field for one in a body or a query.
 */
export function unknownSymbol(given: string, known: ReadonlyMap<string, unknown>, from: 'path' | 'field'): TradewatchError {
  const text = `unknown symbol "${given}"; known: ${[...known.keys()].join(', ')}`;
  return from === 'path' ? new TradewatchError('UNKNOWN_SYMBOL', text, 404) : new TradewatchError('UNKNOWN_SYMBOL', `symbol: ${text}`, 400);
}

/** The error body for a WebSocket message that is not a JSON object, on every channel. */
export const NOT_A_JSON_OBJECT = { code: 'INVALID_JSON', message: 'messages must be JSON objects' } as const;
