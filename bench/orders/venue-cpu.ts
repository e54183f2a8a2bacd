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
}

/** The venue's mark now, or null when its /metrics does not answer. */
export async function cpuMark(url: string): Promise<CpuMark | null> {
  const res = await request('GET', `${url}/metrics`);
  return res.status === 200 ? markOf(res.text) : null;
}

/** process_cpu_seconds_total and the orders the exchange received (all commands) from a text exposition; null without the former. */
export function markOf(exposition: string): CpuMark | null {
  let cpuSeconds: number | undefined;
  let orders = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith('process_cpu_seconds_total ')) cpuSeconds = Number(line.split(' ')[1]);
    // A labelled counter has no series before its first order: none yet counts as zero.
    else if (line.startsWith('tradewatch_exchange_orders_received_total{')) orders += Number(line.split(' ').pop());
  }
  return cpuSeconds === undefined ? null : { cpuSeconds, orders };
}

/** Microseconds of venue CPU per order received between two marks. */
export function cpuPerOrderUs(before: CpuMark | null, after: CpuMark | null): number | null {
  if (!before || !after || after.orders <= before.orders) return null;
  return Math.round(((after.cpuSeconds - before.cpuSeconds) * 1e6) / (after.orders - before.orders));
}
