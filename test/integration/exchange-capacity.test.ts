import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

describe('a full book over HTTP (exchange.maxRestingOrdersPerBook)', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let key = '';
  let bid = 0;
  const place = (fields: Record<string, string>) => fetch(`${proc.url}/api/v1/orders`, {
    method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'alice', symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '1', ...fields }),
  });

  before(async () => {
    proc = await startInProcess({ strategyEngine: { enabled: false }, exchange: { maxRestingOrdersPerBook: 2 } });
    key = await issueKey(proc.config, 'trader');
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    bid = Math.floor(Number((await (await fetch(`${proc.url}/api/v1/market/AAPL`)).json() as { bid: string }).bid));
  });
  after(() => proc.stop());

  it('answers 422 BOOK_FULL naming the limit, keeps taking IOC orders, and counts the refusals', async () => {
    for (const price of [bid - 1, bid - 2]) assert.equal((await place({ price: price.toFixed(2) })).status, 201);
    const full = await place({ price: (bid - 3).toFixed(2) });
    assert.equal(full.status, 422);
    const { error } = await full.json() as { error: { code: string; message: string } };
    assert.equal(error.code, 'BOOK_FULL');
    assert.match(error.message, /AAPL book holds 2 resting orders.*exchange\.maxRestingOrdersPerBook/);

    const ioc = await place({ price: (bid - 3).toFixed(2), time_in_force: 'IOC' });
    assert.equal(ioc.status, 201);
    assert.equal((await ioc.json() as { order: { status: string } }).order.status, 'cancelled');

    const metrics = await (await fetch(`${proc.url}/metrics`)).text();
    assert.match(metrics, /tradewatch_exchange_orders_rejected_total\{reason="BOOK_FULL"\} 1/);
  });
});
