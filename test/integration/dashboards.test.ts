import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboards } from '../../dashboards/index.js';
import { DASHBOARDS_DIR, renderFiles } from '../../dashboards/write.js';
import { issueKey } from '../support/api-keys.js';
import { hasBinary, needBinary } from '../support/binaries.js';
import { freePort } from '../support/free-port.js';
import { startInProcess } from '../support/in-process.js';

interface PanelQuery { dashboard: string; panel: string; expr: string }
interface PromVector { status: string; error?: string; data?: { result: { value: [number, string] }[] } }

/** Every query of every panel of every dashboard (rows may nest panels when collapsed). */
function panelQueries(dashboards: Dashboard[]): PanelQuery[] {
  const out: PanelQuery[] = [];
  const visit = (dashboard: Dashboard, p: Panel | RowPanel) => {
    if (p.type === 'row') {
      for (const inner of (p as RowPanel).panels ?? []) visit(dashboard, inner);
      return;
    }
    for (const target of (p as Panel).targets ?? []) {
      const expr = (target as { expr?: string }).expr;
      if (expr) out.push({ dashboard: dashboard.title ?? '?', panel: (p as Panel).title ?? '?', expr });
    }
  };
  for (const dashboard of dashboards) for (const p of dashboard.panels ?? []) visit(dashboard, p);
  return out;
}

/** Grafana's variables, as Grafana would expand them for a recent time range and 1 s scrapes. */
const VARIABLES: Record<string, string> = { __rate_interval: '30s', __interval: '30s', __range: '5m' };
function expand(expr: string): string {
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = VARIABLES[name];
    if (value === undefined) throw new Error(`unknown dashboard variable $${name} in ${expr}`);
    return value;
  });
}

describe('Grafana dashboards', () => {
  it('the committed files are what the builders produce (npm run dashboards)', () => {
    const files = renderFiles();
    for (const [path, content] of files) {
      let committed = '';
      try { committed = readFileSync(path, 'utf8'); } catch { /* reported below */ }
      assert.equal(committed, content, `${path} differs from the builders: run npm run dashboards`);
    }
    const stale = readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json') && !files.has(`${DASHBOARDS_DIR}/${f}`));
    assert.deepEqual(stale, [], 'dashboards no builder produces');
    assert.equal(buildDashboards().length, 7);
  });

  it('every panel has a query, with only known variables', () => {
    for (const dashboard of buildDashboards()) {
      for (const p of dashboard.panels ?? []) {
        if (p.type === 'row') continue;
        assert.ok(((p as Panel).targets ?? []).length > 0, `${dashboard.title} / ${(p as Panel).title} has no query`);
      }
    }
    for (const q of panelQueries(buildDashboards())) assert.doesNotThrow(() => expand(q.expr));
  });

  describe('against a running venue and Prometheus', () => {
    let proc: Awaited<ReturnType<typeof startInProcess>> | undefined;
    let prom = '';

    before(async () => {
      if (!hasBinary('prometheus')) return;
      const promPort = await freePort();
      prom = `http://127.0.0.1:${promPort}`;
      proc = await startInProcess({
        // House strategies on (the default) so there are trades, P&L and settlements. One market
        // maker gets a tiny open-orders limit so risk refuses orders and raises limit breaches.
        riskMonitor: { strategyLimits: { 'mm-btc-usd': { maxOpenOrders: 1 } } },
        observability: { prometheus: { port: promPort, scrapeIntervalSeconds: 1, evaluationIntervalSeconds: 1 }, alertmanager: { enabled: false } },
      });
      const operator = await issueKey(proc.config, 'operator');
      const res = await fetch(`${proc.url}/api/v1/custodian/failure-rate`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': operator }, body: JSON.stringify({ rate: 0.3 }),
      });
      assert.equal(res.status, 200, 'settlement failure rate raised so the failure panels have data');
      // The book's rejection panels: a cancel of an order that does not exist is rejected (ORDER_NOT_FOUND).
      const cancel = await fetch(`${proc.url}/api/v1/orders/987654321?account=dashboards`, { method: 'DELETE', headers: { 'x-api-key': operator } });
      assert.equal(cancel.status, 404, 'a rejected command so the rejection panels have data');
    });
    after(async () => { await proc?.stop(); });

    it('every query of every panel returns data', async (t) => {
      if (!needBinary(t, 'prometheus', 'apt-get install prometheus')) return;
      const queries = panelQueries(buildDashboards());
      const hasData = async (q: PanelQuery): Promise<string | null> => {
        const res = await fetch(`${prom}/api/v1/query?query=${encodeURIComponent(expand(q.expr))}`);
        const body = (await res.json()) as PromVector;
        if (body.status !== 'success') return `error: ${body.error ?? res.status}`;
        const samples = body.data?.result ?? [];
        if (samples.length === 0) return 'no samples';
        return samples.some((s) => !Number.isNaN(Number(s.value[1]))) ? null : 'only NaN';
      };
      const failingNow = async () => {
        const failing: { q: PanelQuery; why: string }[] = [];
        for (const q of queries) {
          const why = await hasData(q).catch((err: Error) => `fetch failed: ${err.message}`);
          if (why) failing.push({ q, why });
        }
        return failing;
      };
      const started = performance.now();
      let failing = await failingNow();
      while (failing.length > 0 && performance.now() - started < 90_000) {
        await new Promise((r) => setTimeout(r, 3000));
        failing = await failingNow();
      }
      t.diagnostic(`${queries.length} queries, ${queries.length - failing.length} with data after ${Math.round((performance.now() - started) / 1000)} s`);
      assert.deepEqual(failing.map(({ q, why }) => `${q.dashboard} / ${q.panel}: ${q.expr} (${why})`), [], 'panels without data');
    });
  });
});
