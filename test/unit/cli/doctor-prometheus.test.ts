import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildPrometheusReport, judgeAlertmanagers, judgeJobs, judgeMetrics, judgeRules, judgeTargets, jobNamesIn, metricNamesInExpr,
  usagesFromDashboard, usagesFromRuleFile, type ActiveTarget, type PrometheusReadings,
} from '../../../src/cli/doctor/prometheus-checks.js';
import { prometheusConfig } from '../../../src/services/observability/prometheus-config.js';

const RULES = `
groups:
  - name: sample
    rules:
      - record: job:tradewatch_orders:rate5m
        expr: sum by (job, process_kind) (rate(tradewatch_orders_total{status=~"5..", nodejs_label="x"}[5m]))
      - alert: SlowAcks
        # tradewatch_in_a_comment_total is not a query
        expr: |
          histogram_quantile(0.99, sum by (le) (rate(tradewatch_ack_seconds_bucket[5m]))) > 0.05
          and on (job) group_left (nodejs_version) job:tradewatch_orders:rate5m > 0
          or label_replace(up, "process_x", "$1", "instance", "(.*)") == 0
      - alert: Uses
        expr: tradewatch_ack_seconds_count offset 5m > bool 0 unless ignoring (process_id) process_resident_memory_bytes
`;

const DASHBOARD = JSON.stringify({
  title: 'Sample board',
  templating: { list: [{ name: 'symbol', type: 'query' }] },
  panels: [
    { type: 'row', title: 'Row', panels: [{ type: 'timeseries', title: 'Heap', targets: [{ expr: 'max(nodejs_heap_size_used_bytes{instance=~"$instance"})' }] }] },
    { type: 'stat', title: 'Orders', targets: [{ expr: 'sum(increase(tradewatch_orders_total[$__rate_interval])) / ${scale}', legendFormat: '{{ tradewatch_legend }}' }] },
  ],
});

const target = (job: string, health: string, lastError = ''): ActiveTarget =>
  ({ labels: { job, instance: `${job}:1` }, health, lastError, lastScrape: new Date(Date.now() - 2000).toISOString() });

describe('doctor prometheus: metrics used by rules and dashboards', () => {
  it('takes series names from rule expressions: histogram suffixes kept, recording-rule outputs, functions and labels left out', () => {
    const usages = usagesFromRuleFile('sample.yml', RULES);
    const metrics = [...new Set(usages.map((u) => u.metric))].sort();
    assert.deepEqual(metrics, ['process_resident_memory_bytes', 'tradewatch_ack_seconds_bucket', 'tradewatch_ack_seconds_count', 'tradewatch_orders_total', 'up']);
    assert.ok(usages.some((u) => u.metric === 'tradewatch_orders_total' && u.usedBy === 'record job:tradewatch_orders:rate5m (sample.yml)'));
    assert.ok(usages.some((u) => u.metric === 'up' && u.usedBy === 'alert SlowAcks (sample.yml)'));
  });

  it('takes every expr of a dashboard, nested rows included, named by dashboard and panel', () => {
    const usages = usagesFromDashboard('sample.json', DASHBOARD);
    assert.deepEqual(usages, [
      { metric: 'nodejs_heap_size_used_bytes', usedBy: 'dashboard "Sample board" panel "Heap"' },
      { metric: 'tradewatch_orders_total', usedBy: 'dashboard "Sample board" panel "Orders"' },
    ]);
  });

  it('reads nothing into strings, comments or grouping clauses', () => {
    assert.deepEqual(metricNamesInExpr('count(ALERTS{alertname="tradewatch_x_total"}) by (process_id)'), []);
    assert.deepEqual(metricNamesInExpr('uptime_seconds + up'), ['up']);
  });

  it('derives the expected jobs from the prometheus.yml generator', () => {
    const yml = prometheusConfig({ targets: ['a:1'], ruleFiles: [], alertmanager: null, scrapeIntervalSeconds: 5, evaluationIntervalSeconds: 5, self: 'p:9' });
    assert.deepEqual(jobNamesIn(yml), ['tradewatch', 'prometheus']);
  });
});

describe('doctor prometheus: judging the API', () => {
  it('a down target is CRIT and names its last error; an up one is OK with its scrape age', () => {
    const [up, down] = judgeTargets([target('prometheus', 'up'), target('tradewatch', 'down', 'connection refused')], Date.now());
    assert.equal(up!.status, 'OK');
    assert.match(up!.detail, /^up, last scrape \d+\.\d s ago$/);
    assert.equal(down!.status, 'CRIT');
    assert.equal(down!.name, 'target tradewatch tradewatch:1');
    assert.match(down!.detail, /down: connection refused/);
  });

  it('an expected job without targets is CRIT', () => {
    const check = judgeJobs([target('prometheus', 'up')], ['tradewatch', 'prometheus']);
    assert.equal(check.status, 'CRIT');
    assert.match(check.detail, /no active target for job tradewatch/);
    assert.equal(judgeJobs([target('prometheus', 'up'), target('tradewatch', 'up')], ['tradewatch', 'prometheus']).status, 'OK');
  });

  it('missing metrics are WARN and listed with where they are used', () => {
    const check = judgeMetrics([{ metric: 'a_total', usedBy: 'alert A (x.yml)' }, { metric: 'a_total', usedBy: 'dashboard "D"' }, { metric: 'up', usedBy: 'alert B (x.yml)' }], ['up']);
    assert.equal(check.status, 'WARN');
    assert.deepEqual(check.missing, [{ metric: 'a_total', usedBy: ['alert A (x.yml)', 'dashboard "D"'] }]);
    assert.match(check.detail, /^1 of 2 metrics/);
    assert.equal(judgeMetrics([{ metric: 'up', usedBy: 'x' }], ['up']).status, 'OK');
  });

  it('a rule with a lastError is CRIT with its name and error; no groups at all is WARN', () => {
    const checks = judgeRules([{ name: 'g', rules: [{ name: 'ok', health: 'ok', type: 'recording' }, { name: 'Broken', health: 'err', lastError: 'many-to-many matching not allowed', type: 'alerting' }] }]);
    assert.deepEqual(checks.map((c) => [c.name, c.status]), [['rules', 'CRIT'], ['rule g/Broken', 'CRIT']]);
    assert.match(checks[1]!.detail, /many-to-many matching not allowed/);
    assert.equal(judgeRules([]).at(0)!.status, 'WARN');
    assert.match(judgeRules([{ name: 'g', rules: [{ name: 'r', health: 'ok', type: 'alerting' }] }])[0]!.detail, /1 groups, 1 rules \(1 alerting, 0 recording\)/);
  });

  it('no Alertmanager is CRIT when it is enabled, OK when disabled', () => {
    assert.equal(judgeAlertmanagers([], true).status, 'CRIT');
    assert.equal(judgeAlertmanagers([], false).status, 'OK');
    assert.equal(judgeAlertmanagers(['http://127.0.0.1:9093/api/v2/alerts'], true).status, 'OK');
  });

  it('Prometheus not answering: CRIT, the other checks not run', () => {
    const r: PrometheusReadings = {
      url: 'http://127.0.0.1:1', now: Date.now(), api: { answering: false, error: 'connect ECONNREFUSED' }, apis: null,
      expectedJobs: ['tradewatch'], usages: { data: [] }, alertmanagerEnabled: true,
    };
    const report = buildPrometheusReport(r);
    assert.equal(report.status, 'CRIT');
    assert.match(report.checks[0]!.detail, /^Prometheus is not answering at http:\/\/127\.0\.0\.1:1: connect ECONNREFUSED; is `tradewatch start` running/);
    assert.deepEqual(report.checks.slice(1).map((c) => c.status), ['SKIP', 'SKIP', 'SKIP', 'SKIP', 'SKIP']);
  });

  it('the overall status is the worst check; an API call that failed is CRIT', () => {
    const report = buildPrometheusReport({
      url: 'u', now: Date.now(), api: { answering: true, ready: true, readyDetail: '', version: '2.42.0' }, expectedJobs: ['tradewatch'],
      usages: { data: [{ metric: 'x_total', usedBy: 'alert X' }] }, alertmanagerEnabled: false,
      apis: { targets: { data: [target('tradewatch', 'up')] }, metricNames: { data: [] }, rules: { error: 'GET /api/v1/rules failed: boom' }, alertmanagers: { data: [] } },
    });
    assert.deepEqual(report.checks.map((c) => `${c.name}:${c.status}`), ['api:OK', 'target tradewatch tradewatch:1:OK', 'jobs:OK', 'metrics:WARN', 'rules:CRIT', 'alertmanager:OK']);
    assert.equal(report.status, 'CRIT');
  });
});
