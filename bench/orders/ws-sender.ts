/**
 * WebSocket order entry (/ws/orders): requests are pipelined on a few sockets and each ack is
 * matched to its request by req_id, so replies may come back in any order.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { nextOrderTag, orderStatus, type Done, type OrderSender } from './sender.js';

interface Reply {
  type?: string;
  req_id?: string;
  error?: unknown;
}

class WsSender implements OrderSender {
  readonly name = 'ws';
  broken: string | undefined;
  private closing = false;
  private reportedStray = false;
  private readonly pending: Map<string, Done>[];

  constructor(private readonly sockets: WebSocket[], readonly window: number) {
    this.pending = sockets.map(() => new Map());
    sockets.forEach((ws, lane) => {
      ws.on('message', (data) => this.onMessage(lane, data.toString()));
      ws.on('close', (code) => this.fail(`ws connection ${lane} closed (code ${code})`));
      ws.on('error', (err) => this.fail(`ws connection ${lane}: ${err.message}`));
    });
  }

  get lanes(): number {
    return this.sockets.length;
  }

  send(lane: number, fields: string, done: Done): void {
    if (this.broken) {
      setImmediate(done, false, this.broken);
      return;
    }
    const id = nextOrderTag();
    this.pending[lane]!.set(id, done);
    this.cork(lane);
    this.sockets[lane]!.send(`{"op":"new","req_id":"${id}",${fields},"client_order_id":"${id}"}`);
  }

  /**
   * Orders sent in one turn (every order due at a paced tick, or one per ack of a batch the venue
   * answered at once) leave in one write, as the venue's answers do: the lane's socket stays
   * corked until the turn ends. ws frames through its private `_socket`; without it, one write each.
   */
  private cork(lane: number): void {
    const socket = (this.sockets[lane] as unknown as { _socket?: Socket })._socket;
    // Corked already means corked by an earlier send of this turn (ws uncorks its own before returning).
    if (!socket || socket.writableCorked > 0) return;
    socket.cork();
    process.nextTick(() => socket.uncork());
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.sockets.map((ws) => new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      ws.once('close', () => resolve());
      ws.close();
      setTimeout(() => { ws.terminate(); resolve(); }, 2000).unref();
    })));
  }

  private onMessage(lane: number, text: string): void {
    let reply: Reply;
    try {
      reply = JSON.parse(text) as Reply;
    } catch {
      return this.fail(`ws connection ${lane} sent non-JSON: ${text.slice(0, 200)}`);
    }
    // Anything without a req_id we sent (e.g. unsolicited events) is not an answer to an order.
    const done = reply.req_id === undefined ? undefined : this.pending[lane]!.get(reply.req_id);
    if (!done) {
      // An error we cannot match to an order (e.g. req_id null) would otherwise go unseen.
      if (reply.type === 'error' && !this.reportedStray) {
        this.reportedStray = true;
        process.stderr.write(`[bench:orders] ws error without a known req_id: ${text.slice(0, 500)}\n`);
      }
      return;
    }
    this.pending[lane]!.delete(reply.req_id!);
    if (reply.type === 'ack') done(true, orderStatus(reply));
    else done(false, text.slice(0, 500));
  }

  /** A dead socket fails everything still waiting on it; the load loops then stop. */
  private fail(reason: string): void {
    if (this.closing) return;
    this.broken ??= reason;
    for (const pending of this.pending) {
      for (const done of pending.values()) setImmediate(done, false, reason);
      pending.clear();
    }
  }
}

function connect(url: string, apiKey: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    // No compression: it costs CPU on both ends and tiny order messages barely shrink.
    const ws = new WebSocket(url, { perMessageDeflate: false, headers: { 'x-api-key': apiKey } });
    ws.once('open', () => resolve(ws));
    // Rejecting after open is a no-op; WsSender installs the error handling that matters then.
    ws.once('error', (err) => reject(new Error(`cannot open ${url}: ${err.message}`)));
  });
}

/** Opens `connections` sockets to <baseUrl>/ws/orders. */
export async function openWsSender(baseUrl: string, connections: number, window: number, apiKey: string): Promise<OrderSender> {
  const url = `${baseUrl.replace(/^http/, 'ws')}/ws/orders`;
  const sockets = await Promise.all(Array.from({ length: connections }, () => connect(url, apiKey)));
  return new WsSender(sockets, window);
}
