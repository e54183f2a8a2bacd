import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpSender } from '../../../bench/orders/http-sender.js';
import type { OrderSender } from '../../../bench/orders/sender.js';

/** A venue stand-in: 201 with the order's status for the key "good", 401 for any other. */
const received: { key: string | undefined; body: Record<string, unknown> }[] = [];
const server = createServer((req: IncomingMessage, res) => {
  let text = '';
  req.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  req.on('end', () => {
    const key = req.headers['x-api-key'] as string | undefined;
    received.push({ key, body: JSON.parse(text) as Record<string, unknown> });
    if (key === 'good') res.writeHead(201, { 'content-type': 'application/json' }).end('{"order":{"order_id":"7","status":"open"}}');
    else res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"UNAUTHORIZED"}}');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => server.close());

/** Sends one order and collects every call of its `done`, and whether the first came synchronously. */
async function sendOne(sender: OrderSender): Promise<{ calls: [boolean, string | undefined][]; synchronous: boolean }> {
  const calls: [boolean, string | undefined][] = [];
  let sending = true;
  let synchronous = false;
  await new Promise<void>((resolve) => {
    sender.send(0, '"account":"a1","symbol":"BTC-USD"', (ok, detail) => {
      synchronous ||= sending;
      calls.push([ok, detail]);
      resolve();
    });
    sending = false;
  });
  await new Promise((r) => setTimeout(r, 50)); // room for a second, wrong call
  return { calls, synchronous };
}

describe('bench:orders HTTP sender', () => {
  it('reports an acknowledged order once, with its status, and posts the fields, a client order id and the key', async () => {
    const sender = httpSender(url, 2, 4, 'good');
    try {
      const { calls, synchronous } = await sendOne(sender);
      assert.deepEqual(calls, [[true, 'open']]);
      assert.equal(synchronous, false);
      const last = received.at(-1)!;
      assert.equal(last.key, 'good');
      assert.equal(last.body.account, 'a1');
      assert.equal(last.body.symbol, 'BTC-USD');
      assert.match(String(last.body.client_order_id), /^b[0-9a-z]+-[0-9a-z]+$/);
    } finally {
      await sender.close();
    }
  });

  it('reports a refused order once, with its HTTP status and body', async () => {
    const sender = httpSender(url, 2, 4, 'bad');
    try {
      const { calls } = await sendOne(sender);
      assert.deepEqual(calls, [[false, 'HTTP 401: {"error":{"code":"UNAUTHORIZED"}}']]);
    } finally {
      await sender.close();
    }
  });

  it('reports an order it could not deliver once, with the connection error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const sender = httpSender(`http://127.0.0.1:${port}`, 2, 4, 'good');
    try {
      const { calls } = await sendOne(sender);
      assert.equal(calls.length, 1);
      assert.equal(calls[0]![0], false);
      assert.match(String(calls[0]![1]), /ECONNREFUSED|connect/i);
    } finally {
      await sender.close();
    }
  });
});
