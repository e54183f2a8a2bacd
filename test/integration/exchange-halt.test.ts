import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

/** A book in GET /api/v1/exchange/status and the halt and resume answers: prices are decimals, as everywhere in the API. */
interface BookStatus { symbol: string; halted: boolean; halt_level: number; halt_until: string | null; reference_price: string | null; resting_orders: number }
interface ErrorBody { error: { code: string; message: string; request_id: string } }

/** The house strategies stay out of the books, so every order here is the test's own. */
const NO_STRATEGIES = { strategyEngine: { enabled: false } };

describe('operator trading halts over HTTP', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let operatorKey = '';
  let traderKey = '';
  const mids = new Map<string, number>();
  const call = (key: string, method: string, path: string, body?: unknown) =>
    fetch(`${proc.url}${path}`, { method, headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const operator = (path: string, body: unknown) => call(operatorKey, 'POST', path, body);
  const book = async (symbol: string) => {
    const s = await (await call(traderKey, 'GET', '/api/v1/exchange/status')).json() as { books: BookStatus[] };
    return s.books.find((b) => b.symbol === symbol)!;
  };
  /** A buy 1% under the mid: rests, never trips a breaker. */
  const placeBuy = (symbol: string) => call(traderKey, 'POST', '/api/v1/orders', { account: 'alice', symbol, side: 'buy', type: 'limit', price: (mids.get(symbol)! * 0.99).toFixed(2), quantity: '1' });

  /** Waits until the process serves and the exchange has reference prices for the books used here. */
  async function ready(): Promise<void> {
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    for (const symbol of ['AAPL', 'MSFT']) {
      const quote = await (await call(traderKey, 'GET', `/api/v1/market/${symbol}`)).json() as { bid: string; ask: string };
      mids.set(symbol, Math.round((Number(quote.bid) + Number(quote.ask)) / 2));
      await waitFor(`${symbol} reference price set`, async () => (await book(symbol)).reference_price !== null);
    }
  }

  before(async () => {
    proc = await startInProcess(NO_STRATEGIES);
    operatorKey = await issueKey(proc.config, 'operator');
    traderKey = await issueKey(proc.config, 'trader');
    await ready();
  });
  after(() => proc.stop());

  it('a trader key may not halt or resume (403)', async () => {
    for (const path of ['/api/v1/exchange/halt', '/api/v1/exchange/resume']) {
      const res = await call(traderKey, 'POST', path, { symbol: 'AAPL' });
      assert.equal(res.status, 403);
      assert.equal((await res.json() as ErrorBody).error.code, 'FORBIDDEN');
    }
    assert.equal((await book('AAPL')).halted, false);
  });

  it('halts one book until resumed: status shows an operator halt, its orders get 422 BOOK_HALTED, other books trade', async () => {
    const resting = await placeBuy('AAPL');
    assert.equal(resting.status, 201);
    const { order } = await resting.json() as { order: { order_id: string } };

    const res = await operator('/api/v1/exchange/halt', { symbol: 'aapl', reason: 'news pending' });
    assert.equal(res.status, 200);
    const answered = await res.json() as BookStatus;
    assert.deepEqual([answered.symbol, answered.halted, answered.halt_level, answered.halt_until], ['AAPL', true, 0, null]);

    const status = await book('AAPL');
    assert.deepEqual([status.halted, status.halt_level, status.halt_until], [true, 0, null]);
    assert.ok(status.resting_orders >= 1, 'resting orders stay in a halted book');
    assert.match(status.reference_price!, /^\d+\.\d{2}$/, 'the reference price is a decimal on the tick grid');
    assert.ok(Math.abs(Number(status.reference_price) - mids.get('AAPL')!) / mids.get('AAPL')! < 0.05, `reference price ${status.reference_price} is near the mid`);

    const refused = await placeBuy('AAPL');
    assert.equal(refused.status, 422);
    const err = await refused.json() as ErrorBody;
    assert.equal(err.error.code, 'BOOK_HALTED');
    assert.ok(err.error.request_id);
    assert.equal((await placeBuy('MSFT')).status, 201, 'other symbols still trade');
    assert.equal((await call(traderKey, 'DELETE', `/api/v1/orders/${order.order_id}?account=alice`)).status, 200, 'cancels are accepted while halted');

    const again = await operator('/api/v1/exchange/halt', { symbol: 'AAPL' });
    assert.equal(again.status, 409);
    assert.equal((await again.json() as ErrorBody).error.code, 'BOOK_HALTED');

    const metrics = await (await call(traderKey, 'GET', '/metrics')).text();
    assert.match(metrics, /tradewatch_exchange_trading_halted\{symbol="AAPL"\} 1/);
    assert.match(metrics, /tradewatch_exchange_trading_halted\{symbol="MSFT"\} 0/);
    assert.match(metrics, /tradewatch_exchange_halts_total\{symbol="AAPL",level="0"\} 1/);
  });

  it('the halt survives a restart with the same data dir: it is journaled', async () => {
    const { dataDir } = proc.config;
    await proc.stop();
    proc = await startInProcess({ ...NO_STRATEGIES, dataDir });
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    const status = await book('AAPL');
    assert.deepEqual([status.halted, status.halt_level, status.halt_until], [true, 0, null]);
    assert.equal((await book('MSFT')).halted, false);
    await ready();
    assert.equal((await placeBuy('AAPL')).status, 422);
  });

  it('resume reopens the book; resuming an open book is 409 BOOK_NOT_HALTED', async () => {
    const res = await operator('/api/v1/exchange/resume', { symbol: 'AAPL' });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json() as BookStatus).halted, false);
    assert.equal((await book('AAPL')).halted, false);
    assert.equal((await placeBuy('AAPL')).status, 201);

    const again = await operator('/api/v1/exchange/resume', { symbol: 'AAPL' });
    assert.equal(again.status, 409);
    const err = await again.json() as ErrorBody;
    assert.equal(err.error.code, 'BOOK_NOT_HALTED');
    assert.match(err.error.message, /AAPL/);
    const metrics = await (await call(traderKey, 'GET', '/metrics')).text();
    assert.match(metrics, /tradewatch_exchange_trading_halted\{symbol="AAPL"\} 0/);
  });

  it('refuses an unknown symbol with 400 UNKNOWN_SYMBOL naming the known ones, and malformed bodies with 400', async () => {
    const res = await operator('/api/v1/exchange/halt', { symbol: 'DOGE-USD' });
    assert.equal(res.status, 400);
    const err = await res.json() as ErrorBody;
    assert.equal(err.error.code, 'UNKNOWN_SYMBOL');
    assert.match(err.error.message, /DOGE-USD/);
    assert.match(err.error.message, /AAPL/);
    for (const body of [{}, { symbol: 'AAPL', halted: true }, { symbol: 'AAPL', reason: 'x'.repeat(201) }]) {
      const bad = await operator('/api/v1/exchange/halt', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal((await bad.json() as ErrorBody).error.code, 'INVALID_REQUEST');
    }
  });

  it('lists the codes in the error catalogue and the routes in the API description', async () => {
    const { codes } = await (await call(traderKey, 'GET', '/api/v1/error-codes')).json() as { codes: Record<string, string> };
    for (const code of ['BOOK_HALTED', 'BOOK_NOT_HALTED', 'UNKNOWN_SYMBOL']) assert.ok(codes[code], code);
    const docs = await (await call(traderKey, 'GET', '/api/docs')).json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    for (const path of ['/api/v1/exchange/halt', '/api/v1/exchange/resume']) assert.ok(docs.paths[path]?.post?.requestBody, path);
  });
});
