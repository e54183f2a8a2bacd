import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { needBinary } from '../support/binaries.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

describe('gateway HTTP surface', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${proc.url}${path}`, { headers });

  before(async () => {
    proc = await startInProcess({ database: { url: undefined } });
    await waitFor('ready', async () => (await get('/health/ready')).status === 200);
  });
  after(() => proc.stop());

  it('/health reports every module running with its dependency checks', async () => {
    const res = await get('/health');
    assert.equal(res.status, 200);
    const body = await res.json() as { status: string; ready: boolean; modules: { name: string; state: string; checks: { name: string; ok: boolean }[] }[] };
    assert.equal(body.status, 'ok');
    assert.deepEqual(body.modules.map((m) => m.name).sort(), ['bus', 'chaos', 'custodian', 'exchange', 'gateway', 'market-data', 'observability', 'risk-monitor', 'store', 'strategy-engine']);
    assert.ok(body.modules.every((m) => m.state === 'running'));
    assert.ok(body.modules.find((m) => m.name === 'store')!.checks.some((c) => c.name === 'store (sqlite)' && c.ok));
    assert.equal((await get('/health/live')).status, 200);
  });

  it('/services and /config describe the process', async () => {
    const services = await (await get('/services')).json() as { target: string; running: { name: string; level: number }[] };
    assert.equal(services.target, 'all');
    assert.equal(services.running.find((m) => m.name === 'gateway')!.level, 1);
    const config = await (await get('/config')).json() as { seed: number; marketData: { instruments: unknown[] } };
    assert.equal(config.seed, 42);
    assert.equal(config.marketData.instruments.length, 8);
  });

  it('/metrics exposes process and market-data metrics in Prometheus text format', async () => {
    await waitFor('updates counted', async () => /tradewatch_marketdata_updates_total\{symbol="BTC-USD"\} [1-9]/.test(await (await get('/metrics')).text()));
    const text = await (await get('/metrics')).text();
    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'tradewatch_marketdata_last_price', 'tradewatch_marketdata_feed_lag_seconds_bucket', 'tradewatch_http_requests_total']) {
      assert.match(text, new RegExp(`^${name}`, 'm'), `${name} missing`);
    }
    assert.doesNotMatch(text, /request_id|order_id/, 'no unbounded labels');
  });

  it('/metrics passes promtool check metrics', async (t) => {
    if (!needBinary(t, 'promtool', 'apt-get install prometheus')) return;
    const text = await (await get('/metrics')).text();
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal((r.stdout + r.stderr).trim(), '', 'promtool printed problems');
  });

  it('echoes X-Request-ID and X-Correlation-ID, or generates them', async () => {
    const given = await get('/api/v1/market/BTC-USD', { 'x-request-id': 'req-123', 'x-correlation-id': 'corr-9' });
    assert.equal(given.headers.get('x-request-id'), 'req-123');
    assert.equal(given.headers.get('x-correlation-id'), 'corr-9');
    const generated = await get('/api/v1/market/BTC-USD');
    assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(generated.headers.get('x-correlation-id'), generated.headers.get('x-request-id'));
  });

  it('GET /api/v1/market/:symbol gives L1 and depth as decimals', async () => {
    const body = await (await get('/api/v1/market/btc-usd?depth=5')).json() as { symbol: string; seq: number; bid: string; ask: string; depth: { bids: string[][]; asks: string[][] } };
    assert.equal(body.symbol, 'BTC-USD');
    assert.ok(body.seq >= 1);
    assert.match(body.bid, /^\d+\.\d{2}$/);
    assert.ok(Number(body.bid) < Number(body.ask));
    assert.equal(body.depth.bids.length, 5);
    assert.equal(body.depth.bids[0]![0], body.bid);
    const list = await (await get('/api/v1/market')).json() as { instruments: { symbol: string }[] };
    assert.equal(list.instruments.length, 8);
  });

  it('errors are {"error":{"code","message","request_id"}} with the right status', async () => {
    const unknown = await get('/api/v1/market/DOGE-USD', { 'x-request-id': 'r-404' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(Object.keys((await unknown.json() as { error: object }).error).sort(), ['code', 'message', 'request_id']);
    const badDepth = await get('/api/v1/market/BTC-USD?depth=abc');
    assert.equal(badDepth.status, 400);
    assert.match((await badDepth.json() as { error: { message: string } }).error.message, /depth/);
    const noRoute = await (await get('/api/v1/nothing-here', { 'x-request-id': 'r-1' })).json() as { error: { code: string; request_id: string } };
    assert.deepEqual([noRoute.error.code, noRoute.error.request_id], ['NOT_FOUND', 'r-1']);
  });
});
