import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { issueKey } from '../support/api-keys.js';
import { startCli, tempDir } from '../support/cli-process.js';
import { waitFor } from '../support/wait-for.js';

interface Ack { order: { order_id: string; status: string }; trades: { trade_id: string }[] }

/** The house strategies stay out: every order and trade in the books is the test's own. */
const NO_STRATEGIES = { TRADEWATCH_STRATEGY_ENGINE__ENABLED: 'false' };
const ready = async (url: string) => waitFor('ready', async () => (await fetch(`${url}/health/ready`)).status === 200, 20_000);
const post = (url: string, key: string, body: unknown) => fetch(`${url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body) });

/** Every MSFT order's or trade's id, a page of 1,000 at a time. */
async function listAll(url: string, key: string, kind: 'orders' | 'trades', idField: string): Promise<string[]> {
  const ids: string[] = [];
  for (let before: string | null = ''; before !== null;) {
    const page = await (await fetch(`${url}/api/v1/${kind}?symbol=MSFT&limit=1000${before ? `&before=${before}` : ''}`, { headers: { 'x-api-key': key } })).json() as Record<string, unknown>;
    ids.push(...(page[kind] as Record<string, string>[]).map((r) => r[idField]!));
    before = page.next_before as string | null;
  }
  return ids;
}

describe('exchange durability', () => {
  // In a worker thread (exchange.thread worker) an acknowledgement crosses to the main thread after the commit.
  for (const thread of ['main', 'worker']) {
    it(`after SIGKILL mid-stream, past a snapshot, every acknowledged order and trade is there exactly once (exchange on the ${thread} thread)`, async () => {
      const dataDir = tempDir('tw-kill-');
      const key = await issueKey({ dataDir, database: {} }, 'trader');
      // Snapshots every 100 entries: the kill comes after one, so the restart restores it and replays the entries after it.
      const first = await startCli(['--data-dir', dataDir], { ...NO_STRATEGIES, TRADEWATCH_EXCHANGE__THREAD: thread, TRADEWATCH_EXCHANGE__SNAPSHOT_EVERY_ENTRIES: '100' });
      await ready(first.url);
      const quote = await (await fetch(`${first.url}/api/v1/market/MSFT`)).json() as { bid: string };
      const mid = Math.round(Number(quote.bid));
      const acked: Ack[] = [];
      let i = 0;
      // Four senders of crossing buys and sells; the process is killed while they run.
      const sender = async () => {
        for (;;) {
          const n = i++;
          const res = await post(first.url, key, { account: `acct-${n % 3}`, symbol: 'MSFT', side: n % 2 ? 'sell' : 'buy', price: (mid + (n % 5) - 2).toFixed(2), quantity: String(1 + (n % 7)) }).catch(() => null);
          if (!res) return;
          if (res.status === 201) acked.push(await res.json() as Ack);
        }
      };
      const senders = [sender(), sender(), sender(), sender()];
      await waitFor('some orders acknowledged', () => acked.length >= 200, 20_000);
      await waitFor('a snapshot stored', () => first.output().includes('snapshot of the exchange state after journal entry'), 20_000);
      const afterSnapshot = acked.length;
      await waitFor('orders acknowledged after it', () => acked.length >= afterSnapshot + 100, 20_000);
      first.child.kill('SIGKILL');
      await Promise.all(senders);

      const second = await startCli(['--data-dir', dataDir], NO_STRATEGIES);
      try {
        await ready(second.url);
        const recovered = JSON.parse(second.output().split('\n').find((l) => l.includes('exchange recovered'))!) as { fromSnapshot: number | null; entries: number };
        assert.ok(recovered.fromSnapshot !== null && recovered.entries > 0, `restored a snapshot and replayed the entries after it: ${JSON.stringify(recovered)}`);
        const orderIds = await listAll(second.url, key, 'orders', 'order_id');
        const stored = new Set(orderIds);
        assert.equal(stored.size, orderIds.length, 'no order stored twice');
        for (const a of acked) assert.ok(stored.has(a.order.order_id), `acknowledged order ${a.order.order_id} lost`);
        const tradeIds = await listAll(second.url, key, 'trades', 'trade_id');
        const storedTrades = new Set(tradeIds);
        assert.equal(storedTrades.size, tradeIds.length, 'no trade stored twice');
        const ackedTrades = acked.flatMap((a) => a.trades.map((t) => t.trade_id));
        assert.ok(ackedTrades.length > 0, 'the stream traded');
        for (const id of ackedTrades) assert.ok(storedTrades.has(id), `acknowledged trade ${id} lost`);
      } finally {
        await second.signal('SIGTERM');
      }
    });
  }

  it('a clean stop and restart rebuilds the books to the same state hash; a kill later leaves nothing to compare, not a mismatch', async () => {
    const dataDir = tempDir('tw-hash-');
    const key = await issueKey({ dataDir, database: {} }, 'trader');
    const first = await startCli(['--data-dir', dataDir], NO_STRATEGIES);
    let stoppedAt: number | undefined;
    await ready(first.url);
    const quote = await (await fetch(`${first.url}/api/v1/market/SPY`)).json() as { bid: string };
    const mid = Math.round(Number(quote.bid));
    for (let n = 0; n < 40; n++) {
      const res = await post(first.url, key, { account: `a${n % 4}`, symbol: 'SPY', side: n % 2 ? 'sell' : 'buy', price: (mid + (n % 9) - 4).toFixed(2), quantity: '3' });
      assert.equal(res.status, 201);
    }
    assert.equal((await first.signal('SIGTERM')).code, 0);
    const second = await startCli(['--data-dir', dataDir], NO_STRATEGIES);
    try {
      const line = await waitFor('recovery log line', () => second.output().split('\n').find((l) => l.includes('exchange recovered')));
      const recovered = JSON.parse(line) as { fromSnapshot: number | null; entries: number; matchesLastStop: boolean | null };
      assert.ok(recovered.fromSnapshot! >= 40, 'the stop took a snapshot of the state after the last entry');
      assert.equal(recovered.entries, 0, 'and the start restored it, with nothing to replay');
      assert.equal(recovered.matchesLastStop, true, 'state hash after restoring equals the hash recorded at stop');
      stoppedAt = recovered.fromSnapshot!;
      // More orders, then a kill: the hash recorded at the first stop no longer describes the journal.
      await ready(second.url);
      assert.equal((await post(second.url, key, { account: 'a0', symbol: 'SPY', side: 'buy', price: (mid - 4).toFixed(2), quantity: '3' })).status, 201);
    } finally {
      second.child.kill('SIGKILL');
    }
    const third = await startCli(['--data-dir', dataDir], NO_STRATEGIES);
    try {
      const line = await waitFor('recovery log line', () => third.output().split('\n').find((l) => l.includes('exchange recovered')));
      const recovered = JSON.parse(line) as { fromSnapshot: number | null; entries: number; matchesLastStop: boolean | null };
      assert.equal(recovered.fromSnapshot, stoppedAt, 'the snapshot of the first stop');
      assert.ok(recovered.entries >= 1, 'and the entries after it replayed');
      assert.equal(recovered.matchesLastStop, null, 'after a kill there is no clean stop to compare with, and no mismatch to report');
      assert.doesNotMatch(third.output(), /state hash after replay differs/);
    } finally {
      await third.signal('SIGTERM');
    }
  });
});
