import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appConfigSchema } from '../../src/app/config.js';
import { issueKey } from '../support/api-keys.js';
import { runCli, startCli, tempDir, type RunningCli } from '../support/cli-process.js';
import { waitFor } from '../support/wait-for.js';

interface Failure { service: string; code: string; time: string; runbook: string }

describe('operator CLI: find-trade, investigate-failures, chaos', () => {
  let venue: RunningCli;
  let dataDir = '';
  let viewer = '';
  let operator = '';
  const cli = (args: string[], key = viewer) => runCli(args, { TRADEWATCH_URL: venue.url, TRADEWATCH_API_KEY: key });
  const failures = (...args: string[]) => {
    const r = cli(['investigate-failures', '--json', ...args]);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout) as { failures: Failure[]; causes: { code: string; count: number; runbook: string }[] };
  };

  before(async () => {
    dataDir = tempDir('tw-ops-');
    // The house strategies trade (they are the order flow chaos mode hits).
    venue = await startCli(['--data-dir', dataDir]);
    const config = appConfigSchema.parse({ dataDir });
    [viewer, operator] = [await issueKey(config, 'viewer'), await issueKey(config, 'operator')];
    await waitFor('ready', async () => (await fetch(`${venue.url}/health/ready`)).status === 200, 30_000);
  });
  after(() => venue?.signal('SIGTERM'));

  it('find-trade prints a known trade\'s timeline, ids and log lines; an unknown id is "not found" with exit 1', async () => {
    const tradeId = await waitFor('a trade', async () => {
      const { trades } = await (await fetch(`${venue.url}/api/v1/trades?limit=1`, { headers: { 'x-api-key': viewer } })).json() as { trades: { trade_id: string }[] };
      return trades[0]?.trade_id;
    }, 30_000);
    const r = cli(['find-trade', '--id', tradeId]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^trade ${tradeId}: `));
    assert.match(r.stdout, /timeline:\n/);
    assert.match(r.stdout, /exchange\s+trade\s+trade_id=/);
    assert.match(r.stdout, /TRACE ID/);
    assert.match(r.stdout, /log lines \(\d+\):/);
    const json = JSON.parse(cli(['find_trade', '--id', tradeId, '--json']).stdout) as { timeline: { trade: { trade_id: string } } };
    assert.equal(json.timeline.trade.trade_id, tradeId, 'the underscore alias works');

    const missing = cli(['find-trade', '--id', '987654321']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /trade 987654321 not found/);
    assert.equal(cli(['find-trade', '--id', 'abc']).code, 2, 'a malformed id is a usage error');
  });

  it('investigate-failures --limit 3 prints exactly three failures, grouped by cause with a runbook each', async () => {
    // Three orders far outside the price band: the book rejects them, so there are failures to find.
    for (let i = 0; i < 3; i++) {
      await fetch(`${venue.url}/api/v1/orders`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': operator },
        body: JSON.stringify({ account: 'ops-test', symbol: 'AAPL', side: 'buy', type: 'limit', price: '1.00', quantity: '1' }),
      });
    }
    const json = failures('--limit', '3');
    assert.equal(json.failures.length, 3);
    assert.equal(json.causes.reduce((n, c) => n + c.count, 0), 3);
    assert.ok(json.causes.every((c) => /^docs\/runbooks\/[A-Za-z]+\.md$/.test(c.runbook)));

    const text = cli(['investigate-failures', '--limit', '3']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^3 failure\(s\) by cause:/);
    const listed = text.stdout.split('failures, newest first:\n')[1]!.trim().split('\n').slice(1);
    assert.equal(listed.length, 3, text.stdout);
    assert.match(text.stdout, /read docs\/runbooks\//);
    const exchangeOnly = failures('--limit', '5', '--service', 'exchange', '--since', '10m');
    assert.ok(exchangeOnly.failures.length > 0 && exchangeOnly.failures.every((f) => f.service === 'exchange'));
    assert.equal(cli(['investigate-failures', '--limit', '0']).code, 2);
  });

  it('chaos on brings chaos-caused failures; chaos off brings them to an end; the flag file switches it too', async () => {
    const flag = join(dataDir, 'chaos.flag');
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const failuresBetween = (fromMs: number, toMs: number) =>
      failures('--limit', '1000', '--since', '10m').failures.filter((f) => Date.parse(f.time) >= fromMs && Date.parse(f.time) < toMs);
    // The normal rate, once the books have filled (the first seconds bring bursts of post-only rejections).
    await sleep(10_000);
    const baselineFrom = Date.now();
    await sleep(8000);
    const baseline = failuresBetween(baselineFrom, Date.now());

    const on = cli(['chaos', 'on'], operator);
    assert.equal(on.code, 0, on.stderr);
    assert.match(on.stdout, /chaos mode: ON/);
    assert.ok(existsSync(flag), 'the API writes the flag file');
    assert.equal(cli(['chaos', 'on'], viewer).code, 1, 'a viewer may not switch chaos mode');
    const onAt = Date.now();
    const chaotic = await waitFor('chaos-caused order and settlement failures', () => {
      const codes = new Set(failuresBetween(onAt, Date.now()).map((f) => f.code));
      return codes.has('CHAOS_ORDER_FAULT') && codes.has('CHAOS_SETTLEMENT_FAULT') ? codes : undefined;
    }, 60_000, 1000);
    assert.ok(chaotic.has('CHAOS_ORDER_FAULT'));

    assert.match(cli(['chaos', 'off'], operator).stdout, /chaos mode: OFF/);
    assert.ok(!existsSync(flag), 'off removes the flag file');
    // Orders already waiting out their injected delay may still fail: give them a moment.
    await sleep(1500);
    const offAt = Date.now();
    await sleep(8000);
    const after = failuresBetween(offAt, Date.now());
    assert.deepEqual(after.filter((f) => f.code.startsWith('CHAOS_')), [], 'no chaos-caused failures after chaos off');
    const perSecond = (list: Failure[], ms: number) => list.length / (ms / 1000);
    const normal = perSecond(baseline, 8000);
    assert.ok(perSecond(after, 8000) <= normal * 2 + 1, `the failure rate falls back: ${normal.toFixed(1)}/s before chaos, ${perSecond(after, 8000).toFixed(1)}/s after`);

    writeFileSync(flag, 'by hand\n');
    await waitFor('the flag file turns it on', () => JSON.parse(cli(['chaos', 'status', '--json']).stdout).enabled === true || undefined, 10_000, 500);
    rmSync(flag);
    const status = await waitFor('removing it turns it off', () => {
      const s = JSON.parse(cli(['chaos', 'status', '--json']).stdout) as { enabled: boolean; source: string };
      return s.enabled ? undefined : s;
    }, 10_000, 500);
    assert.equal(status.source, 'flag-file');

    // The switch is on record: its log line is found by the request id (GET /api/v1/logs, as find-trade uses).
    const res = await fetch(`${venue.url}/api/v1/chaos`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': operator, 'x-request-id': 'ops-chaos-logged' }, body: JSON.stringify({ enabled: true }),
    });
    assert.equal(res.status, 200);
    assert.equal(cli(['chaos', 'off'], operator).code, 0);
    const { lines } = await (await fetch(`${venue.url}/api/v1/logs?ids=ops-chaos-logged`, { headers: { 'x-api-key': viewer } })).json() as { lines: { service: string; msg: string }[] };
    assert.ok(lines.some((l) => l.service === 'chaos' && /chaos mode ON/.test(l.msg)), JSON.stringify(lines));
  });
});
