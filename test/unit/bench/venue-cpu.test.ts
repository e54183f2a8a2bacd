import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpuPerOrderUs, eventLoopBusyShare, markOf, settle, type CpuMark } from '../../../bench/orders/venue-cpu.js';

const exposition = (cpu: number, orders: Record<string, number>, eventLoopBusy?: number) => [
  '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
  '# TYPE process_cpu_seconds_total counter',
  `process_cpu_seconds_total ${cpu}`,
  'process_cpu_user_seconds_total 1.5',
  ...(eventLoopBusy === undefined ? [] : [`tradewatch_runtime_event_loop_busy_seconds_total ${eventLoopBusy}`]),
  ...Object.entries(orders).map(([command, n]) => `tradewatch_exchange_orders_received_total{command="${command}"} ${n}`),
  'tradewatch_exchange_orders_accepted_total{symbol="BTC-USD"} 999',
].join('\n');

const mark = (over: Partial<CpuMark>): CpuMark => ({ cpuSeconds: 0, orders: 0, eventLoopBusySeconds: null, atMs: 0, ...over });

describe('bench:orders venue CPU per order', () => {
  it('reads the process CPU, the event loop\'s busy time, and sums the orders received over every command', () => {
    assert.deepEqual(markOf(exposition(2.5, { submit: 300, cancel: 20 }, 1.25), 40), { cpuSeconds: 2.5, orders: 320, eventLoopBusySeconds: 1.25, atMs: 40 });
    assert.deepEqual(markOf(exposition(0.7, {}), 0), mark({ cpuSeconds: 0.7 }), 'no order yet: no series, zero orders; no busy-time counter: null');
    assert.equal(markOf('up 1\n', 0), null, 'not a tradewatch process');
  });

  it('divides the CPU between two marks by the orders between them; null when no order came in', () => {
    assert.equal(cpuPerOrderUs(mark({ cpuSeconds: 2 }), mark({ cpuSeconds: 6, orders: 10_000 })), 400);
    assert.equal(cpuPerOrderUs(mark({ cpuSeconds: 2 }), mark({ cpuSeconds: 6 })), null, 'a gateway whose exchange runs elsewhere');
    assert.equal(cpuPerOrderUs(null, mark({ cpuSeconds: 6, orders: 10 })), null);
  });

  it('gives the share of time the event loop was busy between two marks; null without the counter', () => {
    assert.equal(eventLoopBusyShare(mark({ eventLoopBusySeconds: 3, atMs: 1000 }), mark({ eventLoopBusySeconds: 7.5, atMs: 6000 })), 0.9);
    assert.equal(eventLoopBusyShare(mark({ atMs: 1000 }), mark({ atMs: 6000 })), null, 'a venue without the counter');
    assert.equal(eventLoopBusyShare(mark({ eventLoopBusySeconds: 3, atMs: 1000 }), null), null);
  });
});

/** A /metrics whose process CPU grows at one core while `busy()` says so, and stands still otherwise. */
async function venueWithCpu(busy: (elapsedMs: number) => boolean, metrics = true) {
  const started = performance.now();
  let cpu = 0;
  let at = started;
  const server = createServer((req, res) => {
    const now = performance.now();
    if (busy(now - started)) cpu += (now - at) / 1000;
    at = now;
    if (!metrics || req.url !== '/metrics') return res.writeHead(404).end();
    res.end(exposition(cpu, { submit: 1 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('bench:orders settling between phases', () => {
  it('waits while the venue is busy, then until it has been quiet for the time asked', async () => {
    const venue = await venueWithCpu((ms) => ms < 1200);
    try {
      const settled = await settle(venue.url, 10_000, 1000);
      assert.ok(settled && settled.waitedMs >= 1700 && settled.waitedMs < 4000, `waited ${settled?.waitedMs} ms`);
      assert.ok(settled.cpuShare < 0.3);
    } finally {
      await venue.close();
    }
  });

  it('gives up after the limit on a venue that stays busy, and answers null without /metrics', async () => {
    const busy = await venueWithCpu(() => true);
    const bare = await venueWithCpu(() => true, false);
    try {
      const settled = await settle(busy.url, 1500, 1000);
      assert.ok(settled && settled.waitedMs >= 1500 && settled.waitedMs < 2500, `waited ${settled?.waitedMs} ms`);
      assert.ok(settled.cpuShare > 0.5, `cpu share ${settled.cpuShare}`);
      assert.equal(await settle(bare.url, 1500, 1000), null);
    } finally {
      await busy.close();
      await bare.close();
    }
  });
});
