import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

/** Requests sent per burst; bursts go on until the gateway gives up on the client. */
const BURST = 2000;
/** Far more answers than the gateway holds (4 MB) plus what the kernel's socket buffers take. */
const MAX_REQUESTS = 400_000;

describe('WebSocket feeds drop a client that does not read', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  before(async () => {
    proc = await startInProcess({ strategyEngine: { enabled: false } });
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
  });
  after(() => proc.stop());

  const slowConsumers = async (feed: string) => {
    const text = await (await fetch(`${proc.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`tradewatch_marketdata_slow_consumers_total{feed="${feed}"}`));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };

  /** Sends `request` in bursts without reading the answers until the feed counts a slow consumer; returns the close code seen after reading again. */
  async function floodUntilDropped(path: string, feed: string, request: string): Promise<number> {
    const ws = new WebSocket(`${proc.url.replace('http', 'ws')}${path}`);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    const before = await slowConsumers(feed);
    ws.pause();
    let sent = 0;
    await waitFor(`${path} to drop the client`, async () => {
      for (let i = 0; i < BURST && sent < MAX_REQUESTS; i++, sent++) ws.send(request);
      return (await slowConsumers(feed)) > before;
    }, 60_000, 50);
    ws.resume();
    const code = await closed;
    assert.equal(await slowConsumers(feed), before + 1, 'counted once, though more was sent its way while it closed');
    return code;
  }

  it('/ws/market closes it with 1013 and counts it', async () => {
    assert.equal(await floodUntilDropped('/ws/market', 'market', JSON.stringify({ op: 'snapshot', symbol: 'BTC-USD' })), 1013);
  });

  it('/ws/exchange closes it with 1013 and counts it', async () => {
    assert.equal(await floodUntilDropped('/ws/exchange', 'exchange', '{"op":"subscribe"}'), 1013);
  });
});
