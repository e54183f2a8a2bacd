/** HTTP order entry: POST /api/v1/orders over a keep-alive socket pool; 201 means acknowledged. */
import http from 'node:http';
import { nextOrderTag, orderStatus, type Done, type OrderSender } from './sender.js';

class HttpSender implements OrderSender {
  readonly name = 'http';
  readonly lanes = 1;
  readonly broken = undefined; // a failed request does not make the next one fail
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets: number, readonly window: number, private readonly apiKey: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    // Requests beyond maxSockets queue inside the agent; that wait is part of the latency.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  send(_lane: number, fields: string, done: Done): void {
    const body = `{${fields},"client_order_id":"${nextOrderTag()}"}`;
    let settled = false;
    const finish = (ok: boolean, detail: string | undefined) => {
      if (settled) return;
      settled = true;
      done(ok, detail);
    };
    const req = http.request({
      agent: this.agent, host: this.host, port: this.port, method: 'POST', path: '/api/v1/orders',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': this.apiKey },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => finish(false, err.message));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode === 201) finish(true, statusOf(text));
        else finish(false, `HTTP ${res.statusCode}: ${text.slice(0, 500)}`);
      });
    });
    req.on('error', (err) => finish(false, err.message));
    req.end(body);
  }

  async close(): Promise<void> {
    this.agent.destroy();
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
