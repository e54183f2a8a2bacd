/** The service benchmark's targets on the reference machine, and whether a run met them. */
import type { Transport } from './args.js';

export const TARGETS = { ws_orders_per_s: 20_000, http_orders_per_s: 8_000, p99_ms_at_half_rate: 10 };

export interface TransportResult {
  orders_per_s: number;
  half_rate: { rate: number; p99_ms: number };
}

export interface TargetsMet {
  orders_per_s: boolean;
  /** null: the paced phase ran below half of the target rate, so this target was not measured. */
  p99_at_half_rate: boolean | null;
}

const rateTarget = (transport: Transport) => (transport === 'ws' ? TARGETS.ws_orders_per_s : TARGETS.http_orders_per_s);

/** The rate the latency target holds at: half of the transport's rate target. */
export const halfTargetRate = (transport: Transport) => rateTarget(transport) / 2;

/**
 * Whether one transport's run met its targets. The latency target holds at half of the target
 * rate: a paced phase slower than that (by default it paces at exactly that rate; --paced can set
 * a slower one) says nothing about it, so it counts as not measured rather than as a pass.
 */
export function targetsMet(transport: Transport, r: TransportResult): TargetsMet {
  const halfTarget = halfTargetRate(transport);
  return {
    orders_per_s: r.orders_per_s >= rateTarget(transport),
    p99_at_half_rate: r.half_rate.rate < halfTarget ? null : r.half_rate.p99_ms < TARGETS.p99_ms_at_half_rate,
  };
}

/**
 * One line for a person: each target, met or not, and how to measure the latency one. With
 * `clientP99Ms` (the client's own p99 against the echo server at half of the target rate), it
 * says how much of the latency budget the client and the machine take before any venue does.
 */
export function describeTargetsMet(transport: Transport, r: TransportResult, met: TargetsMet, clientP99Ms?: number): string {
  const yes = (ok: boolean) => (ok ? 'met' : 'not met');
  const halfTarget = halfTargetRate(transport);
  const client = clientP99Ms === undefined ? '' : ` (the client alone, against the echo server at ${halfTarget}/s: p99 ${clientP99Ms} ms)`;
  const latency = met.p99_at_half_rate === null
    ? `not measured (paced at ${r.half_rate.rate}/s; measure it with --transport ${transport} --paced ${halfTarget})`
    : `${r.half_rate.p99_ms} ms at ${r.half_rate.rate}/s, target < ${TARGETS.p99_ms_at_half_rate} ms: ${yes(met.p99_at_half_rate)}${client}`;
  return `${transport} targets: ${r.orders_per_s} orders/s, target ${rateTarget(transport)}: ${yes(met.orders_per_s)}; p99 at half the target rate: ${latency}`;
}
