/** What the load loops drive: a transport that submits one order and reports its outcome. */

/**
 * Called exactly once per order, never synchronously from send(). ok: acknowledged; detail is
 * then the order's status when the venue returned one, otherwise a description of the failure.
 */
export type Done = (ok: boolean, detail: string | undefined) => void;

export interface OrderSender {
  readonly name: 'ws' | 'http';
  /** Independent channels (one per WebSocket); HTTP pools its sockets, so it has one lane. */
  readonly lanes: number;
  /** Orders in flight per lane in the closed-loop (max-rate) phase. */
  readonly window: number;
  /** Set once the transport cannot carry orders any more (e.g. a socket closed). */
  readonly broken: string | undefined;
  /** fields: a JSON field list from OrderMix (no braces); the sender adds its ids. */
  send(lane: number, fields: string, done: Done): void;
  close(): Promise<void>;
}

/** Per-process prefix of client_order_id/req_id, so reruns against one venue never reuse ids. */
export const RUN_TAG = `b${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}-`;

let idCounter = 0;
/** A client_order_id/req_id unique across every sender and phase of this process. */
export const nextOrderTag = (): string => RUN_TAG + (idCounter++).toString(36);

/** The order status inside an ack, if the text is JSON carrying one. */
export function orderStatus(body: unknown): string | undefined {
  const order = (body as { order?: { status?: unknown } } | null)?.order;
  return typeof order?.status === 'string' ? order.status : undefined;
}
