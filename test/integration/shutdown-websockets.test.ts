import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { issueKey } from '../support/api-keys.js';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

/** Far below ws's own close timeout (30 s), which is what a stop used to wait for. */
const STOP_LIMIT_MS = 10_000;

describe('stopping with a WebSocket client that does not read', () => {
  it('tells it 1001 and stops without waiting for its answer', async () => {
    const proc = await startInProcess({ strategyEngine: { enabled: false } });
    const key = await issueKey(proc.config, 'trader');
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
    const ws = new WebSocket(`${proc.url.replace('http', 'ws')}/ws/orders`, { headers: { 'x-api-key': key } });
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    ws.pause(); // it will never see the close frame, so it never answers it
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));

    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<'hung'>((resolve) => { timer = setTimeout(() => resolve('hung'), STOP_LIMIT_MS); });
    const outcome = await Promise.race([proc.stop().then(() => 'stopped' as const), limit]);
    clearTimeout(timer);
    assert.equal(outcome, 'stopped', `the stop finished within ${STOP_LIMIT_MS} ms`);
    ws.resume();
    assert.equal(await closed, 1001, 'it was told the server is going away');
  });
});
