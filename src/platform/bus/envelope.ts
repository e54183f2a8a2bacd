import { BusRemoteError } from '../errors/index.js';

/** How a reply travels: the responder's value, or the code and message of what it threw. */
export type ReplyEnvelope<R> = { ok: true; data: R } | { ok: false; error: { code: string; message: string; status?: number } };

export type ErrorBody = Extract<ReplyEnvelope<never>, { ok: false }>['error'];

/** What of a thrown value travels: its code (INTERNAL without one), message and status. */
export function errorBody(err: unknown): ErrorBody {
  const e = err as { code?: unknown; message?: unknown; status?: unknown };
  return {
    code: typeof e.code === 'string' ? e.code : 'INTERNAL',
    message: typeof e.message === 'string' ? e.message : String(err),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
  };
}

/** The reply that says what `err` was. */
export const failedReply = (err: unknown): ReplyEnvelope<never> => ({ ok: false, error: errorBody(err) });

export function replyOf<R>(fn: () => R | Promise<R>): Promise<ReplyEnvelope<R>> {
  return Promise.resolve()
    .then(fn)
    .then((data): ReplyEnvelope<R> => ({ ok: true, data }), failedReply);
}

export function unwrapReply<R>(envelope: ReplyEnvelope<R>): R {
  if (envelope.ok) return envelope.data;
  throw new BusRemoteError(envelope.error.code, envelope.error.message, envelope.error.status);
}
