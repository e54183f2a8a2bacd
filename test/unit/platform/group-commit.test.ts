import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GroupCommitter, type Statement, type Store } from '../../../src/platform/store/index.js';

/**
 * A store whose commits only hand each batch's items to `onCommit` (which may fail the commit by
 * throwing): the committer's batching is what is tested. A batch's writes are one statement
 * carrying its items.
 */
const recordingStore = (onCommit: (items: number[]) => Promise<void>) =>
  ({ commit: (statements: readonly Statement[]) => onCommit(statements[0]!.params as number[]) }) as Store;
const writesOf = (items: number[]): Statement[] => [{ sql: 'batch', params: items }];

function committer(opts: { maxBatch?: number; gatherMs?: number } = {}) {
  const batches: number[][] = [];
  const gc = new GroupCommitter<number>(recordingStore(async (items) => { batches.push(items); }), writesOf, opts);
  return { gc, batches };
}

describe('GroupCommitter', () => {
  it('commits a lone item in a batch of its own', async () => {
    const { gc, batches } = committer();
    await gc.submit(1);
    assert.deepEqual(batches, [[1]]);
  });

  it('lets items arriving in consecutive turns share one commit, in submit order', async () => {
    // A generous wait limit: a slow machine must not cut the batch short here.
    const { gc, batches } = committer({ gatherMs: 10_000 });
    const acks: Promise<void>[] = [];
    for (let i = 1; i <= 5; i++) {
      acks.push(gc.submit(i));
      await nextTurn();
    }
    await Promise.all(acks);
    assert.deepEqual(batches, [[1, 2, 3, 4, 5]]);
  });

  it('stops gathering at maxBatch and commits the rest in the next batch', async () => {
    const { gc, batches } = committer({ maxBatch: 3 });
    const acks = [1, 2, 3, 4].map((i) => gc.submit(i));
    await Promise.all(acks);
    assert.deepEqual(batches, [[1, 2, 3], [4]]);
  });

  it('commits what it has once gatherMs is up, however steady the stream', async () => {
    const { gc, batches } = committer({ gatherMs: 20 });
    const acks: Promise<void>[] = [];
    const until = performance.now() + 200;
    while (performance.now() < until) {
      acks.push(gc.submit(acks.length));
      await nextTurn();
    }
    await Promise.all(acks);
    assert.ok(batches.length >= 3, `a 200 ms stream with a 20 ms wait limit went out in ${batches.length} commit(s)`);
    assert.deepEqual(batches.flat(), acks.map((_, i) => i));
  });

  it('with minIntervalMs, commits an item after a quiet spell at once, and holds the next ones to share a commit that long after it', async () => {
    const batches: { items: number[]; at: number }[] = [];
    const gc = new GroupCommitter<number>(recordingStore(async (items) => { batches.push({ items, at: performance.now() }); }), writesOf, { minIntervalMs: 1000 });
    const submitted = performance.now();
    await gc.submit(1);
    assert.equal(batches.length, 1, 'the first item did not wait for the interval');
    const acks: Promise<void>[] = [];
    for (let i = 2; i <= 4; i++) {
      acks.push(gc.submit(i));
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(batches.length, 1, 'items within the interval are held');
    await Promise.all(acks);
    assert.deepEqual(batches.map((b) => b.items), [[1], [2, 3, 4]]);
    assert.ok(batches[0]!.at - submitted < 1000, 'the first commit started before the interval could have passed');
    assert.ok(batches[1]!.at - batches[0]!.at >= 999, `commits started ${batches[1]!.at - batches[0]!.at} ms apart`);
  });

  it('rejects every item of a batch whose transaction fails, and goes on with the next', async () => {
    let calls = 0;
    const gc = new GroupCommitter<number>(recordingStore(async () => { if (calls++ === 0) throw new Error('disk full'); }), writesOf, { maxBatch: 2 });
    const results = await Promise.allSettled([gc.submit(1), gc.submit(2), gc.submit(3)]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'fulfilled']);
  });

  it('submitAll settles with each item\'s own outcome when its items straddle a failed and a good commit', async () => {
    let calls = 0;
    const batches: number[][] = [];
    const gc = new GroupCommitter<number>(recordingStore(async (items) => {
      batches.push(items);
      if (calls++ === 0) throw new Error('disk full');
    }), writesOf, { maxBatch: 2 });
    const errors = await gc.submitAll([1, 2, 3]);
    assert.deepEqual(batches, [[1, 2], [3]]);
    assert.deepEqual(errors.map((e) => (e as Error | undefined)?.message), ['disk full', 'disk full', undefined]);
    assert.deepEqual(await gc.submitAll([]), []);
  });

  it('submitAll keeps submit order with items submitted one by one around it', async () => {
    const { gc, batches } = committer({ gatherMs: 10_000 });
    const first = gc.submit(1);
    const all = gc.submitAll([2, 3]);
    const last = gc.submit(4);
    await Promise.all([first, all, last]);
    assert.deepEqual(batches.flat(), [1, 2, 3, 4]);
    assert.deepEqual(await all, [undefined, undefined]);
  });
});
