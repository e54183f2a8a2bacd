import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

/** More orders than the kernel's socket buffers hold answers for (a few MB each way on loopback). */
const FLOOD = 40_000;
const LIMITS = { maxInFlight: 16, maxUnsentBytes: 16 * 1024 };

async function metric(url: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function openOrders(url: string, key: string): Promise<{ ws: WebSocket; answers: string[] }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws/orders`, { headers: { 'x-api-key': key } });
  const answers: string[] = [];
  ws.on('message', (d) => answers.push((JSON.parse(d.toString()) as { req_id: string }).req_id));
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return { ws, answers };
}

describe('order entry flow control (/ws/orders)', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  let key = '';
  let order = (reqId: string) => reqId;
  before(async () => {
    proc = await startInProcess({ strategyEngine: { enabled: false }, gateway: { orderEntry: LIMITS } });
    key = await issueKey(proc.config, 'trader', 1_000_000);
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    const bid = Number((await (await fetch(`${proc.url}/api/v1/market/AAPL`)).json() as { bid: string }).bid);
    // Resting buys from one account: no trades, so every order is one received, one accepted.
    order = (reqId) => JSON.stringify({ op: 'new', req_id: reqId, account: 'flow', symbol: 'AAPL', side: 'buy', type: 'limit', price: (Math.floor(bid) - 1).toFixed(2), quantity: '1' });
  });
  after(() => proc.stop());

  it('stops reading a client that does not read its answers, then answers every order once it does', async () => {
    const received = () => metric(proc.url, 'tradewatch_exchange_orders_received_total', 'command="submit"');
    const before = await received();
    const { ws, answers } = await openOrders(proc.url, key);
    ws.pause();
    for (let i = 0; i < FLOOD; i++) ws.send(order(`f${i}`));

    // Reading stops and starts while the kernel's buffers take answers in; then it stays stopped.
    let last = -1;
    const stalled = await waitFor('reading to stop for good', async () => {
      const now = await received();
      const still = now === last;
      last = now;
      return still && now > before ? now : null;
    }, 30_000, 500);
    assert.ok(stalled - before < FLOOD, `only part of the flood was read: ${stalled - before} of ${FLOOD}`);
    assert.ok(await metric(proc.url, 'tradewatch_gateway_order_entry_throttled_total', 'reason="unsent"') > 0, 'counted as throttled for unsent answers');

    ws.resume();
    await waitFor(`all ${FLOOD} answers`, () => answers.length === FLOOD, 60_000);
    assert.equal(new Set(answers).size, FLOOD, 'each order answered once');
    assert.equal(await received() - before, FLOOD, 'every order reached the exchange');
    ws.close();
  });

  it('holds a pipelining client to its in-flight limit without refusing or losing an order', async () => {
    const throttled = () => metric(proc.url, 'tradewatch_gateway_order_entry_throttled_total', 'reason="in_flight"');
    const before = await throttled();
    const { ws, answers } = await openOrders(proc.url, key);
    for (let i = 0; i < 500; i++) ws.send(order(`p${i}`));
    await waitFor('500 answers', () => answers.length === 500, 30_000);
    assert.deepEqual(new Set(answers), new Set(Array.from({ length: 500 }, (_, i) => `p${i}`)));
    assert.ok(await throttled() > before, 'reading paused at the in-flight limit');
    ws.close();
  });
});
