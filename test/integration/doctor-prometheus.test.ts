import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { needBinary } from '../support/binaries.js';
import { runCli, startCli, tempDir, type RunningCli } from '../support/cli-process.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

const EXIT = { OK: 0, WARN: 1, CRIT: 2 } as const;
interface Check { name: string; status: keyof typeof EXIT | 'SKIP'; detail: string; missing?: { metric: string; usedBy: string[] }[] }
interface Report { status: keyof typeof EXIT; url: string; checks: Check[] }
const json = async <T>(url: string) => (await (await fetch(url)).json()) as T;

describe('tradewatch doctor prometheus, against the Prometheus that tradewatch start runs', () => {
  let cli: RunningCli | undefined;
  after(async () => { if (cli && cli.child.exitCode === null) await cli.signal('SIGTERM'); });

  it('reports every target up, the jobs present and Alertmanager connected; after the system stops, Prometheus not answering (exit 2)', async (t) => {
    if (!needBinary(t, 'prometheus', 'apt-get install prometheus') || !needBinary(t, 'prometheus-alertmanager', 'apt-get install prometheus-alertmanager')) return;
    const [promPort, amPort] = [await freePort(), await freePort()];
    const prom = `http://127.0.0.1:${promPort}`;
    const dataDir = tempDir();
    // The doctor finds Prometheus the same way `start` places it: from observability.prometheus.port.
    const env = {
      TRADEWATCH_OBSERVABILITY__PROMETHEUS__ENABLED: 'true', TRADEWATCH_OBSERVABILITY__ALERTMANAGER__ENABLED: 'true',
      TRADEWATCH_OBSERVABILITY__PROMETHEUS__PORT: String(promPort), TRADEWATCH_OBSERVABILITY__ALERTMANAGER__PORT: String(amPort),
      TRADEWATCH_OBSERVABILITY__PROMETHEUS__SCRAPE_INTERVAL_SECONDS: '1', TRADEWATCH_OBSERVABILITY__PROMETHEUS__EVALUATION_INTERVAL_SECONDS: '1',
      TRADEWATCH_STRATEGY_ENGINE__ENABLED: 'false', NO_COLOR: '',
    };
    cli = await startCli(['--data-dir', dataDir], env);

    await waitFor('every target scraped and up, Alertmanager known, every rule evaluated', async () => {
      const targets = await json<{ data: { activeTargets: { labels: { job: string }; health: string }[] } }>(`${prom}/api/v1/targets`);
      const jobs = new Set(targets.data.activeTargets.filter((x) => x.health === 'up').map((x) => x.labels.job));
      const ams = await json<{ data: { activeAlertmanagers: unknown[] } }>(`${prom}/api/v1/alertmanagers`);
      const rules = await json<{ data: { groups: { rules: { health: string }[] }[] } }>(`${prom}/api/v1/rules`);
      return targets.data.activeTargets.every((x) => x.health === 'up') && jobs.has('tradewatch') && jobs.has('prometheus')
        && ams.data.activeAlertmanagers.length > 0 && rules.data.groups.length > 0 && rules.data.groups.every((g) => g.rules.every((r) => r.health !== 'unknown'));
    }, 45_000, 500);

    const up = runCli(['doctor', 'prometheus', '--json', '--data-dir', dataDir], env);
    const report = JSON.parse(up.stdout) as Report;
    t.diagnostic(report.checks.map((c) => `${c.status} ${c.name}: ${c.detail}`).join('\n'));
    assert.equal(report.url, prom);
    assert.equal(up.code, EXIT[report.status], up.stderr);
    const byName = (name: string) => report.checks.find((c) => c.name === name);
    assert.equal(byName('api')?.status, 'OK');
    assert.match(byName('api')!.detail, /ready, Prometheus \d+\.\d+/);
    const targets = report.checks.filter((c) => c.name.startsWith('target '));
    assert.deepEqual(targets.map((c) => c.name.split(' ')[1]).sort(), ['prometheus', 'tradewatch']);
    for (const c of targets) {
      assert.equal(c.status, 'OK', `${c.name}: ${c.detail}`);
      assert.match(c.detail, /^up, last scrape/);
    }
    assert.equal(byName('jobs')?.status, 'OK', byName('jobs')?.detail);
    assert.equal(byName('rules')?.status, 'OK', byName('rules')?.detail);
    assert.equal(byName('alertmanager')?.status, 'OK', byName('alertmanager')?.detail);
    assert.match(byName('alertmanager')!.detail, new RegExp(`1 connected: http://127\\.0\\.0\\.1:${amPort}/`));
    const metrics = byName('metrics')!;
    assert.ok(metrics.status === 'OK' || metrics.status === 'WARN', metrics.detail);
    // Series there from the first scrape are never reported missing: up, and the default process and Node.js metrics.
    const missing = (metrics.missing ?? []).map((m) => m.metric);
    for (const name of ['up', 'process_cpu_seconds_total', 'nodejs_heap_size_used_bytes']) assert.ok(!missing.includes(name), `${name} reported missing`);
    assert.ok(EXIT[report.status] <= 1, `only missing metrics may degrade a healthy system: ${up.stdout}`);

    const text = runCli(['doctor', 'prometheus', '--data-dir', dataDir], env);
    assert.equal(text.code, up.code, text.stderr);
    assert.ok(!text.stdout.includes('\x1b['), 'no ANSI escapes when stdout is a pipe');
    const lines = text.stdout.split('\n');
    assert.match(lines[0]!, /^STATUS\s+CHECK\s+DETAIL$/);
    assert.match(text.stdout, /^OK\s+target tradewatch 127\.0\.0\.1:\d+\s+up, last scrape/m);
    assert.match(text.stdout, new RegExp(`^overall: (OK|WARN) \\(exit ${text.code}: 0 healthy, 1 degraded, 2 down\\)$`, 'm'));

    const stopped = await cli.signal('SIGTERM');
    assert.equal(stopped.code, 0, cli.output());
    const down = runCli(['doctor', 'prometheus', '--json', '--data-dir', dataDir], env);
    assert.equal(down.code, 2, down.stderr);
    const downReport = JSON.parse(down.stdout) as Report;
    assert.equal(downReport.status, 'CRIT');
    assert.equal(downReport.checks[0]!.status, 'CRIT');
    assert.match(downReport.checks[0]!.detail, new RegExp(`^Prometheus is not answering at ${prom.replace(/\./g, '\\.')}: .*ECONNREFUSED.*apt-get install prometheus`));
    assert.ok(downReport.checks.slice(1).every((c) => c.status === 'SKIP' && /not run/.test(c.detail)));
  });

  it('--help states the exit codes', () => {
    const r = runCli(['doctor', 'prometheus', '--help']);
    assert.equal(r.code, 0);
    const help = r.stdout.replace(/\s+/g, ' ');
    assert.match(help, /exits 0 when every check is OK \(healthy\), 1 when the worst is WARN \(degraded\), 2 when any is CRIT \(down\)/);
    for (const flag of ['--prometheus-url', '--rules-dir', '--dashboards-dir', '--json']) assert.ok(help.includes(flag), flag);
  });

  it('--prometheus-url: a Prometheus that is not there is CRIT, exit 2', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = runCli(['doctor', 'prometheus', '--prometheus-url', url], { NO_COLOR: '' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, new RegExp(`^CRIT\\s+api\\s+Prometheus is not answering at ${url.replace(/\./g, '\\.')}`, 'm'));
    assert.match(r.stdout, /^SKIP\s+targets\s+not run/m);
  });
});
