/**
 * The error-code catalogue: every code an API response or a rejection can carry.
 * Codes are stable; clients and runbooks key on them.
 */
export const ERROR_CODES = {
  INVALID_REQUEST: 'The request is malformed or a field is invalid; the message names the field.',
  INVALID_JSON: 'The body is not valid JSON.',
  BODY_TOO_LARGE: 'The body exceeds the size limit.',
  UNSUPPORTED_MEDIA_TYPE: 'The body has a content type the endpoint does not accept.',
  NOT_FOUND: 'No such resource or route.',
  METHOD_NOT_ALLOWED: 'The route exists but not with this method.',
  UNAUTHORIZED: 'No API key, or one that is unknown or revoked; the message says how to create one.',
  FORBIDDEN: "The API key's role may not do this; the message names the role needed.",
  RATE_LIMITED: 'The API key is over its rate limit; wait for Retry-After seconds.',
  UNKNOWN_SYMBOL: 'The instrument symbol is not configured.',
  STORE_UNAVAILABLE: 'The database cannot be reached or refused the operation.',
  BUS_UNAVAILABLE: 'The message bus cannot be reached.',
  BUS_TIMEOUT: 'A service did not answer over the bus in time.',
  NOT_READY: 'The process is starting or stopping.',
  CONFIG_INVALID: 'The configuration is invalid.',
  INTERNAL: 'An unexpected error; the request id finds it in the logs.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ApiErrorBody {
  error: { code: string; message: string; request_id: string };
}
