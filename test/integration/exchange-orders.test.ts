import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface OrderView { order_id: string; status: string; filled_quantity: string; remaining_quantity: string; price: string | null; reason: string | null; request_id: string | null }
interface ErrorBody { error: { code: string; message: string; request_id: string } }

describe('exchange order entry over HTTP', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let mid = 0;
  let key = '';
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${proc.url}${path}`, { method, headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const order = (over: Record<string, unknown> = {}) => ({ account: 'alice', symbol: 'AAPL', side: 'buy', type: 'limit', price: (mid - 1).toFixed(2), quantity: '10', ...over });

  before(async () => {
    // The house strategies stay out of the books, so every trade here is the test's own.
    proc = await startInProcess({ strategyEngine: { enabled: false } });
    key = await issueKey(proc.config, 'trader');
    await waitFor('ready', async () => (await call('GET', '/health/ready')).status === 200);
    const quote = await (await call('GET', '/api/v1/market/AAPL')).json() as { bid: string; ask: string };
    mid = Math.round((Number(quote.bid) + Number(quote.ask)) / 2);
    await waitFor('reference price set', async () => {
      const s = await (await call('GET', '/api/v1/exchange/status')).json() as { books: { symbol: string; reference_price: string | null }[] };
      return s.books.find((b) => b.symbol === 'AAPL')!.reference_price !== null;
    });
  });
  after(() => proc.stop());

  it('acknowledges a resting order with 201 and finds it again', async () => {
    const res = await call('POST', '/api/v1/orders', order({ client_order_id: 'c-rest' }), { 'x-request-id': 'req-rest' });
    assert.equal(res.status, 201);
    const { order: o } = await res.json() as { order: OrderView };
    assert.equal(o.status, 'open');
    assert.equal(o.remaining_quantity, '10');
    assert.equal(o.request_id, 'req-rest', 'request id persisted with the order');
    const fetched = await (await call('GET', `/api/v1/orders/${o.order_id}`)).json() as { order: OrderView };
    assert.equal(fetched.order.order_id, o.order_id);
    const list = await (await call('GET', '/api/v1/orders?account=alice&status=open')).json() as { orders: OrderView[] };
    assert.ok(list.orders.some((x) => x.order_id === o.order_id));
  });

  it('matches a crossing order, records the trade, and fills both sides', async () => {
    const maker = await (await call('POST', '/api/v1/orders', order({ account: 'bob', side: 'sell', price: (mid + 2).toFixed(2), quantity: '5' }))).json() as { order: OrderView };
    const taker = await (await call('POST', '/api/v1/orders', order({ account: 'carol', side: 'buy', price: (mid + 2).toFixed(2), quantity: '5' }))).json() as { order: OrderView; trades: { price: string; quantity: string; maker_order_id: string }[] };
    assert.equal(taker.order.status, 'filled');
    assert.equal(taker.trades.length, 1);
    assert.deepEqual([taker.trades[0]!.price, taker.trades[0]!.quantity, taker.trades[0]!.maker_order_id], [(mid + 2).toFixed(2), '5', maker.order.order_id]);
    const trades = await (await call('GET', '/api/v1/trades?symbol=AAPL')).json() as { trades: { maker_order_id: string }[] };
    assert.ok(trades.trades.some((t) => t.maker_order_id === maker.order.order_id));
    const makerNow = await (await call('GET', `/api/v1/orders/${maker.order.order_id}`)).json() as { order: OrderView };
    assert.equal(makerNow.order.status, 'filled');
  });

  it('cancels and replaces', async () => {
    const { order: o } = await (await call('POST', '/api/v1/orders', order())).json() as { order: OrderView };
    const replaced = await (await call('PATCH', `/api/v1/orders/${o.order_id}`, { account: 'alice', price: (mid - 3).toFixed(2) })).json() as { order: OrderView };
    assert.equal(replaced.order.price, (mid - 3).toFixed(2));
    // As clients that label every request as JSON send it: an empty body with a JSON content type.
    const cancelled = await (await call('DELETE', `/api/v1/orders/${o.order_id}?account=alice`, undefined, { 'content-type': 'application/json' })).json() as { order: OrderView };
    assert.equal(cancelled.order.status, 'cancelled');
    const again = await call('DELETE', `/api/v1/orders/${o.order_id}?account=alice`);
    assert.equal(again.status, 404);
  });

  it('deduplicates client order ids per account', async () => {
    assert.equal((await call('POST', '/api/v1/orders', order({ client_order_id: 'dup-1' }))).status, 201);
    const dup = await call('POST', '/api/v1/orders', order({ client_order_id: 'dup-1' }));
    assert.equal(dup.status, 409);
    assert.equal((await dup.json() as ErrorBody).error.code, 'DUPLICATE_CLIENT_ORDER_ID');
    assert.equal((await call('POST', '/api/v1/orders', order({ account: 'other', client_order_id: 'dup-1' }))).status, 201, 'another account may reuse it');
  });

  it('a post-only order that would trade is rejected by the book with 422, its code and the price it would have traded at', async () => {
    await call('POST', '/api/v1/orders', order({ account: 'bob', side: 'sell', price: (mid + 1).toFixed(2) }));
    const res = await call('POST', '/api/v1/orders', order({ price: (mid + 1).toFixed(2), post_only: true }));
    assert.equal(res.status, 422);
    const { error } = await res.json() as ErrorBody;
    assert.equal(error.code, 'POST_ONLY_WOULD_TRADE');
    assert.match(error.message, /post-only buy at \d+\.\d{2} would trade against the best ask \d+\.\d{2}; price it below that to rest/);
  });

  it('takes a market order as IOC: it fills against the book and its rest is cancelled', async () => {
    await call('POST', '/api/v1/orders', order({ account: 'bob', side: 'sell', price: (mid + 4).toFixed(2), quantity: '3' }));
    const res = await call('POST', '/api/v1/orders', order({ account: 'dave', type: 'market', price: undefined, quantity: '1000' }));
    assert.equal(res.status, 201);
    const { order: o, trades } = await res.json() as { order: OrderView & { time_in_force: string; post_only: boolean }; trades: unknown[] };
    assert.ok(trades.length >= 1, 'it traded');
    assert.deepEqual([o.status, o.reason, o.time_in_force, o.post_only], ['cancelled', 'market-remainder', 'IOC', false]);
    assert.equal(Number(o.filled_quantity) + Number(o.remaining_quantity), 1000);
  });

  for (const [name, body, field, status] of [
    ['zero quantity', { quantity: '0' }, 'quantity: must be greater than zero', 400],
    ['negative quantity', { quantity: '-5' }, 'quantity: must be greater than zero', 400],
    ['unknown symbol', { symbol: 'DOGE-USD' }, 'symbol', 400],
    ['price off the tick grid', { price: '100.005' }, 'price', 400],
    ['price too large for any book', { price: '99999999999999999999' }, 'price', 400],
    ['missing side', { side: undefined }, 'side: required', 400],
    ['wrongly typed post_only', { post_only: 'yes' }, 'post_only', 400],
    ['unknown field', { colour: 'red' }, 'colour', 400],
    ['a market order with a price', { type: 'market' }, 'price: a market order takes no price', 400],
    ['a market order marked GTC', { type: 'market', price: undefined, time_in_force: 'GTC' }, 'time_in_force: a market order is IOC', 400],
    ['a market order marked FOK', { type: 'market', price: undefined, time_in_force: 'FOK' }, 'not FOK; for all or nothing, send a limit order with FOK', 400],
    ['a post-only market order', { type: 'market', price: undefined, post_only: true }, 'post_only: a market order takes liquidity', 400],
    ['an order worth more than 10,000,000', { quantity: '100000' }, 'quantity: the order is worth [0-9,.]+, more than one AAPL order may be, 10,000,000 \\(exchange.maxOrderNotional\\)', 422],
  ] as const) {
    it(`rejects ${name} with ${status} naming "${field}"`, async () => {
      const res = await call('POST', '/api/v1/orders', order(body as Record<string, unknown>));
      assert.equal(res.status, status);
      const err = await res.json() as ErrorBody;
      assert.match(err.error.message, new RegExp(field));
      assert.ok(err.error.request_id);
    });
  }

  it('rejects invalid JSON, a non-object and a body over 64 KB, and keeps serving', async () => {
    const bad = await call('POST', '/api/v1/orders', '{"symbol":');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json() as ErrorBody).error.code, 'INVALID_JSON');
    assert.equal((await call('POST', '/api/v1/orders', '[1,2]')).status, 400);
    const big = await call('POST', '/api/v1/orders', JSON.stringify({ ...order(), pad: 'x'.repeat(70 * 1024) }));
    assert.equal(big.status, 413);
    assert.equal((await big.json() as ErrorBody).error.code, 'BODY_TOO_LARGE');
    assert.equal((await call('GET', '/health/ready')).status, 200);
  });

  it('pages orders and trades newest first with before= and next_before', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await (await call('POST', '/api/v1/orders', order({ account: 'pager' }))).json() as { order: OrderView }).order.order_id);
    type Page = { orders: OrderView[]; next_before: string | null };
    const first = await (await call('GET', '/api/v1/orders?account=pager&limit=2')).json() as Page;
    assert.deepEqual(first.orders.map((o) => o.order_id), [ids[2], ids[1]]);
    assert.equal(first.next_before, ids[1]);
    const second = await (await call('GET', `/api/v1/orders?account=pager&limit=2&before=${first.next_before}`)).json() as Page;
    assert.deepEqual(second.orders.map((o) => o.order_id), [ids[0]]);
    assert.equal(second.next_before, null, 'a page that is not full is the last');

    const trades = await (await call('GET', '/api/v1/trades?symbol=AAPL&limit=1')).json() as { trades: { trade_id: string }[]; next_before: string | null };
    assert.equal(trades.next_before, trades.trades[0]!.trade_id);
    const older = await (await call('GET', `/api/v1/trades?symbol=AAPL&limit=1000&before=${trades.next_before}`)).json() as { trades: { trade_id: string }[] };
    assert.ok(older.trades.every((t) => Number(t.trade_id) < Number(trades.next_before)));

    const bad = await call('GET', '/api/v1/orders?before=0x10');
    assert.equal(bad.status, 400);
    assert.match((await bad.json() as ErrorBody).error.message, /before: expected an id/);

    // A symbol filter in any case; a typo is a 400 naming the known symbols, not an empty page.
    const lower = await (await call('GET', '/api/v1/trades?symbol=aapl&limit=1')).json() as { trades: { trade_id: string }[] };
    assert.deepEqual(lower.trades.map((t) => t.trade_id), trades.trades.map((t) => t.trade_id));
    for (const path of ['/api/v1/orders?symbol=APPL', '/api/v1/trades?symbol=APPL']) {
      const typo = await call('GET', path);
      assert.equal(typo.status, 400, path);
      const { error } = await typo.json() as ErrorBody;
      assert.equal(error.code, 'UNKNOWN_SYMBOL');
      assert.match(error.message, /^symbol: unknown symbol "APPL"; known: .*AAPL/);
    }
  });

  it('takes order ids in decimal digits only', async () => {
    for (const id of ['0x10', '1e3', '-1', '1.5', ' 12']) {
      const res = await call('GET', `/api/v1/orders/${encodeURIComponent(id)}`);
      assert.equal(res.status, 400, id);
      assert.match((await res.json() as ErrorBody).error.message, /order id must be a positive whole number/);
    }
  });

  it('counts orders and rejections in metrics, never with order ids as labels', async () => {
    const text = await (await call('GET', '/metrics')).text();
    assert.match(text, /tradewatch_exchange_orders_accepted_total\{symbol="AAPL"\} [1-9]/);
    assert.match(text, /tradewatch_exchange_orders_rejected_total\{reason="POST_ONLY_WOULD_TRADE"\} 1/);
    assert.match(text, /tradewatch_exchange_order_ack_duration_seconds_bucket/);
    assert.doesNotMatch(text, /order_id=/);
  });
});
