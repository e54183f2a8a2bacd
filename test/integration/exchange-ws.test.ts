import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface Msg { type: string; req_id?: string; order?: { order_id: string; status: string }; error?: { code: string; message: string }; symbol?: string; price?: string; seq?: number; bids?: string[][]; asks?: string[][] }

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
    await waitFor('subscribed and a snapshot of the book', () => feed.messages.some((m) => m.type === 'book'));
    const snapshot = feed.messages.find((m) => m.type === 'book')!;

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

    await waitFor('trades and a changed book on the public feed', () => feed.messages.some((m) => m.type === 'trade') && feed.messages.some((m) => m.type === 'book' && m.seq! > snapshot.seq!));
    assert.equal(feed.messages.find((m) => m.type === 'trade')!.price, mid.toFixed(2));
    orders.ws.close();
    feed.ws.close();
  });

  it('/ws/orders cancels an order by id, refuses a cancel of an order that is not open, and names order_id when a cancel lacks it', async () => {
    const orders = await open(`${proc.url.replace('http', 'ws')}/ws/orders`, key);
    orders.ws.send(JSON.stringify({ op: 'new', req_id: 'rest', account: 'ws-c', symbol: 'AAPL', type: 'limit', side: 'buy', quantity: '1', price: (mid - 2).toFixed(2) }));
    await waitFor('the order acknowledged', () => orders.messages.some((m) => m.req_id === 'rest'));
    const placed = orders.messages.find((m) => m.req_id === 'rest')!;
    assert.equal(placed.order!.status, 'open');
    orders.ws.send(JSON.stringify({ op: 'cancel', req_id: 'c1', account: 'ws-c', order_id: placed.order!.order_id }));
    orders.ws.send(JSON.stringify({ op: 'cancel', req_id: 'c2', account: 'ws-c', order_id: placed.order!.order_id }));
    await waitFor('both cancels answered', () => orders.messages.some((m) => m.req_id === 'c2'));
    const [first, second] = ['c1', 'c2'].map((id) => orders.messages.find((m) => m.req_id === id)!);
    assert.deepEqual([first!.type, first!.order!.status], ['ack', 'cancelled']);
    assert.equal(second!.type, 'error', JSON.stringify(second));
    orders.ws.send(JSON.stringify({ op: 'cancel', req_id: 'c3', account: 'ws-c' }));
    await waitFor('the cancel without an id answered', () => orders.messages.some((m) => m.req_id === 'c3'));
    const missing = orders.messages.find((m) => m.req_id === 'c3')!;
    assert.equal(missing.error!.code, 'INVALID_REQUEST');
    assert.match(missing.error!.message, /^order_id: required for cancel/);
    orders.ws.close();
  });

  it('GET /api/v1/exchange/book shows resting quantity per price, best first; a /ws/exchange book subscriber starts from the same snapshot', async () => {
    const msftMid = Math.round(Number((await (await fetch(`${proc.url}/api/v1/market/MSFT`)).json() as { bid: string }).bid));
    const place = async (side: string, offset: number, quantity: string) => {
      const res = await fetch(`${proc.url}/api/v1/orders`, {
        method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' },
        body: JSON.stringify({ account: 'book-test', symbol: 'MSFT', side, price: (msftMid + offset).toFixed(2), quantity }),
      });
      assert.equal(res.status, 201, await res.text());
    };
    await place('buy', -1, '3');
    await place('buy', -1, '2');
    await place('buy', -2, '1');
    await place('sell', 1, '4');
    const book = async (query: string) => {
      const res = await fetch(`${proc.url}/api/v1/exchange/book/${query}`);
      return { status: res.status, body: await res.json() as { bids: string[][]; asks: string[][]; seq: number; error?: { code: string; message: string } } };
    };
    const [top, deep, lower, unknown, badDepth] = await Promise.all([book('MSFT?depth=1'), book('MSFT'), book('msft?depth=100'), book('NOPE'), book('MSFT?depth=0')]);
    const [bid, lowerBid, ask] = [(msftMid - 1).toFixed(2), (msftMid - 2).toFixed(2), (msftMid + 1).toFixed(2)];
    assert.deepEqual([top.body.bids, top.body.asks], [[[bid, '5']], [[ask, '4']]], 'two orders at one price are one level');
    assert.deepEqual([deep.body.bids, deep.body.asks], [[[bid, '5'], [lowerBid, '1']], [[ask, '4']]]);
    assert.deepEqual(lower.body.bids, deep.body.bids, 'symbols in any case');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error!.code, 'UNKNOWN_SYMBOL');
    assert.match(unknown.body.error!.message, /known: .*MSFT/);
    assert.equal(badDepth.status, 400);
    assert.match(badDepth.body.error!.message, /depth: expected a whole number from 1 to 100/);

    // No order follows: the subscriber's book can only be the snapshot.
    const feed = await open(`${proc.url.replace('http', 'ws')}/ws/exchange`);
    feed.ws.send(JSON.stringify({ op: 'subscribe', channels: ['book'], symbols: ['msft'] }));
    await waitFor('a snapshot', () => feed.messages.some((m) => m.type === 'book'));
    const snapshot = feed.messages.find((m) => m.type === 'book')!;
    assert.equal(feed.messages[0]!.type, 'subscribed');
    assert.deepEqual([snapshot.symbol, snapshot.seq, snapshot.bids, snapshot.asks], ['MSFT', deep.body.seq, deep.body.bids, deep.body.asks]);

    // A bad request is answered with an error naming what is wrong; the subscription stands.
    feed.ws.send(JSON.stringify({ op: 'subscribe', channels: ['candles'], symbols: ['MSFT'] }));
    feed.ws.send('{"op":');
    feed.ws.send(JSON.stringify({ op: 'subscribe', channels: ['trades'] }));
    await waitFor('three errors', () => feed.messages.filter((m) => m.type === 'error').length === 3);
    const errors = feed.messages.filter((m) => m.type === 'error').map((m) => m.error!);
    assert.deepEqual(errors.map((e) => e.code), ['INVALID_REQUEST', 'INVALID_JSON', 'INVALID_REQUEST']);
    assert.match(errors[0]!.message, /^channels\.0: .*"trades".*; expected \{"op":"subscribe"/);
    assert.match(errors[2]!.message, /^symbols: required; expected/);
    feed.ws.close();
  });
});
