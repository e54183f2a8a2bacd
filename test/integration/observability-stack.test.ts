import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join } from 'node:path';
import { issueKey } from '../support/api-keys.js';
import { runCli } from '../support/cli-process.js';
import { hasBinary, needBinary } from '../support/binaries.js';
import { freePort } from '../support/free-port.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface Check { name: string; ok: boolean; detail: string }
const json = async <T>(url: string, init?: RequestInit) => (await (await fetch(url, init)).json()) as T;
const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('supervised Prometheus and Alertmanager', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>> | undefined;
  let prom = '';
  let am = '';
  const stackChecks = async () => (await json<{ modules: { name: string; checks: Check[] }[] }>(`${proc!.url}/health`)).modules.find((m) => m.name === 'observability')!.checks;
  const pidOf = async (name: string) => Number(/pid (\d+)/.exec((await stackChecks()).find((c) => c.name === name)?.detail ?? '')?.[1]);

  before(async () => {
    if (!hasBinary('prometheus') || !hasBinary('prometheus-alertmanager')) return;
    const [promPort, amPort] = [await freePort(), await freePort()];
    prom = `http://127.0.0.1:${promPort}`;
    am = `http://127.0.0.1:${amPort}`;
    proc = await startInProcess({
      strategyEngine: { enabled: false },
      observability: { prometheus: { port: promPort, scrapeIntervalSeconds: 1, evaluationIntervalSeconds: 1 }, alertmanager: { port: amPort } },
    });
  });
  after(async () => { await proc?.stop(); });

  it('Prometheus scrapes tradewatch with the rules loaded and Alertmanager connected', async (t) => {
    if (!needBinary(t, 'prometheus', 'apt-get install prometheus') || !needBinary(t, 'prometheus-alertmanager', 'apt-get install prometheus-alertmanager')) return;
    const config = readFileSync(join(proc!.config.dataDir, 'prometheus', 'prometheus.yml'), 'utf8');
    assert.match(config, new RegExp(new URL(proc!.url).host.replace('.', '\\.')));
    await waitFor('the tradewatch target up', async () => {
      const targets = await json<{ data: { activeTargets: { labels: { job: string }; health: string }[] } }>(`${prom}/api/v1/targets`);
      return targets.data.activeTargets.some((x) => x.labels.job === 'tradewatch' && x.health === 'up');
    }, 30_000, 500);
    await waitFor('Alertmanager known to Prometheus', async () => {
      const ams = await json<{ data: { activeAlertmanagers: unknown[] } }>(`${prom}/api/v1/alertmanagers`);
      return ams.data.activeAlertmanagers.length === 1;
    }, 30_000, 500);
    const rules = await json<{ data: { groups: unknown[] } }>(`${prom}/api/v1/rules`);
    assert.ok(rules.data.groups.length > 0, 'rule groups loaded from deploy/prometheus/rules');

    const env = { TRADEWATCH_OBSERVABILITY__PROMETHEUS__PORT: new URL(prom).port, TRADEWATCH_OBSERVABILITY__ALERTMANAGER__PORT: new URL(am).port };
    const status = runCli(['stack', 'status', '--json', '--data-dir', proc!.config.dataDir], env);
    assert.equal(status.code, 0, status.stdout + status.stderr);
    assert.deepEqual((JSON.parse(status.stdout) as { name: string; state: string }[]).map((p) => `${p.name}:${p.state}`), ['prometheus:up', 'alertmanager:up']);
    const down = runCli(['stack', 'status', '--data-dir', proc!.config.dataDir], { TRADEWATCH_OBSERVABILITY__PROMETHEUS__PORT: String(await freePort()) });
    assert.equal(down.code, 1, 'a stack member that does not answer fails the command');
    assert.match(down.stdout, /prometheus\s+DOWN/);
  });

  it('Alertmanager delivers a critical alert to the gateway webhook at once', async (t) => {
    if (!needBinary(t, 'prometheus-alertmanager', 'apt-get install prometheus-alertmanager')) return;
    const viewer = await issueKey(proc!.config, 'viewer');
    const res = await fetch(`${am}/api/v2/alerts`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'StackSelfTest', severity: 'critical', service: 'observability' }, annotations: { summary: 'wiring test' } }]),
    });
    assert.equal(res.status, 200);
    await waitFor('the alert stored by the webhook', async () => {
      const { alerts } = await json<{ alerts: { alertname: string; status: string }[] }>(`${proc!.url}/api/v1/alerts?alertname=StackSelfTest`, { headers: { 'x-api-key': viewer } });
      return alerts.some((a) => a.status === 'firing');
    }, 30_000, 500);
  });

  it('exchange maintenance: ExchangeUnavailable reaches the webhook within scrape + evaluation + for + group_wait + 10 s, then resolves', async (t) => {
    if (!needBinary(t, 'prometheus', 'apt-get install prometheus') || !needBinary(t, 'prometheus-alertmanager', 'apt-get install prometheus-alertmanager')) return;
    const operator = await issueKey(proc!.config, 'operator');
    const rule = (parse(readFileSync('deploy/prometheus/rules/exchange.yml', 'utf8')) as { groups: { rules: { alert?: string; for?: string }[] }[] })
      .groups.flatMap((g) => g.rules).find((r) => r.alert === 'ExchangeUnavailable')!;
    const forS = Number(/^(\d+)m$/.exec(rule.for ?? '0m')?.[1] ?? 0) * 60 + Number(/^(\d+)s$/.exec(rule.for ?? '')?.[1] ?? 0);
    const { prometheus: p } = proc!.config.observability;
    const boundMs = (p.scrapeIntervalSeconds + p.evaluationIntervalSeconds + forS + 0 /* critical group_wait */ + 10) * 1000;
    const events = async () => (await json<{ alerts: { status: string }[] }>(`${proc!.url}/api/v1/alerts?alertname=ExchangeUnavailable`, { headers: { 'x-api-key': operator } })).alerts;
    const maintenance = (enabled: boolean) => fetch(`${proc!.url}/api/v1/exchange/maintenance`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': operator }, body: JSON.stringify({ enabled, reason: 'alerting test' }),
    });

    const started = performance.now();
    assert.equal((await maintenance(true)).status, 200);
    await waitFor('ExchangeUnavailable firing at the webhook', async () => (await events()).some((a) => a.status === 'firing'), boundMs, 500);
    t.diagnostic(`fired after ${Math.round((performance.now() - started) / 1000)} s (bound ${boundMs / 1000} s)`);
    assert.equal((await maintenance(false)).status, 200);
    // Resolved goes out with the group's next flush (group_interval 1m for critical).
    await waitFor('ExchangeUnavailable resolved at the webhook', async () => (await events()).some((a) => a.status === 'resolved'), 90_000, 1000);
  });

  it('restarts Prometheus when it dies, and stops both with tradewatch', async (t) => {
    if (!needBinary(t, 'prometheus', 'apt-get install prometheus')) return;
    const first = await pidOf('prometheus');
    assert.ok(first > 0);
    process.kill(first, 'SIGKILL');
    await waitFor('a new Prometheus', async () => {
      const pid = await pidOf('prometheus');
      return pid > 0 && pid !== first;
    }, 15_000, 250);
    const pids = [await pidOf('prometheus'), await pidOf('alertmanager')];
    await proc!.stop();
    proc = undefined;
    for (const pid of pids) assert.ok(!alive(pid), `pid ${pid} stopped`);
  });
});

describe('a supervised program that keeps dying', () => {
  it('shows as degraded in /health but never makes tradewatch unready', async () => {
    const proc = await startInProcess({
      strategyEngine: { enabled: false },
      observability: { prometheus: { binary: '/bin/false', port: await freePort() }, alertmanager: { enabled: false } },
    });
    try {
      // Ready first (the market-data feed takes a moment), so a later 503 could only be the stack's.
      await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200, 20_000);
      await waitFor('prometheus seen down', async () => {
        const health = await json<{ status: string; modules: { name: string; checks: Check[] }[] }>(`${proc.url}/health`);
        const check = health.modules.find((m) => m.name === 'observability')!.checks.find((c) => c.name === 'prometheus');
        return health.status === 'degraded' && check?.ok === false;
      }, 10_000, 100);
      assert.equal((await fetch(`${proc.url}/health/ready`)).status, 200);
    } finally {
      await proc.stop();
    }
  });
});
