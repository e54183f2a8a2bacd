import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { appConfigSchema } from '../../src/app/config.js';
import { issueKey } from '../support/api-keys.js';
import { startCli, tempDir, type RunningCli } from '../support/cli-process.js';
import { waitFor } from '../support/wait-for.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Runs the real CLI as runCli does, but without blocking this process: the fake gateway below
 * answers from it, and independent commands run side by side (each start costs about 2 s).
 */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

interface BookStatus { symbol: string; halted: boolean; halt_level: number; halt_until: string | null }
interface PositionsJson { strategies: { strategy: string; kill_switch: { engaged: boolean; scope: string | null }; positions: { symbol: string }[] }[] }
interface PnlJson { strategies: { strategy: string; realized: number; unrealized: number; total: number }[]; total: { total: number } }

/** The operator commands, run as the real CLI (a child process) against one running system. */
describe('operator CLI: health, order, book, orders, trades, positions, pnl, kill-switch, halt, resume', () => {
  let proc: RunningCli;
  let operatorKey = '';
  let viewerKey = '';
  let traderKey = '';
  const env = (key: string) => ({ TRADEWATCH_URL: proc.url, TRADEWATCH_API_KEY: key, NO_COLOR: '1' });
  const cli = (args: string[], key = operatorKey) => runCli(args, env(key));
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${proc.url}${path}`, { headers: { 'x-api-key': operatorKey } });
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return res.json() as Promise<T>;
  };
  /** A strategy the risk monitor already tracks (it has sent orders). */
  let strategy = '';

  before(async () => {
    const dataDir = tempDir();
    proc = await startCli(['--data-dir', dataDir]);
    const config = appConfigSchema.parse({ dataDir });
    [operatorKey, viewerKey, traderKey] = [await issueKey(config, 'operator'), await issueKey(config, 'viewer'), await issueKey(config, 'trader')];
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 30_000);
    // The house strategies start trading on their own: wait for orders and for risk to track a strategy.
    await waitFor('strategy orders', async () => (await api<{ orders: unknown[] }>('/api/v1/orders?limit=5')).orders.length > 0, 30_000, 200);
    const names = (await api<{ strategies: { name: string }[] }>('/api/v1/strategies')).strategies.map((s) => s.name);
    strategy = await waitFor('a strategy with a risk snapshot', async () => {
      const risk = await api<{ strategies: { strategy: string }[] }>('/api/v1/risk/positions');
      return names.find((n) => n.startsWith('mm-') && risk.strategies.some((s) => s.strategy === n));
    }, 30_000, 200);
  });
  after(async () => {
    await proc?.signal('SIGTERM');
  });

  it('health: lists every module and dependency check, store and bus OK, exits 0', async () => {
    const [r, json] = await Promise.all([runCli(['health'], { TRADEWATCH_URL: proc.url, TRADEWATCH_API_KEY: '', NO_COLOR: '1' }), cli(['health', '--json'])]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^NAME\s+STATUS\s+LATENCY\s+DETAIL$/m);
    for (const name of ['store', 'bus', 'exchange', 'risk-monitor', 'gateway']) assert.match(r.stdout, new RegExp(`^${name}\\s+OK\\s`, 'm'), name);
    assert.match(r.stdout, /^store\/store \(sqlite\)\s+OK\s+\d+ ms\s/m);
    assert.match(r.stdout, /^bus\/bus \(memory\)\s+OK\s/m);
    assert.match(r.stdout, /^overall: OK \(target all, up \d+ s\)$/m);

    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { status: string; exitCode: number; lines: { name: string; status: string }[] };
    assert.equal(parsed.status, 'OK');
    assert.equal(parsed.exitCode, 0);
    assert.ok(parsed.lines.some((l) => l.name === 'store' && l.status === 'OK'));
  });

  it('orders: a table of the strategies\' orders, filters, JSON and the next page', async () => {
    const [r, json, bad, badBefore] = await Promise.all([
      cli(['orders', '--limit', '20']),
      cli(['orders', '--account', `strat-${strategy}`, '--limit', '5', '--json'], viewerKey),
      cli(['orders', '--limit', '0']),
      cli(['orders', '--before', '0x10']),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ORDER ID\s+TIME\s+ACCOUNT\s+SYMBOL\s+SIDE\s+TYPE\s+PRICE\s+QTY\s+FILLED\s+STATUS\s+REASON$/m);
    assert.match(r.stdout, /^\d+\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+strat-\S+\s+[A-Z-]+\s+(buy|sell)\s+(limit|market)\s/m);

    assert.equal(json.code, 0, json.stderr);
    const { orders } = JSON.parse(json.stdout) as { orders: { account: string }[] };
    assert.ok(orders.length > 0 && orders.length <= 5 && orders.every((o) => o.account === `strat-${strategy}`), json.stdout);

    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--limit/);
    assert.equal(badBefore.code, 2);
    assert.match(badBefore.stderr, /--before/);

    // A full page names where the next one starts; that page holds only older orders.
    const next = /older orders: add --before (\d+)/.exec(r.stderr);
    assert.ok(next, r.stderr);
    const older = await cli(['orders', '--limit', '5', '--before', next[1]!, '--json'], viewerKey);
    assert.equal(older.code, 0, older.stderr);
    const page = JSON.parse(older.stdout) as { orders: { order_id: string }[] };
    assert.ok(page.orders.length > 0 && page.orders.every((o) => Number(o.order_id) < Number(next[1])), older.stdout);
  });

  it('trades: a table of the house strategies\' trades, an account filter, JSON and the next page', async () => {
    await waitFor('a few trades', async () => (await api<{ trades: unknown[] }>('/api/v1/trades?limit=3')).trades.length === 3, 30_000, 200);
    const [r, json, badBefore] = await Promise.all([
      cli(['trades', '--limit', '2'], viewerKey),
      cli(['trades', '--account', `strat-${strategy}`, '--limit', '5', '--json'], viewerKey),
      cli(['trades', '--before', '1e3'], viewerKey),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^TRADE ID\s+TIME\s+SYMBOL\s+PRICE\s+QTY\s+AGGRESSOR\s+BUYER\s+SELLER\s+MAKER ORDER\s+TAKER ORDER$/m);
    assert.match(r.stdout, /^\d+\s+\d{4}-\d\d-\d\dT[\d:.]+Z\s+[A-Z0-9]+(?:-[A-Z0-9]+)*\s+[\d.]+\s+[\d.]+\s+(buy|sell)\s+\S+\s+\S+\s+\d+\s+\d+$/m);
    assert.equal(r.stdout.trim().split('\n').length, 3, 'a header and two trades');

    assert.equal(json.code, 0, json.stderr);
    const { trades } = JSON.parse(json.stdout) as { trades: { buy_account: string; sell_account: string }[] };
    assert.ok(trades.every((t) => t.buy_account === `strat-${strategy}` || t.sell_account === `strat-${strategy}`), json.stdout);

    assert.equal(badBefore.code, 2);
    assert.match(badBefore.stderr, /--before <trade-id>.*expected a trade id/);

    const next = /older trades: add --before (\d+)/.exec(r.stderr);
    assert.ok(next, r.stderr);
    const older = await cli(['trades', '--limit', '2', '--before', next[1]!, '--json'], viewerKey);
    const page = JSON.parse(older.stdout) as { trades: { trade_id: string }[] };
    assert.ok(page.trades.length > 0 && page.trades.every((t) => Number(t.trade_id) < Number(next[1])), older.stdout);
  });

  it('order: place, show, replace and cancel one order (book shows it resting); a refused order exits 1 with the book\'s reason; bad usage exits 2', async () => {
    const market = await api<{ instruments: { symbol: string; quote: { bid: string } | null }[] }>('/api/v1/market');
    const bid = Number(market.instruments.find((i) => i.symbol === 'ETH-USD')!.quote!.bid);
    // Post-only, 1% under the bid: it rests, inside the price band.
    const price = (bid * 0.99).toFixed(2);
    const place = await cli(['order', 'place', '--symbol', 'ETH-USD', '--side', 'buy', '--quantity', '0.5', '--price', price, '--post-only',
      '--account', 'cli-test', '--client-order-id', 'cli-1', '--json'], traderKey);
    assert.equal(place.code, 0, place.stderr);
    const placed = (JSON.parse(place.stdout) as { order: { order_id: string; status: string; price: string } }).order;
    assert.equal(placed.status, 'open');
    assert.equal(placed.price, price);

    // Shown before the replace below changes it.
    const shown = await cli(['order', 'show', placed.order_id], viewerKey);
    const [replaced, again, bothMissing, neither] = await Promise.all([
      cli(['order', 'replace', placed.order_id, '--quantity', '0.2', '--account', 'cli-test'], traderKey),
      cli(['order', 'place', '--symbol', 'ETH-USD', '--side', 'buy', '--quantity', '0.5', '--price', price, '--account', 'cli-test', '--client-order-id', 'cli-1'], traderKey),
      cli(['order', 'replace', placed.order_id], traderKey),
      cli(['order', 'place', '--symbol', 'ETH-USD', '--side', 'buy', '--quantity', '0.5'], traderKey),
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, `order ${placed.order_id} open: buy 0.500 ETH-USD @ ${price} (limit GTC post-only), filled 0.000, account cli-test, client order id cli-1\n`);
    assert.equal(replaced.code, 0, replaced.stderr);
    assert.match(replaced.stdout, new RegExp(`^order ${placed.order_id} open: buy 0.200 ETH-USD @ ${price.replace('.', '\\.')} `));
    assert.equal(again.code, 1, 'a reused client order id is refused');
    assert.match(again.stderr, /client_order_id "cli-1" was already used by order/);
    assert.equal(bothMissing.code, 2);
    assert.match(bothMissing.stderr, /give --price, --quantity or both/);
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /--price <price> for a limit order or --market/);

    // The resting order is a level of the exchange's book (0.2 there, or more if others rest at that price).
    const [book, bookJson, unknownBook] = await Promise.all([
      cli(['book', '--symbol', 'eth-usd', '--depth', '100']), cli(['book', '--symbol', 'ETH-USD', '--depth', '100', '--json']), cli(['book', '--symbol', 'NOPE']),
    ]);
    assert.equal(book.code, 0, book.stderr);
    assert.match(book.stdout, /^ETH-USD on the exchange, seq \d+ at \d{4}-\d\d-\d\dT[\d:.]+Z\nBID QTY\s+BID\s+ASK\s+ASK QTY\n/);
    assert.match(book.stdout, new RegExp(`^\\d+\\.\\d{3}\\s+${price.replace('.', '\\.')}\\s`, 'm'));
    const levels = (JSON.parse(bookJson.stdout) as { bids: string[][] }).bids;
    assert.ok(levels.some(([p, q]) => p === price && Number(q) >= 0.2), bookJson.stdout);
    assert.equal(unknownBook.code, 1);
    assert.match(unknownBook.stderr, /unknown symbol "NOPE"; known: /);

    const far = await cli(['order', 'place', '--symbol', 'ETH-USD', '--side', 'buy', '--quantity', '0.5', '--price', (bid * 1.5).toFixed(2)], traderKey);
    assert.equal(far.code, 1);
    assert.match(far.stderr, /outside the ETH-USD price band/);

    const cancelled = await cli(['order', 'cancel', placed.order_id, '--account', 'cli-test'], traderKey);
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, new RegExp(`^order ${placed.order_id} cancelled: `));
    const twice = await cli(['order', 'cancel', placed.order_id, '--account', 'cli-test'], traderKey);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /is not open/);
  });

  it('positions and pnl: tables per strategy, a TOTAL line, and valid JSON', async () => {
    const [pos, posJsonRun, pnl, pnlJsonRun, unknown] = await Promise.all([
      cli(['positions'], viewerKey), cli(['positions', '--json'], viewerKey),
      cli(['pnl'], viewerKey), cli(['pnl', '--json'], viewerKey), cli(['pnl', '--strategy', 'no-such-strategy'], viewerKey),
    ]);
    assert.equal(pos.code, 0, pos.stderr);
    assert.match(pos.stdout, /^STRATEGY\s+SYMBOL\s+POSITION\s+AVG PRICE\s+UNREALIZED P&L\s+UTILIZATION\s+KILL SWITCH$/m);
    assert.match(pos.stdout, new RegExp(`^${strategy}\\s+[A-Z-]+\\s`, 'm'));
    const posJson = JSON.parse(posJsonRun.stdout) as PositionsJson;
    assert.ok(posJson.strategies.some((s) => s.strategy === strategy));

    assert.equal(pnl.code, 0, pnl.stderr);
    assert.match(pnl.stdout, /^STRATEGY\s+REALIZED\s+UNREALIZED\s+TOTAL\s+DAILY$/m);
    assert.match(pnl.stdout, new RegExp(`^${strategy}\\s+-?[\\d,]+\\.\\d\\d\\s+-?[\\d,]+\\.\\d\\d\\s`, 'm'), 'dollars with 2 decimals');
    const lines = pnl.stdout.trimEnd().split('\n');
    assert.match(lines[lines.length - 1]!, /^TOTAL\s+-?[\d,]+\.\d\d\s+-?[\d,]+\.\d\d\s+-?[\d,]+\.\d\d\s+-?[\d,]+\.\d\d$/);
    const pnlJson = JSON.parse(pnlJsonRun.stdout) as PnlJson;
    assert.ok(pnlJson.strategies.some((s) => s.strategy === strategy));
    assert.equal(typeof pnlJson.total.total, 'number');
    for (const s of pnlJson.strategies) assert.ok(Math.abs(s.realized + s.unrealized - s.total) <= 0.011, JSON.stringify(s));

    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown strategy "no-such-strategy"; known: .*mm-/);
  });

  it('kill-switch: on engages a strategy\'s switch (positions shows it), off releases it; neither or both flags is a usage error', async () => {
    const [neither, both] = await Promise.all([cli(['kill-switch', 'on']), cli(['kill-switch', 'on', '--all', '--strategy', strategy])]);
    assert.equal(neither.code, 2);
    assert.match(neither.stderr, /give exactly one of --strategy <name> .* or --all/);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /not both/);

    const on = await cli(['kill-switch', 'on', '--strategy', strategy, '--reason', 'cli test']);
    assert.equal(on.code, 0, on.stderr);
    assert.match(on.stdout, new RegExp(`^kill switch ${strategy}: ENGAGED$`, 'm'));
    assert.match(on.stdout, new RegExp(`^${strategy}\\s+ENGAGED\\s+\\S+Z\\s+cli test$`, 'm'));
    assert.match(on.stdout, /^global\s+off\s/m);

    const pos = await cli(['positions', '--strategy', strategy]);
    assert.match(pos.stdout, /ENGAGED \(strategy: cli test\)/);
    const risk = await api<{ strategies: { strategy: string; killSwitch: { engaged: boolean } }[] }>(`/api/v1/risk/positions?strategy=${strategy}`);
    assert.equal(risk.strategies[0]?.killSwitch.engaged, true);

    const off = await cli(['kill-switch', 'off', '--strategy', strategy, '--json']);
    assert.equal(off.code, 0, off.stderr);
    const { kill_switches } = JSON.parse(off.stdout) as { kill_switches: { scope: string; engaged: boolean }[] };
    assert.equal(kill_switches.find((k) => k.scope === strategy)?.engaged, false);
    const after = await api<{ strategies: { strategy: string; killSwitch: { engaged: boolean } }[] }>(`/api/v1/risk/positions?strategy=${strategy}`);
    assert.equal(after.strategies[0]?.killSwitch.engaged, false);
  });

  it('halt and resume: the book halts (exchange status shows it) and reopens; a viewer key is refused with the role', async () => {
    const bookOf = async () => (await api<{ books: BookStatus[] }>('/api/v1/exchange/status')).books.find((b) => b.symbol === 'BTC-USD')!;
    const [halt, viewer] = await Promise.all([cli(['halt', '--symbol', 'BTC-USD', '--reason', 'cli test']), cli(['halt', '--symbol', 'ETH-USD'], viewerKey)]);
    assert.equal(halt.code, 0, halt.stderr);
    assert.match(halt.stdout, /^BTC-USD: HALTED/m);
    assert.match(halt.stdout, /^ {2}level: {2}0 \(operator halt\)$/m);
    assert.match(halt.stdout, /^ {2}until: {2}resumed by an operator/m);
    assert.equal((await bookOf()).halted, true);

    assert.equal(viewer.code, 1);
    assert.match(viewer.stderr, /role operator/);
    assert.match(viewer.stderr, /tradewatch keys create --role/);

    const again = await cli(['halt', '--symbol', 'BTC-USD']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already halted/);

    const resume = await cli(['resume', '--symbol', 'btc-usd', '--json']);
    assert.equal(resume.code, 0, resume.stderr);
    const book = JSON.parse(resume.stdout) as BookStatus;
    assert.equal(book.symbol, 'BTC-USD');
    assert.equal(book.halted, false);
    assert.equal((await bookOf()).halted, false);
  });

  it('without a key the message says how to create one; an unreachable gateway is "cannot reach" and health exits 2', async () => {
    const [noKey, down] = await Promise.all([cli(['orders'], ''), runCli(['health', '--url', 'http://127.0.0.1:1'], { TRADEWATCH_API_KEY: '' })]);
    assert.equal(noKey.code, 1);
    assert.match(noKey.stderr, /this needs an API key: create one with "tradewatch keys create --role viewer"/);

    assert.equal(down.code, 2, down.stderr);
    assert.match(down.stderr, /cannot reach the gateway at http:\/\/127\.0\.0\.1:1/);
  });
});

/** health's verdicts on reports the real system does not give on demand: a fake /health. */
describe('operator CLI: health verdicts (degraded, down)', () => {
  let server: Server;
  let answer: { code: number; body: unknown } = { code: 200, body: {} };
  const report = (ready: boolean, status: string, checks: unknown[], state = 'running') => ({
    status, ready, target: 'all', uptime_s: 42,
    modules: [{ name: 'store', level: 0, state: 'running', dependsOn: [], checks: [] }, { name: 'observability', level: 1, state, dependsOn: ['store'], checks }],
  });
  const health = (...args: string[]) => {
    const { port } = server.address() as AddressInfo;
    return runCli(['health', '--url', `http://127.0.0.1:${port}`, ...args], { NO_COLOR: '1' });
  };

  before(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? answer.code : 404, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('a failed optional check (Prometheus) is WARN: degraded, exit 1', async () => {
    answer = { code: 200, body: report(true, 'degraded', [{ name: 'prometheus', ok: false, required: false, detail: 'connection refused' }]) };
    const r = await health();
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^observability\/prometheus\s+WARN\s+-\s+connection refused$/m);
    assert.match(r.stdout, /^overall: DEGRADED \(target all, up 42 s\)$/m);
  });

  it('a failed required check on a 503 answer is FAIL: down, exit 2, also with --json', async () => {
    answer = { code: 503, body: report(false, 'degraded', [{ name: 'store', ok: false, latencyMs: 12.4, detail: 'disk full' }]) };
    const [r, json] = await Promise.all([health(), health('--json')]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /^observability\/store\s+FAIL\s+12 ms\s+disk full$/m);
    assert.match(r.stdout, /^overall: DOWN \(target all, up 42 s, not ready\)$/m);
    assert.equal(json.code, 2);
    const parsed = JSON.parse(json.stdout) as { status: string; exitCode: number; lines: { name: string; status: string }[] };
    assert.deepEqual([parsed.status, parsed.exitCode], ['DOWN', 2]);
    assert.ok(parsed.lines.some((l) => l.name === 'observability/store' && l.status === 'FAIL'));
  });

  it('a module that is not running is FAIL', async () => {
    answer = { code: 503, body: report(false, 'starting', [], 'failed') };
    const r = await health();
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^observability\s+FAIL\s+-\s+failed$/m);
  });
});
