/**
 * bench:orders: order-entry throughput and latency of a running venue (SQLite persistence) over
 * loopback, on WebSocket (/ws/orders) and HTTP (POST /api/v1/orders), next to the same client
 * driving an in-process echo server (the client's own ceiling, and its own p99 at half of each
 * target rate). One JSON line on stdout; progress on stderr. Phases per transport: warm-up, max
 * rate (closed loop), half of the target rate (open loop; --paced sets another).
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs, USAGE, VENUE_TARGETS, type BenchArgs, type Transport } from './args.js';
import { startEchoServer } from './echo-server.js';
import { httpSender } from './http-sender.js';
import { closedLoop, openLoop, type RunResult } from './load.js';
import { OrderMix, type Instrument } from './order-mix.js';
import { medianOfRuns, type VenueRunResult } from './repeat.js';
import type { OrderSender } from './sender.js';
import { attach, fetchInstrument, hasOrderRoute, launch, type System } from './system.js';
import { describeTargetsMet, halfTargetRate, TARGETS, targetsMet } from './targets.js';
import { cpuMark, cpuPerOrderUs, eventLoopBusyShare, settle } from './venue-cpu.js';
import { openWsSender } from './ws-sender.js';

const SYMBOL = 'BTC-USD';
/** Used by the baseline, which has no market endpoint; the venue's own values replace it. */
const DEFAULT_INSTRUMENT: Instrument = { symbol: SYMBOL, tickSize: '0.01', lotSize: '0.0001' };

/** Longest wait for the venue to settle between the max-rate and the paced phase. */
const SETTLE_LIMIT_MS = 30_000;

const log = (msg: string) => process.stderr.write(`[bench:orders] ${msg}\n`);

function openSender(transport: Transport, url: string, args: BenchArgs, apiKey = ''): Promise<OrderSender> {
  if (transport === 'ws') return openWsSender(url, args.connections, args.wsWindow, apiKey);
  return Promise.resolve(httpSender(url, args.connections * 8, args.connections * 16, apiKey));
}

/** Errors seen so far against the venue (baseline errors are logged, not counted). */
let venueErrors = 0;

function describe(label: string, r: RunResult): string {
  const statuses = Object.entries(r.statuses).map(([k, v]) => `${k}=${v}`).join(' ');
  // No acks, no percentiles (they would print as NaN): the errors say why.
  const latency = r.ok === 0 ? 'no order acknowledged' : `${r.rate}/s acked, p50 ${r.latency.p50_ms} ms, p99 ${r.latency.p99_ms} ms, p99.9 ${r.latency.p999_ms} ms`;
  return `${label}: ${latency}, ${r.errors} errors${statuses ? `; statuses ${statuses}` : ''}`;
}

/** Runs a phase and accounts its errors; the first error body of each phase goes to stderr. */
async function phase(label: string, run: Promise<RunResult>, counted: boolean): Promise<RunResult> {
  const result = await run;
  log(describe(label, result));
  if (result.firstError) log(`${label}: first error: ${result.firstError}`);
  if (counted) venueErrors += result.errors;
  return result;
}

async function maxRate(sender: OrderSender, mix: OrderMix, args: BenchArgs, label: string, counted: boolean): Promise<RunResult> {
  await phase(`${label} warm-up`, closedLoop(sender, mix, args.warmupSeconds), counted);
  return phase(`${label} max rate`, closedLoop(sender, mix, args.seconds), counted);
}

/**
 * One run of a transport's phases against the venue: max rate, then paced. Each starts once the
 * venue is quiet, so that neither measures the venue working off what came before it (start-up,
 * the last phase, the other transport's run).
 */
async function venueRun(transport: Transport, label: string, system: System, sender: OrderSender, mix: OrderMix, args: BenchArgs): Promise<VenueRunResult> {
  await settleVenue(system, label, 'the max-rate phase');
  const before = await cpuMark(system.url);
  const max = await maxRate(sender, mix, args, label, true);
  await settleVenue(system, label, 'the paced phase');
  const rate = args.pacedRate ?? halfTargetRate(transport);
  const pacedFrom = await cpuMark(system.url);
  const half = await phase(`${label} paced at ${rate}/s`, openLoop(sender, mix, rate, args.seconds), true);
  const after = await cpuMark(system.url);
  const busy = eventLoopBusyShare(pacedFrom, after);
  const pacedCpuUs = cpuPerOrderUs(pacedFrom, after);
  if (busy !== null) log(`${label}: the venue's event loop was busy ${Math.round(busy * 100)}% of the paced phase, at ${pacedCpuUs} us of CPU per order (near 100%, orders queue and the p99 grows)`);
  const cpuUs = cpuPerOrderUs(before, after);
  log(`${label}: venue CPU per order ${cpuUs === null ? 'unknown (no exchange metrics at this URL)' : `${cpuUs} us`} over its three phases`);
  return {
    orders_per_s: max.rate, p50_ms: max.latency.p50_ms, p99_ms: max.latency.p99_ms, p999_ms: max.latency.p999_ms,
    half_rate: { rate, p50_ms: half.latency.p50_ms, p99_ms: half.latency.p99_ms, p999_ms: half.latency.p999_ms, venue_event_loop_busy: busy, venue_cpu_us_per_order: pacedCpuUs },
    venue_cpu_us_per_order: cpuUs,
  };
}

async function settleVenue(system: System, label: string, next: string): Promise<void> {
  const settled = await settle(system.url, SETTLE_LIMIT_MS);
  if (settled) log(`${label}: venue quiet after ${settled.waitedMs} ms, before ${next} (CPU ${Math.round(settled.cpuShare * 100)}% of a core)`);
}

/**
 * A transport's runs (--repeat), each judged against the targets; with more than one, the result
 * is their median (see repeat.ts) and lists every run.
 */
async function benchVenue(transport: Transport, system: System, mix: OrderMix, args: BenchArgs, clientP99Ms: number | undefined) {
  const sender = await openSender(transport, system.url, args, system.apiKey);
  try {
    const runs: VenueRunResult[] = [];
    for (let i = 1; i <= args.repeat; i++) {
      const label = args.repeat === 1 ? transport : `${transport} run ${i}/${args.repeat}`;
      const run = await venueRun(transport, label, system, sender, mix, args);
      if (args.repeat > 1) log(`${label}: ${describeTargetsMet(transport, run, targetsMet(transport, run))}`);
      runs.push(run);
    }
    const repeated = runs.length > 1;
    const result = repeated ? medianOfRuns(runs) : runs[0]!;
    const met = targetsMet(transport, result);
    log(`${repeated ? `${transport}, the median of ${runs.length} runs: ` : ''}${describeTargetsMet(transport, result, met, clientP99Ms)}`);
    if (!repeated) return { ...result, targets_met: met };
    return { ...result, targets_met: met, runs: runs.map((run) => ({ ...run, targets_met: targetsMet(transport, run) })) };
  } finally {
    await sender.close();
  }
}

interface EchoBaseline {
  rate: number;
  p99AtHalfTarget: number;
}

/**
 * The client against the echo server: its own maximum rate, and its own p99 paced at the rate the
 * latency target holds at. That p99 is the part of the venue's figure the client and the machine
 * account for (sending on schedule, reading acks, sharing the CPUs), whatever the venue does.
 */
async function benchBaseline(transport: Transport, args: BenchArgs): Promise<EchoBaseline> {
  const echo = await startEchoServer();
  const sender = await openSender(transport, echo.url, args);
  try {
    const mix = new OrderMix(DEFAULT_INSTRUMENT, { mid: args.mid });
    const label = `baseline ${transport} echo`;
    const { rate } = await maxRate(sender, mix, args, label, false);
    const pacedRate = halfTargetRate(transport);
    const paced = await phase(`${label} paced at ${pacedRate}/s`, openLoop(sender, mix, pacedRate, args.seconds), false);
    return { rate, p99AtHalfTarget: paced.latency.p99_ms };
  } finally {
    await sender.close();
    await echo.stop();
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  const args = parseArgs(process.argv.slice(2));
  // Client and venue share these CPUs: a busy machine lowers every number below.
  log(`${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  // Baseline first, before a venue is started, so the two never compete for CPU.
  const echoBaselines: Partial<Record<Transport, EchoBaseline>> = {};
  for (const transport of args.transports) echoBaselines[transport] = await benchBaseline(transport, args);

  const results: Record<Transport, unknown> = { ws: null, http: null };
  if (!args.baselineOnly) {
    let system: System | undefined;
    try {
      system = args.url ? await attach(args.url, args.apiKey) : await launch(VENUE_TARGETS[args.venue], log);
      if (!(await hasOrderRoute(system.url))) throw new Error(`${system.url} has no POST /api/v1/orders yet (404): is the exchange service in this build?`);
      const instrument = await fetchInstrument(system.url, SYMBOL);
      log(`${SYMBOL}: tick ${instrument.tickSize}, lot ${instrument.lotSize}, mid ${args.mid}`);
      const mix = new OrderMix(instrument, { mid: args.mid });
      for (const transport of args.transports) results[transport] = await benchVenue(transport, system, mix, args, echoBaselines[transport]?.p99AtHalfTarget);
    } finally {
      await system?.stop();
    }
  }
  const baseline = {
    ws_echo_per_s: echoBaselines.ws?.rate ?? null, http_echo_per_s: echoBaselines.http?.rate ?? null,
    ws_echo_p99_ms_at_half_target: echoBaselines.ws?.p99AtHalfTarget ?? null, http_echo_p99_ms_at_half_target: echoBaselines.http?.p99AtHalfTarget ?? null,
  };
  process.stdout.write(`${JSON.stringify({ bench: 'orders', venue: args.url ? 'attached' : args.venue, ...results, baseline, targets: TARGETS, errors: venueErrors })}\n`);
}

main().catch((err: unknown) => {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
