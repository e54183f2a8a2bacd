/** Gathering the machine's readings for `doctor vm`: the only I/O (/proc, os, fs, ps); judging is in vm-checks.ts. */
import { spawnSync } from 'node:child_process';
import { readdirSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { readTextIfThere } from '../../platform/files/index.js';
import type { Maybe, ProcessSample, VmReadings } from './vm-checks.js';

/** USER_HZ, the unit of the times in /proc/<pid>/stat: 100 on every Linux architecture. */
const CLK_TCK = 100;

/** /proc/meminfo in bytes, or null without /proc. */
function meminfo(): Map<string, number> | null {
  const text = readTextIfThere('/proc/meminfo');
  if (text === undefined) return null;
  const fields = new Map<string, number>();
  for (const match of text.matchAll(/^([\w()]+):\s+(\d+)( kB)?$/gm)) fields.set(match[1]!, Number(match[2]) * (match[3] ? 1024 : 1));
  return fields;
}

function memory(info: Map<string, number> | null): VmReadings['memory'] {
  const total = info?.get('MemTotal');
  const available = info?.get('MemAvailable');
  if (total !== undefined && available !== undefined) return { totalBytes: total, availableBytes: available, source: '/proc/meminfo MemAvailable' };
  return { totalBytes: os.totalmem(), availableBytes: os.freemem(), source: 'os.freemem()' };
}

function swap(info: Map<string, number> | null): VmReadings['swap'] {
  const total = info?.get('SwapTotal');
  const free = info?.get('SwapFree');
  if (total === undefined || free === undefined) return { unavailable: 'no SwapTotal/SwapFree in /proc/meminfo' };
  return { totalBytes: total, freeBytes: free };
}

/** statfs of the data dir, or of its nearest existing parent when it has not been created yet. */
function disk(dataDir: string): VmReadings['disk'] {
  const target = resolve(dataDir);
  let path = target;
  for (;;) {
    try {
      const s = statfsSync(path);
      return { dataDir: target, path, totalBytes: s.blocks * s.bsize, freeBytes: s.bfree * s.bsize, availableBytes: s.bavail * s.bsize };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(path) === path) return { unavailable: `statfs ${path}: ${(err as Error).message}` };
      path = dirname(path);
    }
  }
}

function fileHandles(): VmReadings['fileHandles'] {
  const [allocated, , max] = (readTextIfThere('/proc/sys/fs/file-nr') ?? '').trim().split(/\s+/).map(Number);
  if (allocated === undefined || max === undefined || !Number.isFinite(allocated) || !Number.isFinite(max)) {
    return { unavailable: 'no /proc/sys/fs/file-nr' };
  }
  return { allocated, max };
}

/** The soft limit this process has, which a tradewatch started from the same shell or unit would inherit. */
function openFilesSoftLimit(): VmReadings['openFilesSoftLimit'] {
  const soft = /^Max open files\s+(\S+)/m.exec(readTextIfThere('/proc/self/limits') ?? '')?.[1];
  if (soft === undefined) return { unavailable: 'no "Max open files" in /proc/self/limits' };
  return { soft: soft === 'unlimited' ? Infinity : Number(soft) };
}

/** Every process but this one and its children (tsx's esbuild), from /proc; %CPU as ps computes it (CPU time over lifetime). */
function fromProc(): ProcessSample[] | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const uptime = Number((readTextIfThere('/proc/uptime') ?? '').split(' ')[0]);
  if (pids.length === 0 || !Number.isFinite(uptime)) return null;
  const list: ProcessSample[] = [];
  for (const pid of pids) {
    const stat = readTextIfThere(`/proc/${pid}/stat`);
    if (stat === undefined) continue; // exited meanwhile
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 of proc(5), the state
    if (Number(pid) === process.pid || Number(fields[1]) === process.pid) continue;
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    const lifetime = uptime - Number(fields[19]) / CLK_TCK;
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readTextIfThere(`/proc/${pid}/status`) ?? '')?.[1] ?? 0); // kernel threads have none
    list.push({ pid: Number(pid), name: stat.slice(stat.indexOf('(') + 1, close), cpuPercent: lifetime > 0 ? Math.round((1000 * cpuSeconds) / lifetime) / 10 : 0, rssBytes: rssKb * 1024 });
  }
  return list;
}

function fromPs(): ProcessSample[] | string {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid=,%cpu=,rss=,comm='], { encoding: 'utf8', timeout: 5000 });
  if (r.error) return `ps: ${r.error.message}`;
  if (r.status !== 0) return `ps exited ${r.status}: ${r.stderr.trim()}`;
  const list: ProcessSample[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(.*)$/.exec(line);
    if (m && Number(m[1]) !== process.pid && Number(m[2]) !== process.pid) list.push({ pid: Number(m[1]), name: m[5]!.trim(), cpuPercent: Number(m[3]), rssBytes: Number(m[4]) * 1024 });
  }
  return list;
}

function processes(): Maybe<{ source: string; list: ProcessSample[] }> {
  const proc = fromProc();
  if (proc !== null) return { source: '/proc', list: proc };
  const ps = fromPs();
  return typeof ps === 'string' ? { unavailable: `no /proc/<pid>/stat, and ${ps}` } : { source: 'ps', list: ps };
}

export function gatherVmReadings(dataDir: string): VmReadings {
  const info = meminfo();
  const [loadAvg1 = 0, loadAvg5 = 0] = os.loadavg();
  return {
    cpuCount: os.cpus().length, // the load average counts every CPU of the machine, not just those this process may use
    loadAvg1, loadAvg5,
    memory: memory(info),
    swap: swap(info),
    disk: disk(dataDir),
    fileHandles: fileHandles(),
    openFilesSoftLimit: openFilesSoftLimit(),
    processes: processes(),
  };
}
