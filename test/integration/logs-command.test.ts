import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { runCli, startCli, tempDir } from '../support/cli-process.js';
import { waitFor } from '../support/wait-for.js';

interface Line { level: string; service: string; msg: string; request_id?: string; trace_id?: string }

describe('tradewatch logs', () => {
  it('finds a request\'s lines across services by request id, trace id, service and time', async () => {
    const dataDir = tempDir('tw-logs-');
    const operator = await issueKey({ dataDir, database: {} }, 'operator');
    const venue = await startCli(['--data-dir', dataDir], { TRADEWATCH_STRATEGY_ENGINE__ENABLED: 'false' });
    try {
      await waitFor('ready', async () => (await fetch(`${venue.url}/health/ready`)).status === 200, 20_000);
      const res = await fetch(`${venue.url}/api/v1/risk/kill-switch`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': operator, 'x-request-id': 'logs-test-1' },
        body: JSON.stringify({ all: true, engaged: true, reason: 'logs test' }),
      });
      assert.equal(res.status, 200);
      const search = (...args: string[]) => runCli(['logs', '--data-dir', dataDir, ...args]);
      const byRequest = await waitFor('the kill switch line', () => {
        const r = search('--request-id', 'logs-test-1', '--json');
        const lines = JSON.parse(r.stdout || '[]') as Line[];
        return lines.length > 0 ? lines : undefined;
      }, 10_000, 250);
      assert.ok(byRequest.every((l) => l.request_id === 'logs-test-1'));
      const kill = byRequest.find((l) => l.service === 'risk-monitor' && /kill switch engaged/.test(l.msg));
      assert.ok(kill, `risk-monitor logged it under the gateway's request id: ${JSON.stringify(byRequest)}`);
      assert.match(kill.trace_id ?? '', /^[0-9a-f]{32}$/);

      const byTrace = JSON.parse(search('--trace-id', kill.trace_id!, '--json').stdout) as Line[];
      assert.ok(byTrace.some((l) => l.msg === kill.msg));
      assert.equal((JSON.parse(search('--request-id', 'logs-test-1', '--service', 'exchange', '--json').stdout) as Line[]).length, 0, 'service filter');
      const text = search('--request-id', 'logs-test-1', '--since', '10m');
      assert.equal(text.code, 0);
      assert.match(text.stdout, /ERROR \[risk-monitor\] kill switch engaged .*request_id=logs-test-1/);
    } finally {
      await venue.signal('SIGTERM');
    }
    const nowhere = runCli(['logs', '--data-dir', tempDir('tw-nologs-')]);
    assert.equal(nowhere.code, 1);
    assert.match(nowhere.stderr, /no log files in/);
    // A bad --limit is bad usage, caught before any file is looked for.
    for (const bad of ['0', '2.5', '100001', 'ten']) {
      const r = runCli(['logs', '--data-dir', tempDir('tw-nologs-'), '--limit', bad]);
      assert.equal(r.code, 2, `--limit ${bad}: ${r.stderr}`);
      assert.match(r.stderr, /--limit <n>.*expected a whole number from 1 to 100000/);
    }
  });

  it('finds the exchange\'s line for each order by its request id: rejections and refusals at info, every order at debug', async () => {
    const dataDir = tempDir('tw-logs-');
    const trader = await issueKey({ dataDir, database: {} }, 'trader');
    const venue = await startCli(['--data-dir', dataDir, '--log-level', 'debug'], { TRADEWATCH_STRATEGY_ENGINE__ENABLED: 'false' });
    try {
      await waitFor('ready', async () => (await fetch(`${venue.url}/health/ready`)).status === 200, 20_000);
      const place = (requestId: string, body: Record<string, unknown>) => fetch(`${venue.url}/api/v1/orders`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': trader, 'x-request-id': requestId },
        body: JSON.stringify({ account: 'alice', symbol: 'AAPL', type: 'limit', quantity: '1', ...body }),
      });
      // A sell far above the market rests; a post-only buy at its price would trade, so the book turns it down.
      const resting = await waitFor('a resting sell (once AAPL has a reference price)', async () => {
        const res = await place('logs-order-sell', { account: 'bob', side: 'sell', price: '195.00' });
        return res.status === 201 ? (await res.json() as { order: { order_id: string } }).order : undefined;
      }, 20_000, 250);
      assert.equal((await place('logs-order-post-only', { side: 'buy', price: '195.00', post_only: true })).status, 422);
      // Refused before any book (not journaled): worth more than exchange.maxOrderNotional.
      assert.equal((await place('logs-order-too-large', { account: 'carol', side: 'buy', price: '190.00', quantity: '100000' })).status, 422);

      const linesOf = (requestId: string) => waitFor(`the exchange's line for ${requestId}`, () => {
        const lines = JSON.parse(runCli(['logs', '--data-dir', dataDir, '--request-id', requestId, '--service', 'exchange', '--json']).stdout || '[]') as (Line & Record<string, unknown>)[];
        return lines.length > 0 ? lines : undefined;
      }, 10_000, 250);
      // An attempt made before AAPL had a reference price may have been turned down under the same request id.
      const accepted = (await linesOf('logs-order-sell')).find((l) => l.order_id === resting.order_id);
      assert.ok(accepted, 'the resting order\'s line');
      assert.equal(accepted.level, 'debug');
      assert.match(accepted.msg, new RegExp(`^order ${resting.order_id} submit: open$`));
      const [rejected] = await linesOf('logs-order-post-only');
      assert.equal(rejected!.level, 'info');
      assert.equal(rejected!.code, 'POST_ONLY_WOULD_TRADE');
      assert.equal(rejected!.account, 'alice');
      assert.match(String(rejected!.order_id), /^\d+$/);
      assert.match(rejected!.msg, /post-only buy at 195\.00 would trade against the best ask 195\.00/);
      assert.match(rejected!.trace_id ?? '', /^[0-9a-f]{32}$/);
      const [refused] = await linesOf('logs-order-too-large');
      assert.deepEqual([refused!.level, refused!.code, refused!.account], ['info', 'ORDER_TOO_LARGE', 'carol']);
      // The runbook's search (OrderRejectSpike) finds it by its text.
      const byText = JSON.parse(runCli(['logs', '--data-dir', dataDir, '--service', 'exchange', '--grep', 'exchange.maxOrderNotional', '--json']).stdout) as (Line & Record<string, unknown>)[];
      assert.deepEqual(byText.map((l) => l.account), ['carol']);
    } finally {
      await venue.signal('SIGTERM');
    }
  });
});
