/**
 * The bus port: how services talk. Two adapters implement it with the same semantics:
 * an in-process one (default) and NATS JetStream (distributed). Subjects are dot-separated
 * tokens; subscriptions may use NATS wildcards (`*` one token, `>` the rest).
 */

/** Headers travel with every message: message id, request/correlation ids, W3C trace context. */
export type BusHeaders = Record<string, string>;

export const HEADER = {
  messageId: 'msg-id',
  requestId: 'x-request-id',
  correlationId: 'x-correlation-id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  /** Further traces a message speaks for (comma-separated traceparents), beyond its parent. */
  traceLinks: 'x-trace-links',
} as const;

export interface BusMessage<T = unknown> {
  readonly subject: string;
  /** Unique per logical message; redeliveries carry the same id. */
  readonly id: string;
  readonly data: T;
  readonly headers: BusHeaders;
  /** 1 on first delivery, more on redelivery (durable subscriptions). */
  readonly deliveryCount: number;
}

export interface PublishOptions {
  /** Give a stable id to make publishing idempotent; one is generated when absent. */
  id?: string;
  headers?: BusHeaders;
}

export interface RequestOptions extends PublishOptions {
  /** Rejects with BusTimeout after this long (default 2000 ms). */
  timeoutMs?: number;
  /**
   * `data` is plain JSON data that nobody changes after the call: the requester is done with it
   * and the responder only reads it. The in-process bus then hands the object itself to the
   * responder instead of a copy (a network bus sends it as always). For large, hot requests such
   * as the exchange's command batches.
   */
  handOver?: boolean;
}

export interface SubscribeOptions {
  /**
   * A durable subscription survives restarts: it resumes after the last message it acknowledged.
   * Only subjects under a durable stream (see `Bus.ensureStream`) can be consumed durably.
   */
  durable?: string;
  /** Competing consumers: each message goes to one member of the group. */
  queue?: string;
  /**
   * The handler only reads the message's data. The in-process bus then parses a message once for
   * all its read-only subscribers and hands each the same deeply frozen object (a write throws),
   * instead of a copy each. Over NATS every subscriber decodes its own copy whatever this says.
   * Not for durable subscriptions.
   */
  readOnly?: boolean;
}

export interface RespondOptions {
  /** Competing responders: each request goes to one member of the group. */
  queue?: string;
  /**
   * The responder's replies are new objects it keeps no reference to (and JSON values, as every
   * reply must be): the in-process bus then hands them to the requester as they are instead of
   * copying them, which for large replies (a batch of order acknowledgements) is much of their
   * cost. Over the network a reply is serialized either way.
   */
  freshReplies?: boolean;
}

export type Handler<T> = (msg: BusMessage<T>) => void | Promise<void>;
export type Responder<T, R> = (msg: BusMessage<T>) => R | Promise<R>;

export interface Subscription {
  readonly subject: string;
  /**
   * Takes no new messages; resolves once those already taken are handled (and, when durable,
   * acknowledged). Unacknowledged messages go to the next subscriber with the same durable name.
   */
  unsubscribe(): Promise<void>;
}

export interface BusHealth {
  ok: boolean;
  latencyMs: number;
  detail: string;
}

export interface Bus {
  readonly kind: 'memory' | 'nats';
  /** Declares a durable stream holding every message published on `subjects`. Idempotent. */
  ensureStream(name: string, subjects: string[]): Promise<void>;
  publish<T>(subject: string, data: T, opts?: PublishOptions): Promise<void>;
  /**
   * A handler that throws on a durable subscription gets the message again (at-least-once);
   * handlers are therefore idempotent by message id (see `IdempotencyFilter`).
   */
  subscribe<T>(subject: string, handler: Handler<T>, opts?: SubscribeOptions): Promise<Subscription>;
  /** Request/reply; rejects with BusTimeout after `timeoutMs` (default 2000). */
  request<T, R>(subject: string, data: T, opts?: RequestOptions): Promise<BusMessage<R>>;
  /** Answers requests on `subject`. A responder that throws sends back a BusRemoteError. */
  respond<T, R>(subject: string, responder: Responder<T, R>, opts?: RespondOptions): Promise<Subscription>;
  health(): Promise<BusHealth>;
  /** Stops delivering, waits for handlers in flight, releases connections. */
  close(): Promise<void>;
}
