import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueKey } from '../support/api-keys.js';
import { runCli, startCli, tempDir } from '../support/cli-process.js';
import { waitFor } from '../support/wait-for.js';

const IN_WORKER = { TRADEWATCH_EXCHANGE__THREAD: 'worker' };
const ready = async (url: string) => waitFor('ready', async () => (await fetch(`${url}/health/ready`)).status === 200, 20_000);
const received = (metrics: string) => Number(/^tradewatch_exchange_orders_received_total\{command="submit"\} (\d+)/m.exec(metrics)?.[1] ?? 0);

describe('the exchange in a worker thread (exchange.thread worker)', () => {
  it('trades with the whole venue, serves its metrics and health with the process\'s, logs to the process\'s log, and stops cleanly', async () => {
    const dataDir = tempDir('tw-thread-');
    const key = await issueKey({ dataDir, database: {} }, 'trader');
    const venue = await startCli(['--data-dir', dataDir], IN_WORKER);
    try {
      await ready(venue.url);
      const quote = await (await fetch(`${venue.url}/api/v1/market/BTC-USD`)).json() as { bid: string };
      const placed = await fetch(`${venue.url}/api/v1/orders`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: JSON.stringify({ symbol: 'BTC-USD', side: 'buy', price: (Number(quote.bid) * 0.99).toFixed(2), quantity: '0.01' }),
      });
      assert.equal(placed.status, 201);
      const { order } = await placed.json() as { order: { order_id: string } };
      const found = await fetch(`${venue.url}/api/v1/orders/${order.order_id}`, { headers: { 'x-api-key': key } });
      assert.equal(found.status, 200);

      // The house strategies trade through risk and the bus into the worker, beside the test's order.
      const metrics = await waitFor('the strategies\' orders', async () => {
        const text = await (await fetch(`${venue.url}/metrics`)).text();
        return received(text) > 10 ? text : undefined;
      }, 20_000);
      const families = [...metrics.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]);
      assert.deepEqual(families.filter((f, i) => families.indexOf(f) !== i), [], 'each family once: process metrics from the main thread, bus metrics from the host side');
      assert.ok(families.includes('tradewatch_exchange_order_ack_duration_seconds') && families.includes('process_cpu_seconds_total'));
      const openMetrics = await (await fetch(`${venue.url}/metrics`, { headers: { accept: 'application/openmetrics-text' } })).text();
      assert.equal(openMetrics.match(/^# EOF$/gm)?.length, 1, 'one exposition');
      assert.ok(openMetrics.endsWith('# EOF\n'));

      const health = await (await fetch(`${venue.url}/health`)).json() as { modules: { name: string; checks: { name: string; ok: boolean }[] }[] };
      assert.deepEqual(health.modules.find((m) => m.name === 'exchange')?.checks.map((c) => [c.name, c.ok]), [['exchange journal', true]]);
    } finally {
      const stopped = await venue.signal('SIGTERM');
      assert.equal(stopped.code, 0, venue.output());
    }
    const lines = venue.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: string; msg: string; thread?: string });
    assert.deepEqual(lines.filter((l) => l.level !== 'info' && l.level !== 'debug'), [], 'no warning from start to stop');
    assert.ok(lines.some((l) => l.thread === 'worker' && /^exchange recovered/.test(l.msg)), 'the worker\'s lines reach stdout');
    const logDir = join(dataDir, 'logs');
    const logged = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8')).join('');
    assert.match(logged, /"thread":"worker".*"msg":"exchange recovered/, 'and the log file');
  });

  it('is refused with a simulated clock, which only the main thread has', () => {
    const r = runCli(['config', 'verify'], { ...IN_WORKER, TRADEWATCH_CLOCK__MODE: 'sim' });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /exchange\.thread: worker needs clock\.mode real/);
  });
});
