/** Judging what Prometheus's HTTP API says, and which metrics the rules and dashboards need: pure (no I/O). */
import { parse } from 'yaml';
import { worstOf, type Status } from './status.js';

/** SKIP: not run, because Prometheus did not answer. It counts as OK towards the overall status. */
export type CheckStatus = Status | 'SKIP';
export interface MissingMetric { metric: string; usedBy: string[] }
export interface PromCheck { name: string; status: CheckStatus; detail: string; missing?: MissingMetric[] }
export interface PromReport { status: Status; url: string; checks: PromCheck[] }

/** One place a metric is used: `alert X (file.yml)`, `record Y (file.yml)` or `dashboard "T" panel "P"`. */
export interface MetricUsage { metric: string; usedBy: string }
export type Fetched<T> = { data: T } | { error: string };
export interface ActiveTarget { labels: Record<string, string>; health: string; lastError: string; lastScrape: string; scrapeUrl?: string }
export interface RuleState { name: string; type?: string; health?: string; lastError?: string }
export interface RuleGroupState { name: string; file?: string; health?: string; lastError?: string; rules: RuleState[] }

/** alertmanagers: the URLs of the active ones. */
export interface ApiReadings { targets: Fetched<ActiveTarget[]>; metricNames: Fetched<string[]>; rules: Fetched<RuleGroupState[]>; alertmanagers: Fetched<string[]> }
export interface PrometheusReadings {
  url: string;
  /** Milliseconds since the epoch when the readings were taken (for scrape ages). */
  now: number;
  api: { answering: false; error: string } | { answering: true; ready: boolean; readyDetail: string; version: string };
  /** null when the API was not reached (not answering, or not ready). */
  apis: ApiReadings | null;
  expectedJobs: string[];
  usages: Fetched<MetricUsage[]>;
  alertmanagerEnabled: boolean;
}

/** Series names targets export; recording-rule outputs (they contain ':') and ALERTS come from Prometheus itself. */
export const METRIC_NAME = /^(?:(?:tradewatch|process|nodejs)_[a-z0-9_]+|up)$/;

/** Metric names in a PromQL expression: strings, comments, label matchers, grouping labels and function names are not. */
export function metricNamesInExpr(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|#[^\n]*/g, ' ')
    .replace(/\$\{[^}]*\}|\$\w+/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const m of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const isCall = /^\s*\(/.test(bare.slice(m.index + m[0].length));
    if (!isCall && METRIC_NAME.test(m[0])) names.add(m[0]);
  }
  return [...names];
}

type RuleFile = { groups?: { name?: string; rules?: { alert?: string; record?: string; expr?: unknown }[] }[] } | null;

export function usagesFromRuleFile(fileName: string, text: string): MetricUsage[] {
  const doc = parse(text) as RuleFile;
  return (doc?.groups ?? []).flatMap((g) => (g.rules ?? []).flatMap((r) => {
    const usedBy = `${r.alert ? `alert ${r.alert}` : `record ${r.record ?? '?'}`} (${fileName})`;
    return metricNamesInExpr(String(r.expr ?? '')).map((metric) => ({ metric, usedBy }));
  }));
}

/** Every `expr` in a Grafana dashboard, at any depth (rows nest panels), named by dashboard and panel title. */
export function usagesFromDashboard(fileName: string, text: string): MetricUsage[] {
  const doc = JSON.parse(text) as { title?: string };
  const dashboard = `dashboard "${doc.title ?? fileName}"`;
  const out: MetricUsage[] = [];
  const walk = (node: unknown, panel: string | undefined): void => {
    if (Array.isArray(node)) { for (const n of node) walk(n, panel); return; }
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    const here = typeof o.title === 'string' && typeof o.type === 'string' ? o.title : panel;
    for (const [key, value] of Object.entries(o)) {
      if (key === 'expr' && typeof value === 'string') {
        for (const metric of metricNamesInExpr(value)) out.push({ metric, usedBy: here ? `${dashboard} panel "${here}"` : dashboard });
      } else walk(value, here);
    }
  };
  walk(doc, undefined);
  return out;
}

/** The job_name of every scrape config in a generated prometheus.yml. */
export function jobNamesIn(prometheusYml: string): string[] {
  return ((parse(prometheusYml) as { scrape_configs?: { job_name: string }[] }).scrape_configs ?? []).map((s) => s.job_name);
}

const age = (now: number, iso: string) => {
  const t = Date.parse(iso);
  if (!Number.isFinite(t) || t <= 0) return 'never scraped';
  const s = Math.max(0, (now - t) / 1000);
  return s < 120 ? `last scrape ${s.toFixed(1)} s ago` : `last scrape ${Math.round(s / 60)} min ago`;
};

export function judgeTargets(targets: ActiveTarget[], now: number): PromCheck[] {
  return targets.map((t) => {
    const name = `target ${t.labels.job ?? '?'} ${t.labels.instance ?? t.scrapeUrl ?? '?'}`;
    if (t.health === 'up') return { name, status: 'OK', detail: `up, ${age(now, t.lastScrape)}` };
    if (t.health === 'down') return { name, status: 'CRIT', detail: `down: ${t.lastError || 'no error given'}; ${age(now, t.lastScrape)}` };
    return { name, status: 'WARN', detail: `${t.health}: not scraped yet${t.lastError ? `; ${t.lastError}` : ''}` };
  });
}

export function judgeJobs(targets: ActiveTarget[], expected: string[]): PromCheck {
  const count = (job: string) => targets.filter((t) => t.labels.job === job).length;
  const missing = expected.filter((job) => count(job) === 0);
  if (missing.length) return { name: 'jobs', status: 'CRIT', detail: `no active target for job ${missing.join(', ')} (expected from the generated prometheus.yml: ${expected.join(', ')})` };
  return { name: 'jobs', status: 'OK', detail: expected.map((job) => `${job} (${count(job)} target${count(job) === 1 ? '' : 's'})`).join(', ') };
}

export function judgeMetrics(usages: MetricUsage[], present: string[]): PromCheck {
  const have = new Set(present);
  const byMetric = new Map<string, Set<string>>();
  for (const u of usages) byMetric.set(u.metric, (byMetric.get(u.metric) ?? new Set()).add(u.usedBy));
  const missing = [...byMetric].filter(([metric]) => !have.has(metric)).sort(([a], [b]) => a.localeCompare(b)).map(([metric, usedBy]) => ({ metric, usedBy: [...usedBy] }));
  if (missing.length === 0) return { name: 'metrics', status: 'OK', detail: `all ${byMetric.size} metrics used by the rules and dashboards have series` };
  const detail = `${missing.length} of ${byMetric.size} metrics used by the rules and dashboards have no series (some appear only after their first event)`;
  return { name: 'metrics', status: 'WARN', detail, missing };
}

export function judgeRules(groups: RuleGroupState[]): PromCheck[] {
  const bad = (x: { health?: string; lastError?: string }) => Boolean(x.lastError) || (x.health !== undefined && x.health !== 'ok' && x.health !== 'unknown');
  const rules = groups.flatMap((g) => g.rules.map((r) => ({ g, r })));
  const fail = (name: string, x: RuleState | RuleGroupState): PromCheck => ({ name, status: 'CRIT', detail: `${x.health ?? 'err'}: ${x.lastError ?? 'no error given'}` });
  const failing = [...groups.filter(bad).map((g) => fail(`rule group ${g.name}`, g)), ...rules.filter(({ r }) => bad(r)).map(({ g, r }) => fail(`rule ${g.name}/${r.name}`, r))];
  const pending = rules.filter(({ r }) => !bad(r) && r.health === 'unknown').length;
  const alerting = rules.filter(({ r }) => r.type === 'alerting').length;
  const counts = `${groups.length} groups, ${rules.length} rules (${alerting} alerting, ${rules.length - alerting} recording)`;
  let summary: PromCheck;
  if (groups.length === 0) summary = { name: 'rules', status: 'WARN', detail: 'no rule groups loaded: the rule files were not loaded (rule_files in prometheus.yml; check them with promtool check rules)' };
  else if (failing.length) summary = { name: 'rules', status: 'CRIT', detail: `${failing.length} failing of ${counts}` };
  else if (pending) summary = { name: 'rules', status: 'WARN', detail: `${counts}; ${pending} not evaluated yet` };
  else summary = { name: 'rules', status: 'OK', detail: `${counts}, all evaluating without error` };
  return [summary, ...failing];
}

export function judgeAlertmanagers(urls: string[], enabled: boolean): PromCheck {
  if (urls.length) return { name: 'alertmanager', status: 'OK', detail: `${urls.length} connected: ${urls.join(', ')}` };
  return enabled
    ? { name: 'alertmanager', status: 'CRIT', detail: 'none connected though observability.alertmanager.enabled is true: alerts go nowhere (is prometheus-alertmanager installed? see tradewatch stack status)' }
    : { name: 'alertmanager', status: 'OK', detail: 'disabled (observability.alertmanager.enabled is false)' };
}

const fetched = <T>(name: string, f: Fetched<T>, judge: (data: T) => PromCheck | PromCheck[]): PromCheck[] =>
  ('error' in f ? [{ name, status: 'CRIT', detail: f.error }] : [judge(f.data)].flat());

export function buildPrometheusReport(r: PrometheusReadings): PromReport {
  const checks: PromCheck[] = [];
  const a = r.api;
  if (!a.answering) checks.push({ name: 'api', status: 'CRIT', detail: `Prometheus is not answering at ${r.url}: ${a.error}; is \`tradewatch start\` running with prometheus installed (apt-get install prometheus)?` });
  else checks.push({ name: 'api', status: a.ready ? 'OK' : 'CRIT', detail: `${a.ready ? 'ready' : `not ready (${a.readyDetail})`}, Prometheus ${a.version} at ${r.url}` });
  const p = r.apis;
  if (!p) checks.push(...['targets', 'jobs', 'metrics', 'rules', 'alertmanager'].map((name) => ({ name, status: 'SKIP' as const, detail: 'not run: the Prometheus API is not available' })));
  else {
    checks.push(...fetched('targets', p.targets, (t) => (t.length ? judgeTargets(t, r.now) : { name: 'targets', status: 'CRIT', detail: 'no active targets' })));
    checks.push(...fetched('jobs', p.targets, (t) => judgeJobs(t, r.expectedJobs)));
    const usages = r.usages;
    if ('error' in usages) checks.push({ name: 'metrics', status: 'WARN', detail: `could not read the rules and dashboards: ${usages.error}` });
    else checks.push(...fetched('metrics', p.metricNames, (names) => judgeMetrics(usages.data, names)));
    checks.push(...fetched('rules', p.rules, judgeRules));
    checks.push(...fetched('alertmanager', p.alertmanagers, (urls) => judgeAlertmanagers(urls, r.alertmanagerEnabled)));
  }
  return { status: worstOf(checks.map((c) => (c.status === 'SKIP' ? 'OK' : c.status))), url: r.url, checks };
}
