import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { SerialLock } from '../../../src/platform/store/serial-lock.js';

describe('SerialLock', () => {
  it('runs holders one at a time, in arrival order, each getting its own result', async () => {
    const lock = new SerialLock();
    const log: string[] = [];
    const holder = (name: string, turns: number) => lock.run(async () => {
      log.push(`${name} in`);
      for (let i = 0; i < turns; i++) await nextTurn();
      log.push(`${name} out`);
      return name;
    });
    const results = await Promise.all([holder('a', 3), holder('b', 1), holder('c', 0)]);
    assert.deepEqual(results, ['a', 'b', 'c']);
    assert.deepEqual(log, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('hands a holder\'s error, thrown or rejected, to its caller alone; the next holder still runs', async () => {
    const lock = new SerialLock();
    const thrown = lock.run(() => { throw new Error('sync failure'); });
    const rejected = lock.run(async () => { await nextTurn(); throw new Error('async failure'); });
    const after = lock.run(() => 'still runs');
    await assert.rejects(thrown, /sync failure/);
    await assert.rejects(rejected, /async failure/);
    assert.equal(await after, 'still runs');
  });
});
