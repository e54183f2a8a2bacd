import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startInProcess } from '../support/in-process.js';
import { waitFor } from '../support/wait-for.js';

interface Msg { type: string; symbol: string; seq: number; error?: { code: string; message: string } }

describe('WebSocket /ws/market', () => {
  let proc: Awaited<ReturnType<typeof startInProcess>>;
  before(async () => {
    proc = await startInProcess();
    await waitFor('ready', async () => (await fetch(`${proc.url}/health/ready`)).status === 200);
  });
  after(() => proc.stop());

  const connect = async () => {
    const ws = new WebSocket(`${proc.url.replace('http', 'ws')}/ws/market`);
    const messages: Msg[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Msg));
    await new Promise((r, j) => { ws.once('open', r); ws.once('error', j); });
    return { ws, messages };
  };

  it('sends a snapshot per symbol, then gap-free updates for every instrument', async () => {
    const symbols = ['BTC-USD', 'ETH-USD', 'SOL-USD', 'USDC-USD', 'USDT-USD', 'AAPL', 'MSFT', 'SPY'];
    const { ws, messages } = await connect();
    ws.send(JSON.stringify({ op: 'subscribe', symbols }));
    await waitFor('20 updates per symbol', () => symbols.every((s) => messages.filter((m) => m.symbol === s && m.type === 'update').length >= 20), 10_000);
    ws.close();
    for (const s of symbols) {
      const mine = messages.filter((m) => m.symbol === s);
      assert.equal(mine[0]!.type, 'snapshot', `${s} starts with a snapshot`);
      for (let i = 1; i < mine.length; i++) assert.equal(mine[i]!.seq, mine[i - 1]!.seq + 1, `${s} gap after seq ${mine[i - 1]!.seq}`);
    }
  });

  it('answers a snapshot request and counts subscribers', async () => {
    const { ws, messages } = await connect();
    ws.send(JSON.stringify({ op: 'subscribe', symbols: ['AAPL'] }));
    await waitFor('subscriber gauge', async () => /tradewatch_marketdata_subscribers\{symbol="AAPL"\} 1/.test(await (await fetch(`${proc.url}/metrics`)).text()));
    ws.send(JSON.stringify({ op: 'snapshot', symbol: 'AAPL' }));
    await waitFor('second snapshot', () => messages.filter((m) => m.type === 'snapshot').length === 2);
    ws.close();
    await waitFor('gauge back to 0', async () => /tradewatch_marketdata_subscribers\{symbol="AAPL"\} 0/.test(await (await fetch(`${proc.url}/metrics`)).text()));
  });

  it('bad messages get an error and the connection stays usable', async () => {
    const { ws, messages } = await connect();
    ws.send('not json');
    ws.send(JSON.stringify({ op: 'subscribe', symbols: ['NOPE'] }));
    ws.send(JSON.stringify({ op: 'dance' }));
    ws.send(JSON.stringify({ op: 'subscribe' }));
    ws.send('[1]');
    ws.send(JSON.stringify({ op: 'subscribe', symbols: ['SPY'] }));
    await waitFor('snapshot after errors', () => messages.some((m) => m.type === 'snapshot'));
    const errors = messages.filter((m) => m.type === 'error').map((m) => m.error!);
    assert.deepEqual(errors.map((e) => e.code), ['INVALID_JSON', 'UNKNOWN_SYMBOL', 'INVALID_REQUEST', 'INVALID_REQUEST', 'INVALID_JSON']);
    assert.match(errors[2]!.message, /^op: .*'subscribe' \| 'unsubscribe' \| 'snapshot'; expected \{"op":"subscribe"/, 'names the field and shows a request');
    assert.match(errors[3]!.message, /^symbols: required; expected/);
    ws.close();
  });
});
