import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface Step { service: string; step: string; detail: Record<string, unknown> }
interface Timeline { trade: { trade_id: string; symbol: string }; orders: unknown[]; settlement: { state: string; reason: string | null } | null; timeline: Step[] }
interface Failure { service: string; code: string; message: string; time: string; ids: Record<string, unknown> }

describe('the trading loop, live', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let viewer = '';
  let operator = '';
  const get = async <T>(path: string, key = viewer) => {
    const res = await fetch(`${proc.url}${path}`, { headers: { 'x-api-key': key } });
    assert.equal(res.status, 200, `${path}: ${res.status} ${await res.clone().text()}`);
    return await res.json() as T;
  };
  const post = (path: string, body: unknown, key = operator) =>
    fetch(`${proc.url}${path}`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  /** Settled trades with a strategy on at least one side: their timelines have every step. */
  const tradesOf = async (symbol: string) => (await get<{ trades: { trade_id: string; buy_account: string; sell_account: string }[] }>(`/api/v1/trades?symbol=${symbol}&limit=200`)).trades;

  before(async () => {
    // Settlement retries quickly here so a failure becomes final within the test.
    proc = await startInProcess({ custodian: { retryDelayMs: 200, maxAttempts: 2 } });
    viewer = await issueKey(proc.config, 'viewer');
    operator = await issueKey(proc.config, 'operator');
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 20_000);
  });
  after(() => proc.stop());

  it('strategies trade on every instrument within 30 s, P&L moves and settlements progress', async () => {
    const symbols = proc.config.marketData.instruments.map((i) => i.symbol);
    await waitFor('trades on every instrument', async () => {
      for (const s of symbols) if ((await tradesOf(s)).length === 0) return false;
      return true;
    }, 30_000, 500);
    const { strategies } = await get<{ strategies: { name: string; fills: number; realized: number; unrealized: number }[] }>('/api/v1/strategies');
    assert.ok(strategies.length >= 4);
    assert.ok(strategies.some((s) => s.fills > 0 && (s.realized !== 0 || s.unrealized !== 0)), 'some P&L moved');
    const metrics = await (await fetch(`${proc.url}/metrics`)).text();
    assert.match(metrics, /tradewatch_custodian_settlements_total\{outcome="settled"\} [1-9]/);
  });

  it('GET /api/v1/trades/:id shows the full timeline of a settled trade', async () => {
    const settled = await waitFor('a settled strategy trade', async () => {
      for (const t of await tradesOf('BTC-USD')) {
        const tl = await get<Timeline>(`/api/v1/trades/${t.trade_id}`);
        if (tl.settlement?.state === 'settled' && tl.timeline.some((s) => s.step === 'risk decision')) return tl;
      }
      return undefined;
    }, 15_000, 500);
    const steps = settled.timeline.map((s) => s.step);
    for (const step of ['strategy decision', 'risk decision', 'order accepted', 'trade', 'position and P&L', 'settlement pending', 'settlement settled']) {
      assert.ok(steps.includes(step), `timeline has "${step}": ${steps.join(' > ')}`);
    }
    assert.ok(steps.indexOf('risk decision') < steps.indexOf('trade') && steps.indexOf('trade') < steps.indexOf('settlement settled'), 'steps in order');
    const decision = settled.timeline.find((s) => s.step === 'risk decision')!;
    assert.match(String(decision.detail.trace_id), /^[0-9a-f]{32}$/);
    assert.ok(decision.detail.request_id);
  });

  it('a failed settlement shows in the timeline and in /api/v1/failures', async () => {
    assert.equal((await post('/api/v1/custodian/failure-rate', { rate: 1 })).status, 200);
    const failed = await waitFor('a trade whose settlement failed for good', async () => {
      for (const t of await tradesOf('ETH-USD')) {
        const tl = await get<Timeline>(`/api/v1/trades/${t.trade_id}`);
        if (tl.settlement?.state === 'failed') return tl;
      }
      return undefined;
    }, 20_000, 500);
    assert.match(failed.settlement!.reason!, /^SETTLEMENT_/);
    assert.ok(failed.timeline.some((s) => s.step === 'settlement retried'));
    assert.ok(failed.timeline.some((s) => s.step === 'settlement failed'));
    // Still failing every settlement, so there are at least three failures to list.
    const failures = await waitFor('three failures', async () => {
      const found = (await get<{ failures: Failure[] }>('/api/v1/failures?limit=3')).failures;
      return found.length >= 3 ? found : undefined;
    }, 20_000, 250);
    assert.equal((await post('/api/v1/custodian/failure-rate', { rate: 0.02 })).status, 200);
    assert.equal(failures.length, 3, 'limit is respected');
    const recent = (await get<{ failures: Failure[] }>('/api/v1/failures?limit=100')).failures;
    assert.ok(recent.some((f) => f.service === 'custodian' && f.code.startsWith('SETTLEMENT_')));
    const times = failures.map((f) => Date.parse(f.time));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  });

  it('an operator kill switch stops one strategy with RISK_KILL_SWITCH; a viewer may not pull it', async () => {
    const { strategies } = await get<{ strategies: { name: string }[] }>('/api/v1/strategies');
    const name = strategies[0]!.name;
    const denied = await post('/api/v1/risk/kill-switch', { strategy: name, engaged: true }, viewer);
    assert.equal(denied.status, 403);
    assert.match((await denied.json() as { error: { message: string } }).error.message, /operator/);
    assert.equal((await post('/api/v1/risk/kill-switch', { strategy: name, engaged: true, reason: 'test' })).status, 200);
    await waitFor('a kill-switch rejection', async () => {
      const { failures } = await get<{ failures: Failure[] }>('/api/v1/failures?limit=50');
      return failures.some((f) => f.code === 'RISK_KILL_SWITCH' && f.ids.strategy === name);
    }, 10_000, 250);
    assert.equal((await post('/api/v1/risk/kill-switch', { strategy: name, engaged: false })).status, 200);
  });
});

describe('the trading loop across a restart', () => {
  it('the next run resumes unfinished settlements (T+1 equities), takes over the quotes left resting and refuses none of its orders as duplicates', async () => {
    const first = await startInProcess();
    const viewer = await issueKey(first.config, 'viewer');
    const get = async <T>(url: string, path: string) => await (await fetch(`${url}${path}`, { headers: { 'x-api-key': viewer } })).json() as T;
    const pendingEquity = async (url: string) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return Number(/tradewatch_custodian_settlements_pending (\d+)/.exec(text)?.[1] ?? 0);
    };
    const openQuotes = async (url: string) => (await get<{ orders: { order_id: string }[] }>(url, '/api/v1/orders?account=strat-mm-aapl&status=open')).orders;
    let leftovers: { order_id: string }[] = [];
    try {
      await waitFor('an equity trade', async () => (await get<{ trades: unknown[] }>(first.url, '/api/v1/trades?symbol=AAPL')).trades.length > 0, 30_000, 500);
      await waitFor('a pending settlement counted', async () => (await pendingEquity(first.url)) > 0, 5_000, 250);
      await waitFor('market maker quotes resting', async () => (leftovers = await openQuotes(first.url)).length > 0, 5_000, 250);
    } finally {
      await first.stop();
    }
    const second = await startInProcess({ dataDir: first.config.dataDir });
    try {
      await waitFor('the resumed settlements counted', async () => (await pendingEquity(second.url)) > 0, 5_000, 250);
      // Quotes of the first run that stayed open would be refused post-only quotes, over and over.
      await waitFor('the first run\'s quotes cancelled', async () => {
        const statuses = await Promise.all(leftovers.map(async (o) => (await get<{ order: { status: string } }>(second.url, `/api/v1/orders/${o.order_id}`)).order.status));
        return statuses.every((status) => status !== 'open');
      }, 10_000, 250);
      await waitFor('the market maker quoting again', async () => (await openQuotes(second.url)).length > 0, 10_000, 250);
      const { strategies } = await get<{ strategies: { name: string; ordersSent: number; rejectsByCode: Record<string, number> }[] }>(second.url, '/api/v1/strategies');
      const refused = strategies.filter((st) => st.rejectsByCode.DUPLICATE_CLIENT_ORDER_ID || st.rejectsByCode.RISK_KILL_SWITCH);
      assert.deepEqual(refused.map((st) => [st.name, st.rejectsByCode]), [], 'client order ids of the first run are not reused; no kill switch stops a strategy');
    } finally {
      await second.stop();
    }
  });
});
