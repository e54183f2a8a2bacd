import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import WebSocket from 'ws';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Random requests to the exchange's API (orders, listings, its feeds), most of them malformed,
 * against the real gateway and exchange: every one must get an answer that is a success or names
 * what is wrong (4xx, never 5xx), and the process must keep serving. Values are drawn near the edges (decimals with too many places, huge and
 * negative numbers, wrong types, unknown symbols, very long text) as well as at random.
 */
const decimalText = fc.oneof(
  fc.constantFrom('0', '-1', '1', '0.5', '1e3', '1.', '.5', '00.10', '99999999999999999999', '1,5', ' 1', 'NaN', 'Infinity', '0x10', ''),
  fc.tuple(fc.integer({ min: -1000, max: 1_000_000 }), fc.nat({ max: 999_999 })).map(([i, f]) => `${i}.${f}`),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  decimalText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 200, maxLength: 400 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const fieldValues: Record<string, fc.Arbitrary<unknown>> = {
  account: fc.oneof(fc.constantFrom('fuzz-a', 'fuzz-b'), anyValue),
  symbol: fc.oneof(fc.constantFrom('AAPL', 'BTC-USD', 'aapl', 'NOPE'), anyValue),
  side: fc.oneof(fc.constantFrom('buy', 'sell', 'BUY'), anyValue),
  type: fc.oneof(fc.constantFrom('limit', 'market', 'stop'), anyValue),
  price: fc.oneof(decimalText, anyValue),
  quantity: fc.oneof(decimalText, anyValue),
  time_in_force: fc.oneof(fc.constantFrom('GTC', 'IOC', 'FOK', 'DAY'), anyValue),
  post_only: fc.oneof(fc.boolean(), anyValue),
  client_order_id: fc.oneof(fc.string({ maxLength: 12 }), anyValue),
  __proto__: fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 1 }),
  extra: anyValue,
};
/** An object with any subset of an order's fields (and a few it does not have), each maybe wrong. */
const orderBody = fc.record(fieldValues, { requiredKeys: [] });
const orderIdText = fc.oneof(fc.constantFrom('1', '0', '-1', '1.5', 'abc', '99999999999999999999', '%00', 'null'), fc.nat().map(String));

interface Answer { status: number; body: unknown }

describe('exchange API (orders, listings, feeds) under random and malformed requests', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let key = '';
  const call = async (method: string, path: string, body?: string): Promise<Answer> => {
    const res = await fetch(`${proc.url}${path}`, { method, headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) as unknown };
  };
  /** A 4xx names its error; nothing is a 5xx. */
  const assertAnswered = (what: string, a: Answer) => {
    assert.ok(a.status < 500, `${what} -> ${a.status} ${JSON.stringify(a.body)}`);
    if (a.status >= 400) {
      const error = (a.body as { error?: { code?: unknown; message?: unknown } }).error;
      assert.equal(typeof error?.code, 'string', `${what}: an error code`);
      assert.ok(typeof error?.message === 'string' && error.message.length > 0, `${what}: an error message`);
    }
  };

  before(async () => {
    proc = await startInProcess({ strategyEngine: { enabled: false } });
    key = await issueKey(proc.config, 'trader');
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    await waitFor('reference prices set', async () => {
      const s = await (await call('GET', '/api/v1/exchange/status')).body as { books: { reference_price: string | null }[] };
      return s.books.every((b) => b.reference_price !== null);
    });
  });
  after(() => proc.stop());

  it('POST, PATCH and DELETE of random bodies and ids are each answered with a success or a named 4xx', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        orderBody.map((b) => ['POST', '/api/v1/orders', JSON.stringify(b)] as const),
        fc.tuple(orderIdText, orderBody).map(([id, b]) => ['PATCH', `/api/v1/orders/${encodeURIComponent(id)}`, JSON.stringify(b)] as const),
        fc.tuple(orderIdText, fc.constantFrom('', '?account=fuzz-a', '?account=')).map(([id, q]) => ['DELETE', `/api/v1/orders/${encodeURIComponent(id)}${q}`, undefined] as const),
        fc.string({ maxLength: 30 }).map((raw) => ['POST', '/api/v1/orders', raw] as const),
      ),
      async ([method, path, body]) => assertAnswered(`${method} ${path} ${body ?? ''}`, await call(method, path, body)),
    ), { numRuns: 400, seed: 7 });
    assert.equal((await call('GET', '/health/ready')).status, 200, 'still ready');
  });

  it('listings with random query parameters are each answered with a success or a named 4xx', async () => {
    const param = fc.tuple(fc.constantFrom('account', 'symbol', 'status', 'limit', 'before', 'depth', 'x'), fc.oneof(fc.string({ maxLength: 8 }), orderIdText, fc.constantFrom('open', 'AAPL', '0', '-5', '1000000')));
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('/api/v1/orders', '/api/v1/trades', '/api/v1/exchange/book/AAPL', '/api/v1/exchange/book/NOPE'), fc.array(param, { maxLength: 3 }),
      async (path, params) => {
        const query = new URLSearchParams(params.map(([k, v]) => [k, v])).toString();
        assertAnswered(`GET ${path}?${query}`, await call('GET', `${path}?${query}`));
      },
    ), { numRuns: 200, seed: 11 });
  });

  it('/ws/orders answers every random message with an ack or a named error, and the connection stays open', async () => {
    const ws = new WebSocket(`${proc.url.replace('http', 'ws')}/ws/orders`, { headers: { 'x-api-key': key } });
    const answers: { type: string; req_id: unknown; error?: { code?: unknown; message?: unknown } }[] = [];
    ws.on('message', (d) => answers.push(JSON.parse(d.toString()) as (typeof answers)[number]));
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const messages = fc.sample(fc.oneof(
      fc.tuple(fc.constantFrom('new', 'cancel', 'replace', 'amend', 7), orderBody, fc.option(orderIdText)).map(([op, b, id]) => ({ ...b, op, ...(id === null ? {} : { order_id: id }) })),
      fc.string({ maxLength: 30 }),
    ), { numRuns: 400, seed: 5 });
    messages.forEach((m, i) => ws.send(typeof m === 'string' ? m : JSON.stringify({ ...m, req_id: `f${i}` })));
    await waitFor('every message answered', () => answers.length === messages.length);
    for (const a of answers) {
      assert.ok(a.type === 'ack' || a.type === 'error', JSON.stringify(a));
      if (a.type === 'error') {
        assert.notEqual(a.error?.code, 'INTERNAL', JSON.stringify(a));
        assert.ok(typeof a.error?.message === 'string' && a.error.message.length > 0, JSON.stringify(a));
      }
    }
    assert.equal(ws.readyState, WebSocket.OPEN);
    ws.close();
  });

  it('/ws/exchange and /ws/market answer random messages with data or a named error, and stay open', async () => {
    const subscribe = fc.record({
      op: fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'snapshot'), anyValue),
      channels: fc.oneof(fc.constant(['trades', 'book']), fc.array(fc.constantFrom('trades', 'book', 'quotes'), { maxLength: 2 }), anyValue),
      symbols: fc.oneof(fc.constant(['AAPL']), fc.array(fc.constantFrom('AAPL', 'NOPE', ''), { maxLength: 2 }), anyValue),
      symbol: fc.oneof(fc.constantFrom('AAPL', 'NOPE'), anyValue),
    }, { requiredKeys: [] });
    const messages = fc.sample(fc.oneof(subscribe.map((m) => JSON.stringify(m)), fc.string({ maxLength: 30 })), { numRuns: 150, seed: 3 });
    for (const path of ['/ws/exchange', '/ws/market']) {
      const ws = new WebSocket(`${proc.url.replace('http', 'ws')}${path}`);
      const errors: { code?: unknown; message?: unknown }[] = [];
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { type: string; error?: { code?: unknown; message?: unknown } };
        if (m.type === 'error') errors.push(m.error ?? {});
      });
      await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
      for (const m of messages) ws.send(m);
      // A request that is answered after all the random ones: every one before it was handled.
      ws.send(JSON.stringify({ op: 'subscribe', channels: ['trades'], symbols: ['LAST-MESSAGE'] }));
      await waitFor(`${path}: the last request answered`, () => errors.some((e) => String(e.message).includes('LAST-MESSAGE')));
      for (const e of errors) {
        assert.notEqual(e.code, 'INTERNAL', `${path}: ${JSON.stringify(e)}`);
        assert.ok(typeof e.message === 'string' && e.message.length > 0, `${path}: ${JSON.stringify(e)}`);
      }
      assert.equal(ws.readyState, WebSocket.OPEN, path);
      ws.close();
    }
  });
});
