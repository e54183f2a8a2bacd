import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The ids that follow one piece of work across HTTP, the bus, logs and stored records. */
export interface RequestContext {
  requestId: string;
  correlationId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** Accepts ids a caller sent (if sane) or makes new ones; the correlation id defaults to the request id. */
export function requestContextFrom(requestId?: string, correlationId?: string): RequestContext {
  const id = saneId(requestId) ?? randomUUID();
  return { requestId: id, correlationId: saneId(correlationId) ?? id };
}

/** Ids come from outside: bound their length and alphabet so they are safe in logs and headers. */
function saneId(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
