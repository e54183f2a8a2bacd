import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** What a feed lets pile up unsent for one client before it drops that client as too slow. */
export const FEED_MAX_UNSENT_BYTES = 4 * 1024 * 1024;

/**
 * A sender for a public feed: a client that lets more than FEED_MAX_UNSENT_BYTES pile up unsent
 * cannot keep up, and holding everything for it would grow the gateway's memory without end, so
 * it is closed (1013: reconnect and resubscribe; a fresh snapshot puts it back in step).
 */
export function feedSender(onSlowConsumer: () => void): (ws: WebSocket, payload: string) => void {
  return (ws, payload) => {
    if (ws.readyState !== ws.OPEN) return; // already closing (perhaps dropped here): counted once
    if (ws.bufferedAmount > FEED_MAX_UNSENT_BYTES) {
      onSlowConsumer();
      ws.close(1013, 'too slow: the feed outran this connection; reconnect and resubscribe');
      return;
    }
    ws.send(payload);
  };
}

export interface OrderEntryLimits {
  /** Orders of one connection being worked on (read, not yet answered). */
  maxInFlight: number;
  /** Answers of one connection waiting to be sent (a client that does not read them). */
  maxUnsentBytes: number;
}

export type ThrottleReason = 'in_flight' | 'unsent';

/**
 * Flow control of one order-entry connection. Reading its orders stops while too many of them
 * await an answer, or while too many answers wait unsent because the client does not read them;
 * it starts again once both are back under their limits. TCP then holds the client back: the
 * gateway's memory per connection stays bounded, and nothing is refused or lost.
 *
 * Orders already read from the socket when reading stops are still handled, so the number in
 * flight may exceed the limit by what one read held.
 */
export class OrderEntryFlow {
  private inFlight = 0;
  private paused = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly limits: OrderEntryLimits,
    private readonly onThrottle: (reason: ThrottleReason) => void,
  ) {}

  received(): void {
    this.inFlight++;
    this.check();
  }

  answered(): void {
    this.inFlight--;
    this.check();
  }

  /** Looks again at what waits unsent: after answers were handed to the socket, and after it wrote them out. */
  check(): void {
    const over: ThrottleReason | null = this.inFlight >= this.limits.maxInFlight ? 'in_flight'
      : this.ws.bufferedAmount > this.limits.maxUnsentBytes ? 'unsent' : null;
    if (over && !this.paused) {
      this.paused = true;
      this.ws.pause();
      this.onThrottle(over);
    } else if (!over && this.paused) {
      this.paused = false;
      this.ws.resume();
    }
  }
}

/**
 * Answers that become ready together (a batch of orders acknowledged by one commit) leave in one
 * write: the socket is corked while they are framed, so the kernel sees one call instead of one
 * per answer. ws frames through its private `_socket`; without it, answers go out one by one.
 * `written` runs once a batch is handed to the socket and again once the socket wrote it out.
 */
export function batchedSender(ws: WebSocket, written: () => void): (payload: unknown) => void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  let queued: string[] = [];
  const flush = () => {
    const out = queued;
    queued = [];
    if (ws.readyState !== ws.OPEN) return;
    socket?.cork();
    const last = out.length - 1;
    for (let i = 0; i < last; i++) ws.send(out[i]!);
    ws.send(out[last]!, written);
    socket?.uncork();
    written();
  };
  return (payload) => {
    if (queued.push(JSON.stringify(payload)) === 1) process.nextTick(flush);
  };
}
