import type { BusHeaders, PublishOptions, RequestOptions, RespondOptions, SubscribeOptions } from './bus.js';
import type { ErrorBody } from './envelope.js';

/**
 * Messages between a PortBus (in a worker thread) and the PortBusHost serving it with the
 * process's bus. Data travels as JSON text: for the small records services exchange, a string
 * crosses threads for less than structured clone costs, and the bus semantics are JSON anyway.
 * `id` pairs a call with its answer; `sub` names a subscription or responder of the worker.
 */
export type FromWorker =
  | { op: 'publish'; id: number; subject: string; json: string; opts: PublishOptions }
  | { op: 'subscribe'; id: number; subject: string; opts: SubscribeOptions }
  | { op: 'respond'; id: number; subject: string; opts: RespondOptions }
  | { op: 'unsubscribe'; id: number; sub: number }
  | { op: 'request'; id: number; subject: string; json: string; opts: Omit<RequestOptions, 'handOver'> }
  | { op: 'ensureStream'; id: number; name: string; subjects: string[] }
  | { op: 'health'; id: number }
  /** The worker handled a delivered message (`error`: its handler threw). */
  | { op: 'handled'; id: number; error?: string }
  /** The worker's responder answered a forwarded request: a ReplyEnvelope as JSON. */
  | { op: 'answer'; id: number; envelope: string };

export type FromHost =
  | { op: 'done'; id: number; json?: string }
  /** `local`: the host's own bus failed (timed out, or unreachable), not a remote responder. */
  | { op: 'failed'; id: number; error: ErrorBody & { local: boolean } }
  /** A message for subscription `sub`, or (with `reply`) a request for responder `sub`. */
  | { op: 'deliver'; id: number; sub: number; reply: boolean; subject: string; msgId: string; json: string; headers: BusHeaders; deliveryCount: number };
