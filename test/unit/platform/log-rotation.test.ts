import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, openLogFile } from '../../../src/platform/telemetry/index.js';
import { logFiles, searchLogs } from '../../../src/platform/telemetry/log-search.js';
import { tempDir } from '../../support/cli-process.js';

const discard = new Writable({ write: (_chunk, _enc, done) => done() });

describe('log files', () => {
  it('rotate by size, keep the newest files, and are searched across the rotation', async () => {
    const dir = tempDir('tw-logrot-');
    const file = await openLogFile({ dir, name: 'tradewatch', maxFileMb: 1, maxFiles: 3 });
    const logger = createLogger({ level: 'info', file, stdout: discard });
    const padding = 'x'.repeat(500);
    // About 4.8 MB: four rotations at 1 MB. The size is checked once per turn of the event loop,
    // so a file may run past the limit by what one turn logs (here 50 lines).
    for (let i = 0; i < 8000; i++) {
      logger.info({ seq: i, service: 'exchange', padding }, `line ${i}`);
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    await new Promise((r) => setTimeout(r, 200)); // the last roll deletes the oldest file asynchronously

    const names = readdirSync(dir).sort();
    assert.ok(names.every((n) => /^tradewatch\.\d+\.log$/.test(n)), names.join(', '));
    assert.ok(names.length <= 3, `at most 3 files, found ${names.join(', ')}`);
    assert.ok(names.length >= 2, 'it rotated');
    for (const n of names) assert.ok(statSync(join(dir, n)).size < 1.1 * 1024 * 1024, `${n} stays near 1 MB`);

    const files = logFiles(dir);
    const lines = await searchLogs(files, { service: 'exchange' }, 100_000);
    const seqs = lines.map((l) => l.seq as number);
    assert.equal(seqs.at(-1), 7999, 'the newest line is last');
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'files are read oldest first');
    assert.ok(seqs[0]! > 0, 'the oldest lines went with the deleted files');
  });
});
