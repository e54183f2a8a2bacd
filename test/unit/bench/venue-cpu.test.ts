import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpuPerOrderUs, markOf } from '../../../bench/orders/venue-cpu.js';

const exposition = (cpu: number, orders: Record<string, number>) => [
  '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
  '# TYPE process_cpu_seconds_total counter',
  `process_cpu_seconds_total ${cpu}`,
  'process_cpu_user_seconds_total 1.5',
  ...Object.entries(orders).map(([command, n]) => `tradewatch_exchange_orders_received_total{command="${command}"} ${n}`),
  'tradewatch_exchange_orders_accepted_total{symbol="BTC-USD"} 999',
].join('\n');

describe('bench:orders venue CPU per order', () => {
  it('reads the process CPU and sums the orders received over every command', () => {
    assert.deepEqual(markOf(exposition(2.5, { submit: 300, cancel: 20 })), { cpuSeconds: 2.5, orders: 320 });
    assert.deepEqual(markOf(exposition(0.7, {})), { cpuSeconds: 0.7, orders: 0 }, 'no order yet: no series, zero orders');
    assert.equal(markOf('up 1\n'), null, 'not a tradewatch process');
  });

  it('divides the CPU between two marks by the orders between them; null when no order came in', () => {
    assert.equal(cpuPerOrderUs({ cpuSeconds: 2, orders: 0 }, { cpuSeconds: 6, orders: 10_000 }), 400);
    assert.equal(cpuPerOrderUs({ cpuSeconds: 2, orders: 0 }, { cpuSeconds: 6, orders: 0 }), null, 'a gateway whose exchange runs elsewhere');
    assert.equal(cpuPerOrderUs(null, { cpuSeconds: 6, orders: 10 }), null);
  });
});
