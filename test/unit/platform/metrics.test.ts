import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMetricsRegistry } from '../../../src/platform/telemetry/index.js';

const BUSY = 'tradewatch_runtime_event_loop_busy_seconds_total';

async function busySeconds(registry: ReturnType<typeof createMetricsRegistry>): Promise<number> {
  const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${BUSY} `));
  assert.ok(line, `${BUSY} is exposed`);
  return Number(line.split(' ')[1]);
}

describe('process metrics', () => {
  it('count the time the event loop runs code, and not the time it waits', async () => {
    const registry = createMetricsRegistry();
    const start = await busySeconds(registry);
    const until = performance.now() + 300;
    while (performance.now() < until) { /* a 300 ms stretch of synchronous work */ }
    const afterWork = await busySeconds(registry);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterWait = await busySeconds(registry);
    assert.ok(afterWork - start >= 0.28, `300 ms of work counted as ${(afterWork - start).toFixed(3)} s`);
    assert.ok(afterWait - afterWork < 0.15, `300 ms of waiting counted as ${(afterWait - afterWork).toFixed(3)} s`);
  });
});
