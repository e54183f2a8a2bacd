import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { needBinary } from '../support/binaries.js';

// The Prometheus alert and recording rules (deploy/prometheus/rules), their promtool unit tests
// (deploy/prometheus/tests) and runbooks (docs/runbooks), checked against the conventions of
// design section 6.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RULES_DIR = join(ROOT, 'deploy/prometheus/rules');
const TESTS_DIR = join(ROOT, 'deploy/prometheus/tests');
const RUNBOOKS_DIR = join(ROOT, 'docs/runbooks');
const RUNBOOK_BASE = 'https://github.com/tradewatch/tradewatch/blob/main/docs/runbooks/';
const PROMTOOL_INSTALL = 'apt-get install prometheus';

const EXPECTED_ALERTS = [
  'ServiceDown', 'HighErrorRate', 'OrderAckLatencyHigh', 'OrderAckAvailabilityBudgetBurn', 'OrderAckLatencyBudgetBurn',
  'MarketDataStale', 'FeedSequenceGaps', 'ExtremePriceMove', 'StablecoinDepeg', 'ExchangeUnavailable', 'OrderRejectSpike',
  'TradingHalted', 'SettlementFailuresHigh', 'SettlementBacklog', 'StrategyOrderRateAnomaly', 'KillSwitchEngaged',
  'PositionLimitBreach', 'DailyLossLimitHit', 'DatabaseWriteLatencyHigh', 'BusConsumerLagHigh', 'EventLoopLagHigh',
  'ProcessMemoryHigh', 'ScrapeFailing', 'Watchdog', 'ExchangeSnapshotOverdue',
];
/** Alerts that must exist at both severities (page and ticket). */
const TWO_SEVERITIES: Record<string, string[]> = {
  OrderAckAvailabilityBudgetBurn: ['critical', 'warning'],
  OrderAckLatencyBudgetBurn: ['critical', 'warning'],
  StablecoinDepeg: ['critical', 'warning'],
};
const SEVERITIES = new Set(['critical', 'warning', 'info']);
const SERVICES = new Set(['gateway', 'exchange', 'market-data', 'custodian', 'risk-monitor', 'strategy-engine', 'platform']);

/** Metrics the services export (histograms by base name), plus Prometheus' and prom-client's own. */
const KNOWN_METRICS = new Set([
  'tradewatch_http_requests_total', 'tradewatch_http_request_duration_seconds',
  'tradewatch_bus_messages_published_total', 'tradewatch_bus_messages_handled_total', 'tradewatch_bus_handler_duration_seconds',
  'tradewatch_marketdata_updates_total', 'tradewatch_marketdata_last_price', 'tradewatch_marketdata_mid_price',
  'tradewatch_marketdata_spread_ticks', 'tradewatch_marketdata_last_update_timestamp_seconds', 'tradewatch_marketdata_feed_lag_seconds',
  'tradewatch_marketdata_sequence_gaps_total', 'tradewatch_marketdata_publish_errors_total', 'tradewatch_marketdata_tick_duration_seconds',
  'tradewatch_marketdata_subscribers', 'tradewatch_marketdata_slow_consumers_total',
  'tradewatch_exchange_orders_received_total', 'tradewatch_exchange_orders_accepted_total', 'tradewatch_exchange_orders_rejected_total',
  'tradewatch_exchange_trades_total', 'tradewatch_exchange_traded_lots_total', 'tradewatch_exchange_match_duration_seconds',
  'tradewatch_exchange_order_ack_duration_seconds', 'tradewatch_exchange_commit_batch_size', 'tradewatch_exchange_commit_duration_seconds',
  'tradewatch_exchange_book_depth_lots', 'tradewatch_exchange_spread_ticks', 'tradewatch_exchange_resting_orders',
  'tradewatch_exchange_trading_halted', 'tradewatch_exchange_halts_total', 'tradewatch_exchange_available',
  'tradewatch_exchange_journal_entries_since_snapshot',
  'tradewatch_custodian_settlements_total', 'tradewatch_custodian_settlement_failures_total', 'tradewatch_custodian_settlements_pending',
  'tradewatch_custodian_oldest_pending_settlement_age_seconds', 'tradewatch_custodian_settlement_duration_seconds',
  'tradewatch_custodian_reservations_refused_total',
  'tradewatch_risk_decisions_total', 'tradewatch_risk_check_duration_seconds', 'tradewatch_risk_kill_switch_engaged',
  'tradewatch_risk_limit_utilization_ratio', 'tradewatch_risk_limit_breaches_total', 'tradewatch_risk_pnl_dollars',
  'tradewatch_strategy_orders_sent_total', 'tradewatch_strategy_orders_rejected_total', 'tradewatch_strategy_fills',
  'tradewatch_strategy_realized_pnl_dollars', 'tradewatch_strategy_unrealized_pnl_dollars', 'tradewatch_strategy_position_lots',
  'tradewatch_strategy_open_orders', 'tradewatch_strategy_paused', 'tradewatch_strategy_signal',
  'up', 'scrape_samples_scraped', 'scrape_duration_seconds',
  'process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_eventloop_lag_seconds',
  'nodejs_heap_size_used_bytes',
]);

interface Rule {
  alert?: string;
  record?: string;
  expr: string | number;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile { groups: { name: string; rules: Rule[] }[] }
interface AlertTest { eval_time: string; alertname: string; exp_alerts?: { exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }[] | null }
interface TestFile { rule_files: string[]; tests: { name?: string; alert_rule_test?: AlertTest[] }[] }

const yamlFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort().map((f) => join(dir, f));
const ruleFiles = yamlFiles(RULES_DIR);
const testFiles = yamlFiles(TESTS_DIR);
const rules: (Rule & { file: string })[] = ruleFiles.flatMap((file) =>
  (parse(readFileSync(file, 'utf8')) as RuleFile).groups.flatMap((g) => g.rules.map((r) => ({ ...r, file }))));
const alerts = rules.filter((r): r is Rule & { alert: string; file: string } => typeof r.alert === 'string');
const tests = testFiles.map((file) => ({ file, ...(parse(readFileSync(file, 'utf8')) as TestFile) }));
const alertTests = tests.flatMap((t) => t.tests.flatMap((c) => c.alert_rule_test ?? []));

function promtool(args: string[]) {
  const r = spawnSync('promtool', args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

describe('Prometheus alert rules', () => {
  it('has rule files (one per service plus slo.yml) and test files', () => {
    const names = ruleFiles.map((f) => f.slice(RULES_DIR.length + 1));
    assert.ok(names.includes('slo.yml'), `slo.yml missing from ${names.join(', ')}`);
    assert.ok(names.length >= 2);
    assert.ok(testFiles.length >= 1, 'no promtool test files');
  });

  it('promtool check rules passes on every rule file', (t) => {
    if (!needBinary(t, 'promtool', PROMTOOL_INSTALL)) return;
    const r = promtool(['check', 'rules', ...ruleFiles]);
    assert.equal(r.status, 0, r.output);
  });

  it('promtool test rules passes on every test file', (t) => {
    if (!needBinary(t, 'promtool', PROMTOOL_INSTALL)) return;
    const r = promtool(['test', 'rules', ...testFiles]);
    assert.equal(r.status, 0, r.output);
  });

  it('defines every alert of the catalogue, and no other', () => {
    const defined = new Set(alerts.map((a) => a.alert));
    for (const name of EXPECTED_ALERTS) assert.ok(defined.has(name), `alert ${name} is not defined`);
    for (const name of defined) assert.ok(EXPECTED_ALERTS.includes(name), `alert ${name} is not in the catalogue of this test`);
    for (const [name, severities] of Object.entries(TWO_SEVERITIES)) {
      assert.deepEqual([...new Set(alerts.filter((a) => a.alert === name).map((a) => a.labels?.severity))].sort(), severities, name);
    }
  });

  it('gives every alert a CamelCase name, severity, service, summary, description and runbook_url', () => {
    for (const a of alerts) {
      const where = `${a.alert} in ${a.file}`;
      assert.match(a.alert, /^[A-Z][a-zA-Z0-9]+$/, `${where}: not CamelCase`);
      assert.ok(SEVERITIES.has(a.labels?.severity ?? ''), `${where}: severity ${a.labels?.severity} not in critical|warning|info`);
      assert.ok(SERVICES.has(a.labels?.service ?? ''), `${where}: service label ${a.labels?.service} unknown`);
      for (const key of ['summary', 'description', 'runbook_url']) {
        assert.ok((a.annotations?.[key] ?? '').trim().length > 0, `${where}: annotation ${key} missing`);
      }
      assert.equal(a.annotations?.runbook_url, `${RUNBOOK_BASE}${a.alert}.md`, `${where}: runbook_url`);
      if (a.alert !== 'Watchdog') assert.match(a.annotations?.description ?? '', /\{\{\s*\$(value|labels)/, `${where}: description shows no value or label`);
    }
  });

  it('uses for: durations that fit the severity (Watchdog none)', () => {
    for (const a of alerts) {
      if (a.alert === 'Watchdog') {
        assert.equal(a.for, undefined, 'Watchdog must fire at once');
        assert.equal(a.labels?.severity, 'info');
        continue;
      }
      assert.match(a.for ?? '', /^\d+[smh]$/, `${a.alert}: needs a for: duration`);
    }
  });

  it('has a runbook page for every alert, indexed in docs/runbooks/README.md', () => {
    const index = readFileSync(join(RUNBOOKS_DIR, 'README.md'), 'utf8');
    for (const name of new Set(alerts.map((a) => a.alert))) {
      const page = join(RUNBOOKS_DIR, `${name}.md`);
      assert.ok(existsSync(page), `runbook ${page} missing`);
      assert.match(readFileSync(page, 'utf8'), new RegExp(`^# ${name}$`, 'm'), `${name}.md has no "# ${name}" title`);
      assert.ok(index.includes(`(${name}.md)`), `README.md does not link ${name}.md`);
    }
  });

  it('has promtool test cases naming every alert: one where it fires and one where it stays silent', () => {
    for (const name of new Set(alerts.map((a) => a.alert))) {
      const cases = alertTests.filter((c) => c.alertname === name);
      assert.ok(cases.length > 0, `no promtool test case names ${name}`);
      const firing = cases.filter((c) => (c.exp_alerts ?? []).length > 0);
      assert.ok(firing.length > 0, `no promtool test case where ${name} fires`);
      for (const c of firing) {
        for (const e of c.exp_alerts ?? []) {
          assert.ok(SEVERITIES.has(e.exp_labels?.severity ?? ''), `${name} at ${c.eval_time}: exp_labels.severity`);
          assert.ok(SERVICES.has(e.exp_labels?.service ?? ''), `${name} at ${c.eval_time}: exp_labels.service`);
          assert.ok(e.exp_annotations?.summary && e.exp_annotations.runbook_url, `${name} at ${c.eval_time}: exp_annotations`);
        }
      }
      // Watchdog fires by design at every instant; all others need a silent case.
      if (name !== 'Watchdog') assert.ok(cases.some((c) => (c.exp_alerts ?? []).length === 0), `no promtool test case where ${name} stays silent`);
    }
    // Every test case names an alert that exists.
    const defined = new Set(alerts.map((a) => a.alert));
    for (const c of alertTests) assert.ok(defined.has(c.alertname), `test case names unknown alert ${c.alertname}`);
  });

  it('tests every rule file', () => {
    const tested = new Set(tests.flatMap((t) => t.rule_files.map((f) => resolve(dirname(t.file), f))));
    for (const file of ruleFiles) assert.ok(tested.has(file), `${file} is not loaded by any promtool test file`);
  });

  it('no expression reads a chaos or fault-injection metric', () => {
    for (const r of rules) {
      assert.doesNotMatch(String(r.expr), /chaos|fault/i, `${r.alert ?? r.record} in ${r.file} reads a chaos/fault metric`);
    }
  });

  it('expressions read only metrics that exist or are recorded here', () => {
    const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
    for (const r of recorded) assert.match(r, /^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/, `recording rule ${r} is not level:metric:operations`);
    const keywords = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'offset', 'bool', 'inf', 'nan']);
    for (const r of rules) {
      const expr = String(r.expr)
        .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
        .replace(/\{[^}]*\}/g, '') // label matchers
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // label lists
        .replace(/\[[^\]]*\]/g, '') // range selectors and subqueries
        .replace(/\boffset\s+\d+[smhdwy]/g, '') // offsets
        .replace(/\b\d+(\.\d+)?(e[+-]?\d+)?\b/gi, '0'); // numbers
      for (const m of expr.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
        const name = m[0];
        const after = expr.slice(m.index + name.length).trimStart();
        if (after.startsWith('(') || keywords.has(name.toLowerCase())) continue; // a function or a keyword
        if (name.includes(':')) {
          assert.ok(recorded.has(name), `${r.alert ?? r.record}: reads ${name}, which no rule records`);
          continue;
        }
        const base = name.replace(/_(bucket|count|sum)$/, '');
        assert.ok(KNOWN_METRICS.has(name) || KNOWN_METRICS.has(base), `${r.alert ?? r.record}: reads unknown metric ${name}`);
      }
    }
  });
});
