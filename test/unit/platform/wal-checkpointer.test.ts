import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { WalCheckpointer } from '../../../src/platform/store/wal-checkpointer.js';
import { tempDir } from '../../support/cli-process.js';

describe('WalCheckpointer', () => {
  it('hands a file it cannot open back to the writer, and says which and why', async () => {
    const dir = tempDir('tw-wal-');
    const missing = join(dir, 'never-created.sqlite');
    // The worker is unref'd: this timer keeps the test's event loop alive until it answers.
    const keepAlive = setTimeout(() => undefined, 10_000);
    let checkpointer!: WalCheckpointer;
    const unwatched = await new Promise<string>((resolve) => {
      checkpointer = new WalCheckpointer(() => assert.fail('no restart is due for a file it never opened'), resolve);
      checkpointer.watch(missing);
    });
    clearTimeout(keepAlive);
    assert.equal(unwatched, missing);
    assert.match(checkpointer.failure ?? '', /never-created\.sqlite: cannot open it to checkpoint/);
    await checkpointer.stop();
    assert.equal(checkpointer.running, false);
    rmSync(dir, { recursive: true, force: true });
  });
});
