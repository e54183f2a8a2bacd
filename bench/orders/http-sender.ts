/** HTTP order entry: POST /api/v1/orders over a keep-alive socket pool; 201 means acknowledged. */
import { Pool } from 'undici';
import { nextOrderTag, orderStatus, type Done, type OrderSender } from './sender.js';

/**
 * undici's pool rather than node:http's agent: the client shares the machine's CPUs with the
 * venue under test, and undici spends much less CPU per request, so more of them go to the venue.
 * One request at a time per socket (no pipelining), as a keep-alive client sends them.
 */
class HttpSender implements OrderSender {
  readonly name = 'http';
  readonly lanes = 1;
  readonly broken = undefined; // a failed request does not make the next one fail
  private readonly pool: Pool;
  private readonly headers: Record<string, string>;

  constructor(baseUrl: string, sockets: number, readonly window: number, apiKey: string) {
    // Requests beyond the sockets queue inside the pool; that wait is part of the latency.
    this.pool = new Pool(new URL(baseUrl).origin, { connections: sockets, pipelining: 1 });
    this.headers = { 'content-type': 'application/json', 'x-api-key': apiKey };
  }

  send(_lane: number, fields: string, done: Done): void {
    void this.post(`{${fields},"client_order_id":"${nextOrderTag()}"}`).then(([ok, detail]) => done(ok, detail));
  }

  /** Whether the order was acknowledged (201), with its status; or why not. Never rejects. */
  private async post(body: string): Promise<[ok: boolean, detail: string | undefined]> {
    try {
      const res = await this.pool.request({ method: 'POST', path: '/api/v1/orders', headers: this.headers, body });
      const text = await res.body.text();
      return res.statusCode === 201 ? [true, statusOf(text)] : [false, `HTTP ${res.statusCode}: ${text.slice(0, 500)}`];
    } catch (err) {
      return [false, (err as Error).message];
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

function statusOf(text: string): string | undefined {
  try {
    return orderStatus(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export function httpSender(baseUrl: string, sockets: number, inFlight: number, apiKey: string): OrderSender {
  return new HttpSender(baseUrl, sockets, inFlight, apiKey);
}
