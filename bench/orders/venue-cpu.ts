/**
 * The venue's own CPU time per order it received, read from its /metrics before and after a
 * transport's phases. Unlike orders per second it barely depends on how much CPU the bench client
 * takes from the venue on a shared machine, so it is the figure to compare between builds.
 * Null when the URL's process does not run the exchange (a gateway of a distributed deployment):
 * its order count then never moves.
 */
import { request } from './system.js';

export interface CpuMark {
  cpuSeconds: number;
  orders: number;
  /** Time the venue's event loop has been busy (null when its /metrics lacks the counter). */
  eventLoopBusySeconds: number | null;
  /** When the mark was taken (performance.now() of the bench). */
  atMs: number;
}

/** The venue's mark now, or null when its /metrics does not answer. */
export async function cpuMark(url: string): Promise<CpuMark | null> {
  const res = await request('GET', `${url}/metrics`);
  return res.status === 200 ? markOf(res.text, performance.now()) : null;
}

/**
 * process_cpu_seconds_total, the orders the exchange received (all commands) and the event loop's
 * busy time, from a text exposition; null without the first.
 */
export function markOf(exposition: string, atMs: number): CpuMark | null {
  let cpuSeconds: number | undefined;
  let eventLoopBusySeconds: number | null = null;
  let orders = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith('process_cpu_seconds_total ')) cpuSeconds = Number(line.split(' ')[1]);
    else if (line.startsWith('tradewatch_runtime_event_loop_busy_seconds_total ')) eventLoopBusySeconds = Number(line.split(' ')[1]);
    // A labelled counter has no series before its first order: none yet counts as zero.
    else if (line.startsWith('tradewatch_exchange_orders_received_total{')) orders += Number(line.split(' ').pop());
  }
  return cpuSeconds === undefined ? null : { cpuSeconds, orders, eventLoopBusySeconds, atMs };
}

/**
 * The share of time (0-1) the venue's event loop was busy between two marks. Near 1, orders queue
 * behind each other and the latency tail grows, whatever the rate.
 */
export function eventLoopBusyShare(before: CpuMark | null, after: CpuMark | null): number | null {
  if (before?.eventLoopBusySeconds == null || after?.eventLoopBusySeconds == null || after.atMs <= before.atMs) return null;
  return Math.round(((after.eventLoopBusySeconds - before.eventLoopBusySeconds) * 1000 / (after.atMs - before.atMs)) * 100) / 100;
}

/** Microseconds of venue CPU per order received between two marks. */
export function cpuPerOrderUs(before: CpuMark | null, after: CpuMark | null): number | null {
  if (!before || !after || after.orders <= before.orders) return null;
  return Math.round(((after.cpuSeconds - before.cpuSeconds) * 1e6) / (after.orders - before.orders));
}

/** A venue using less than this share of one core counts as quiet. */
const QUIET_CPU_SHARE = 0.3;
/**
 * How long it must stay quiet to count as settled: longer than the custodian's default
 * settlement delay for crypto (2 s), so that trades of the last phase are settled, not pending.
 */
const QUIET_FOR_MS = 3_000;
const SETTLE_POLL_MS = 500;

/**
 * Waits until the venue has worked off what the last phase (or its start-up) left it (the
 * custodian settles trades after a delay, the risk monitor follows fills): until its CPU use has
 * stayed below QUIET_CPU_SHARE of a core for `quietForMs`, or `limitMs` passes. Without this, a
 * phase would measure the venue catching up on the one before, not running at its own rate.
 * Returns how long it waited and its CPU share over the last poll, or null when the venue has no
 * /metrics to tell.
 */
export async function settle(url: string, limitMs: number, quietForMs = QUIET_FOR_MS): Promise<{ waitedMs: number; cpuShare: number } | null> {
  const started = performance.now();
  let last = await cpuMark(url);
  let lastAt = performance.now();
  let quietSince = lastAt;
  while (last) {
    await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
    const mark = await cpuMark(url);
    const now = performance.now();
    if (!mark) break;
    const cpuShare = (mark.cpuSeconds - last.cpuSeconds) / ((now - lastAt) / 1000);
    if (cpuShare >= QUIET_CPU_SHARE) quietSince = now;
    if (now - quietSince >= quietForMs || now - started >= limitMs) return { waitedMs: Math.round(now - started), cpuShare };
    last = mark;
    lastAt = now;
  }
  return null;
}
