import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openedRepository, storeAdapters } from '../support/exchange-stores.js';

for (const adapter of await storeAdapters('snapshots')) {
  describe(`exchange snapshots in the store: ${adapter.name}`, { skip: adapter.skip }, () => {
    const opened = openedRepository(adapter);

    it('keeps only the newest, its text whole across parts, and gives none newer than the journal end it is asked for', async () => {
      const { store, repo } = opened;
      assert.equal(await repo.latestSnapshot(100), null);
      // Text of some megabytes in pieces, as a venue with many live orders writes it: several parts.
      const pieces = Array.from({ length: 300 }, (_, i) => `${i === 0 ? '[' : ','}${JSON.stringify({ piece: i, text: 'x'.repeat(10_000 + i) })}`).concat(']');
      await repo.saveSnapshot(40, 1000, 'aaaa0001', ['{"at":40}']);
      assert.deepEqual(await repo.saveSnapshot(90, 2000, 'aaaa0002', pieces), { bytes: pieces.join('').length });
      assert.deepEqual(await repo.latestSnapshot(100), { seq: 90, stateHash: 'aaaa0002', body: pieces.join('') });
      assert.ok((await store.query('SELECT part FROM exchange.snapshot_parts')).length > 1, 'stored in several parts');
      assert.equal(await repo.latestSnapshot(89), null, 'the older one is gone; the newer is ahead of a journal that ends at 89');

      await store.execute('DELETE FROM exchange.snapshot_parts WHERE part = 1');
      await assert.rejects(repo.latestSnapshot(100), /the snapshot after entry 90 has \d+ of its \d+ parts/);
      await repo.saveSnapshot(95, 3000, 'aaaa0003', ['{"at":95}']);
      assert.deepEqual(await repo.latestSnapshot(100), { seq: 95, stateHash: 'aaaa0003', body: '{"at":95}' });
      assert.deepEqual(await store.query('SELECT seq, part FROM exchange.snapshot_parts'), [{ seq: 95, part: 0 }], 'the older parts are gone');
    });
  });
}
