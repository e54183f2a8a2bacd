/** Judging the machine's readings: pure (no I/O), so it can be tested with made-up numbers. */
import { EXIT_FOR, worstOf, type Status } from './status.js';

export { EXIT_FOR, type Status };

/** Every limit `doctor vm` judges against; a value exactly at a limit counts as that level. */
export const VM_THRESHOLDS = {
  loadPerCore: { warn: 0.8, crit: 1.5 },
  memoryUsed: { warn: 0.85, crit: 0.95 },
  swapUsed: { warn: 0.25, crit: 0.75 },
  diskUsed: { warn: 0.85, crit: 0.95 },
  fileHandlesUsed: { warn: 0.7, crit: 0.9 },
  openFilesSoftLimitBelow: 4096,
} as const;

export const TOP_N = 5;

/** A reading that could not be taken, and why. */
export interface Unavailable { unavailable: string }
export type Maybe<T> = T | Unavailable;
export const isUnavailable = (x: object): x is Unavailable => 'unavailable' in x;

export interface ProcessSample { pid: number; name: string; cpuPercent: number; rssBytes: number }

export interface VmReadings {
  cpuCount: number;
  loadAvg1: number;
  loadAvg5: number;
  memory: { totalBytes: number; availableBytes: number; source: string };
  /** totalBytes 0 means no swap is configured. */
  swap: Maybe<{ totalBytes: number; freeBytes: number }>;
  /** path is the data dir's nearest existing ancestor (itself when it exists), the one measured. */
  disk: Maybe<{ dataDir: string; path: string; totalBytes: number; freeBytes: number; availableBytes: number }>;
  fileHandles: Maybe<{ allocated: number; max: number }>;
  /** Soft "Max open files" of a process started from here (Infinity when unlimited). */
  openFilesSoftLimit: Maybe<{ soft: number }>;
  processes: Maybe<{ source: string; list: ProcessSample[] }>;
}

export interface CheckResult {
  name: string;
  status: Status;
  /** The number judged (a fraction, or load per core, or a limit); null when it was not measured. */
  measured: number | null;
  value: string;
  threshold: string;
}

export interface VmReport {
  status: Status;
  checks: CheckResult[];
  topByCpu: ProcessSample[];
  topByMemory: ProcessSample[];
  /** Where the process lists came from (/proc or ps), or why there are none. */
  processSource: string;
}

const level = (x: number, t: { warn: number; crit: number }): Status => (x >= t.crit ? 'CRIT' : x >= t.warn ? 'WARN' : 'OK');
const pct = (f: number) => `${+(f * 100).toFixed(1)}%`;
const limits = (t: { warn: number; crit: number }, show: (n: number) => string) => `warn >= ${show(t.warn)}, crit >= ${show(t.crit)}`;

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}

function fraction(name: string, used: number, t: { warn: number; crit: number }, detail: string): CheckResult {
  return { name, status: level(used, t), measured: used, value: `${pct(used)} used (${detail})`, threshold: limits(t, pct) };
}

function notMeasured(name: string, why: string, threshold: string): CheckResult {
  return { name, status: 'OK', measured: null, value: `not measured: ${why}`, threshold };
}

function load(minutes: number, loadAvg: number, cpus: number): CheckResult {
  const perCore = loadAvg / cpus;
  return {
    name: `cpu load ${minutes}m`, status: level(perCore, VM_THRESHOLDS.loadPerCore), measured: perCore,
    value: `${perCore.toFixed(2)}/core (load ${loadAvg.toFixed(2)} on ${cpus} core${cpus === 1 ? '' : 's'})`,
    threshold: limits(VM_THRESHOLDS.loadPerCore, (n) => `${n}/core`),
  };
}

/** One result per check, in a fixed order. */
export function judgeVm(r: VmReadings): CheckResult[] {
  const T = VM_THRESHOLDS;
  const cpus = Math.max(1, r.cpuCount);
  const checks = [load(1, r.loadAvg1, cpus), load(5, r.loadAvg5, cpus)];

  const m = r.memory;
  const memUsed = m.totalBytes > 0 ? (m.totalBytes - m.availableBytes) / m.totalBytes : 0;
  checks.push(fraction('memory', memUsed, T.memoryUsed, `${formatBytes(m.totalBytes - m.availableBytes)} of ${formatBytes(m.totalBytes)}; ${m.source}`));

  const s = r.swap;
  if (isUnavailable(s)) checks.push(notMeasured('swap', s.unavailable, limits(T.swapUsed, pct)));
  else if (s.totalBytes <= 0) checks.push({ name: 'swap', status: 'OK', measured: 0, value: 'no swap', threshold: limits(T.swapUsed, pct) });
  else checks.push(fraction('swap', (s.totalBytes - s.freeBytes) / s.totalBytes, T.swapUsed, `${formatBytes(s.totalBytes - s.freeBytes)} of ${formatBytes(s.totalBytes)}`));

  const d = r.disk;
  if (isUnavailable(d)) checks.push(notMeasured('disk', d.unavailable, limits(T.diskUsed, pct)));
  else {
    // As df: blocks reserved for root count as neither used nor available.
    const used = d.totalBytes - d.freeBytes;
    const usedFraction = used + d.availableBytes > 0 ? used / (used + d.availableBytes) : 0;
    const where = d.path === d.dataDir ? d.path : `${d.path}; data dir not created yet`;
    checks.push(fraction('disk', usedFraction, T.diskUsed, `${formatBytes(d.availableBytes)} free of ${formatBytes(d.totalBytes)}, ${where}`));
  }

  const f = r.fileHandles;
  if (isUnavailable(f)) checks.push(notMeasured('file handles', f.unavailable, limits(T.fileHandlesUsed, pct)));
  else checks.push(fraction('file handles', f.max > 0 ? f.allocated / f.max : 0, T.fileHandlesUsed, `${f.allocated} allocated of ${f.max} max, system-wide`));

  const o = r.openFilesSoftLimit;
  const below = T.openFilesSoftLimitBelow;
  if (isUnavailable(o)) checks.push(notMeasured('open files limit', o.unavailable, `warn < ${below}`));
  else {
    const low = o.soft < below;
    checks.push({
      name: 'open files limit', status: low ? 'WARN' : 'OK', measured: Number.isFinite(o.soft) ? o.soft : null,
      value: `soft limit ${Number.isFinite(o.soft) ? o.soft : 'unlimited'} per process${low ? '; a busy gateway needs more (raise ulimit -n / LimitNOFILE)' : ''}`,
      threshold: `warn < ${below}`,
    });
  }
  return checks;
}

export function worstStatus(checks: CheckResult[]): Status {
  return worstOf(checks.map((c) => c.status));
}

export function topBy(list: ProcessSample[], key: 'cpuPercent' | 'rssBytes', n = TOP_N): ProcessSample[] {
  return [...list].sort((a, b) => b[key] - a[key] || a.pid - b.pid).slice(0, n);
}

export function buildVmReport(r: VmReadings): VmReport {
  const checks = judgeVm(r);
  const p = r.processes;
  const list = isUnavailable(p) ? [] : p.list;
  return {
    status: worstStatus(checks), checks, topByCpu: topBy(list, 'cpuPercent'), topByMemory: topBy(list, 'rssBytes'),
    processSource: isUnavailable(p) ? `unavailable: ${p.unavailable}` : p.source,
  };
}
