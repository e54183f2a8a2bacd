/**
 * The two load shapes. Closed loop (max rate): every lane keeps `window` orders in flight and
 * sends the next as soon as one is answered. Open loop (paced): orders go out on a fixed
 * schedule whatever the venue does, and latency counts from the scheduled send time, so a stall
 * shows up in the percentiles instead of silently slowing the sender (coordinated omission).
 */
import { LatencyRecorder, type LatencySummary } from './latency.js';
import type { OrderMix } from './order-mix.js';
import type { OrderSender } from './sender.js';

export interface RunResult {
  /** Acknowledged orders per second of the run's duration. */
  rate: number;
  ok: number;
  errors: number;
  latency: LatencySummary;
  statuses: Record<string, number>;
  firstError: string | undefined;
}

/** How long in-flight orders may take to come back once a run's time is up. */
const DRAIN_MS = 10_000;
/** Open loop: past this many unanswered orders the venue is hopelessly behind; skip sends. */
const MAX_BACKLOG = 100_000;

/** Outcome bookkeeping shared by both loops. */
class Tally {
  readonly latencies = new LatencyRecorder();
  ok = 0;
  okInTime = 0;
  errors = 0;
  firstError: string | undefined;
  readonly statuses: Record<string, number> = {};

  /** Latency percentiles cover acknowledged orders only: send (or schedule) to ack. */
  record(ok: boolean, detail: string | undefined, latencyMs: number, inTime: boolean): void {
    if (ok) {
      this.latencies.add(latencyMs);
      this.ok++;
      if (inTime) this.okInTime++;
      const status = detail ?? 'unknown';
      this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    } else {
      this.errors++;
      this.firstError ??= detail;
    }
  }

  result(seconds: number): RunResult {
    return {
      rate: Math.round(this.okInTime / seconds), ok: this.ok, errors: this.errors,
      latency: this.latencies.summary(), statuses: this.statuses, firstError: this.firstError,
    };
  }
}

/** Runs a load loop; `start` gets a finish callback and returns the in-flight counter. */
function drained(seconds: number, tally: Tally, start: (finish: () => void) => () => number): Promise<RunResult> {
  return new Promise((resolve) => {
    let finished = false;
    let inFlight: () => number = () => 0;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      const lost = inFlight();
      if (lost > 0) {
        tally.errors += lost;
        tally.firstError ??= `${lost} orders unanswered ${DRAIN_MS} ms after the run ended`;
      }
      resolve(tally.result(seconds));
    };
    const deadline = setTimeout(finish, seconds * 1000 + DRAIN_MS);
    inFlight = start(finish);
  });
}

export function closedLoop(sender: OrderSender, mix: OrderMix, seconds: number): Promise<RunResult> {
  const tally = new Tally();
  return drained(seconds, tally, (finish) => {
    const end = performance.now() + seconds * 1000;
    let inFlight = 0;
    const fire = (lane: number) => {
      inFlight++;
      const sentAt = performance.now();
      sender.send(lane, mix.next(), (ok, detail) => {
        inFlight--;
        const now = performance.now();
        tally.record(ok, detail, now - sentAt, now <= end);
        if (now < end && !sender.broken) fire(lane);
        else if (inFlight === 0) finish();
      });
    };
    for (let lane = 0; lane < sender.lanes; lane++) {
      for (let i = 0; i < sender.window; i++) fire(lane);
    }
    return () => inFlight;
  });
}

export function openLoop(sender: OrderSender, mix: OrderMix, rate: number, seconds: number): Promise<RunResult> {
  const tally = new Tally();
  return drained(seconds, tally, (finish) => {
    const start = performance.now();
    const end = start + seconds * 1000;
    const total = Math.floor(rate * seconds);
    const intervalMs = 1000 / rate;
    let sent = 0;
    let inFlight = 0;
    const fire = (scheduledAt: number) => {
      inFlight++;
      sender.send(sent % sender.lanes, mix.next(), (ok, detail) => {
        inFlight--;
        const now = performance.now();
        tally.record(ok, detail, now - scheduledAt, now <= end + intervalMs);
        if (inFlight === 0 && (sent >= total || sender.broken)) finish();
      });
    };
    // Timers fire about once a millisecond, so each tick sends every order that has come due
    // since the last one; the lag of a tick is part of those orders' latency.
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) {
        if (inFlight >= MAX_BACKLOG) tally.record(false, `backlog over ${MAX_BACKLOG} orders; send skipped`, 0, false);
        else fire(start + sent * intervalMs);
        sent++;
      }
      if (sent < total && !sender.broken) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
      else if (inFlight === 0) finish();
    };
    tick();
    return () => inFlight;
  });
}
