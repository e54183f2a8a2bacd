import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ExchangeRepository } from '../../src/services/exchange/adapters/exchange-repository.js';
import { storeAdapters, type StoreAdapter } from '../support/exchange-stores.js';

for (const adapter of await storeAdapters('snapshots')) {
  describe(`exchange snapshots in the store: ${adapter.name}`, { skip: adapter.skip }, () => {
    let opened: Awaited<ReturnType<StoreAdapter['open']>> | undefined;
    let repo: ExchangeRepository;

    before(async () => {
      opened = await adapter.open();
      repo = new ExchangeRepository(opened.store);
      await repo.migrate();
    });
    after(async () => { await opened?.dispose(); });

    it('keeps only the newest, body whole, and gives none newer than the journal end it is asked for', async () => {
      assert.equal(await repo.latestSnapshot(100), null);
      // A body of some megabytes, as a venue with many live orders writes.
      const big = JSON.stringify({ live: Array.from({ length: 20_000 }, (_, i) => ({ orderId: i, account: `acct-${i % 97}`, requestId: 'r'.repeat(64) })) });
      await repo.saveSnapshot(40, 1000, 'aaaa0001', '{"at":40}');
      await repo.saveSnapshot(90, 2000, 'aaaa0002', big);
      assert.deepEqual(await repo.latestSnapshot(100), { seq: 90, stateHash: 'aaaa0002', body: big });
      assert.equal(await repo.latestSnapshot(89), null, 'the older one is gone; the newer is ahead of a journal that ends at 89');
      await repo.saveSnapshot(90, 3000, 'other', '{}');
      assert.equal((await repo.latestSnapshot(90))?.stateHash, 'aaaa0002', 'a second snapshot of the same entry leaves the first');
    });
  });
}
