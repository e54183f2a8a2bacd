import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface Msg { type: string; req_id?: string; order?: { order_id: string; status: string }; error?: { code: string }; symbol?: string; price?: string; bids?: string[][] }

async function open(url: string, key?: string) {
  const ws = new WebSocket(url, key ? { headers: { 'x-api-key': key } } : {});
  const messages: Msg[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Msg));
  await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
  return { ws, messages };
}

describe('exchange WebSockets', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let mid = 0;
  let key = '';
  before(async () => {
    proc = await startInProcess({ strategyEngine: { enabled: false } });
    key = await issueKey(proc.config, 'trader');
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    mid = Math.round(Number((await (await fetch(`${proc.url}/api/v1/market/AAPL`)).json() as { bid: string }).bid));
  });
  after(() => proc.stop());

  it('/ws/orders acknowledges pipelined orders by req_id, errors included, and publishes trades and books on /ws/exchange', async () => {
    const feed = await open(`${proc.url.replace('http', 'ws')}/ws/exchange`);
    feed.ws.send(JSON.stringify({ op: 'subscribe', channels: ['trades', 'book'], symbols: ['AAPL'] }));
    await waitFor('subscribed', () => feed.messages.some((m) => m.type === 'subscribed'));

    const orders = await open(`${proc.url.replace('http', 'ws')}/ws/orders`, key);
    const base = { account: 'ws-a', symbol: 'AAPL', type: 'limit', quantity: '4' };
    for (let i = 0; i < 50; i++) orders.ws.send(JSON.stringify({ op: 'new', req_id: `r${i}`, ...base, side: i % 2 ? 'sell' : 'buy', price: mid.toFixed(2), account: `ws-${i % 2}` }));
    orders.ws.send(JSON.stringify({ op: 'new', req_id: 'bad', ...base, side: 'buy', quantity: '0', price: mid.toFixed(2) }));
    // Not JSON, or JSON that is not an object: each is answered, none takes the process down.
    for (const bad of ['not json', 'null', '1', '"x"', '[]']) orders.ws.send(bad);
    await waitFor('56 answers', () => orders.messages.length === 56);
    const acks = orders.messages.filter((m) => m.type === 'ack');
    assert.equal(acks.length, 50);
    assert.deepEqual(new Set(acks.map((m) => m.req_id)).size, 50);
    assert.equal(orders.messages.find((m) => m.req_id === 'bad')!.error!.code, 'INVALID_REQUEST');
    assert.deepEqual(orders.messages.filter((m) => m.req_id === null).map((m) => m.error!.code), Array(5).fill('INVALID_JSON'));
    assert.ok(acks.some((m) => m.order!.status === 'filled'), 'crossing orders traded');

    await waitFor('trades and a book on the public feed', () => feed.messages.some((m) => m.type === 'trade') && feed.messages.some((m) => m.type === 'book'));
    assert.equal(feed.messages.find((m) => m.type === 'trade')!.price, mid.toFixed(2));
    orders.ws.close();
    feed.ws.close();
  });
});
