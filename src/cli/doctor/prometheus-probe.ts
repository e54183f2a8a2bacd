/** The I/O of `doctor prometheus`: Prometheus's HTTP API, and the rule and dashboard files the metrics are taken from. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../app/config.js';
import { prometheusConfig } from '../../services/observability/prometheus-config.js';
import {
  jobNamesIn, usagesFromDashboard, usagesFromRuleFile,
  type ActiveTarget, type Fetched, type MetricUsage, type PrometheusReadings, type RuleGroupState,
} from './prometheus-checks.js';

const TIMEOUT_MS = 3000;

/** fetch's "fetch failed" hides the reason in its cause (ECONNREFUSED, ENOTFOUND); a timeout says so. */
function reason(err: unknown): string {
  const e = err as Error & { cause?: { message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  return e.cause?.message ? `${e.message} (${e.cause.message})` : e.message;
}

async function get(url: string): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
}

/** GET one API endpoint and unwrap Prometheus's { status, data, error } envelope. */
async function api<T>(base: string, path: string): Promise<Fetched<T>> {
  try {
    const res = await get(`${base}${path}`);
    const body = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: string } | null;
    if (res.ok && body?.status === 'success' && body.data !== undefined) return { data: body.data };
    return { error: `GET ${path} answered HTTP ${res.status}${body?.error ? `: ${body.error}` : ''}` };
  } catch (err) {
    return { error: `GET ${path} failed: ${reason(err)}` };
  }
}

const map = <T, U>(f: Fetched<T>, fn: (data: T) => U): Fetched<U> => ('error' in f ? f : { data: fn(f.data) });

/** Where each metric is used by the rule files (*.yml, *.yaml) and dashboards (*.json) in these folders. */
export function readUsages(rulesDir: string, dashboardsDir: string): Fetched<MetricUsage[]> {
  try {
    const files = (dir: string, ext: RegExp) => readdirSync(dir).filter((f) => ext.test(f)).sort();
    const at = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
    const wrap = <T>(f: string, fn: () => T) => { try { return fn(); } catch (err) { throw new Error(`${f}: ${(err as Error).message}`, { cause: err }); } };
    return {
      data: [
        ...files(rulesDir, /\.ya?ml$/).flatMap((f) => wrap(f, () => usagesFromRuleFile(f, at(rulesDir, f)))),
        ...files(dashboardsDir, /\.json$/).flatMap((f) => wrap(f, () => usagesFromDashboard(f, at(dashboardsDir, f)))),
      ],
    };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The scrape jobs `tradewatch start` configures, from the same generator it uses. */
export function expectedJobs(config: AppConfig): string[] {
  const o = config.observability;
  return jobNamesIn(prometheusConfig({
    targets: [`${config.server.host}:${config.server.port}`, ...o.prometheus.extraTargets], ruleFiles: [],
    alertmanager: o.alertmanager.enabled ? `127.0.0.1:${o.alertmanager.port}` : null, self: `127.0.0.1:${o.prometheus.port}`,
    scrapeIntervalSeconds: o.prometheus.scrapeIntervalSeconds, evaluationIntervalSeconds: o.prometheus.evaluationIntervalSeconds,
  }));
}

export interface ProbeOptions { url: string; rulesDir: string; dashboardsDir: string; config: AppConfig }

export async function probePrometheus(o: ProbeOptions): Promise<PrometheusReadings> {
  const base = o.url.replace(/\/+$/, '');
  const common = {
    url: base, expectedJobs: expectedJobs(o.config), usages: readUsages(o.rulesDir, o.dashboardsDir),
    alertmanagerEnabled: o.config.observability.alertmanager.enabled,
  };
  let ready: Response;
  try {
    ready = await get(`${base}/-/ready`);
  } catch (err) {
    return { ...common, now: Date.now(), api: { answering: false, error: reason(err) }, apis: null };
  }
  const readyDetail = `HTTP ${ready.status}: ${(await ready.text().catch(() => '')).trim().slice(0, 200)}`;
  const build = await api<{ version: string }>(base, '/api/v1/status/buildinfo');
  const version = 'error' in build ? `version unknown (${build.error})` : build.data.version;
  const apiState = { answering: true as const, ready: ready.ok, readyDetail, version };
  if (!ready.ok) return { ...common, now: Date.now(), api: apiState, apis: null };
  const [targets, metricNames, rules, alertmanagers] = await Promise.all([
    api<{ activeTargets: ActiveTarget[] }>(base, '/api/v1/targets?state=active'),
    api<string[]>(base, '/api/v1/label/__name__/values'),
    api<{ groups: RuleGroupState[] }>(base, '/api/v1/rules'),
    api<{ activeAlertmanagers: { url: string }[] }>(base, '/api/v1/alertmanagers'),
  ]);
  return {
    ...common, now: Date.now(), api: apiState,
    apis: {
      targets: map(targets, (d) => d.activeTargets), metricNames,
      rules: map(rules, (d) => d.groups), alertmanagers: map(alertmanagers, (d) => d.activeAlertmanagers.map((a) => a.url)),
    },
  };
}
