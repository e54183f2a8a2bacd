import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WalCheckpointer } from '../../../src/platform/store/wal-checkpointer.js';
import { tempDir } from '../../support/cli-process.js';

/** A database in WAL mode that checkpoints only when asked, as the store's writer is, with a table to insert into. */
function walWriter() {
  const dir = tempDir('tw-wal-');
  const file = join(dir, 'ledger.sqlite');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  return { dir, file, writer, insert: writer.prepare('INSERT INTO t (v) VALUES (?)') };
}

describe('WalCheckpointer', () => {
  it('hands a file it cannot open back to the writer, and says which and why', async () => {
    const dir = tempDir('tw-wal-');
    const missing = join(dir, 'never-created.sqlite');
    // The worker is unref'd: this timer keeps the test's event loop alive until it answers.
    const keepAlive = setTimeout(() => undefined, 10_000);
    let checkpointer!: WalCheckpointer;
    const unwatched = await new Promise<string>((resolve) => {
      checkpointer = new WalCheckpointer(() => assert.fail('no restart is due for a file it never opened'), resolve);
      checkpointer.watch(missing, -1); // no file, so no descriptor either
    });
    clearTimeout(keepAlive);
    assert.equal(unwatched, missing);
    assert.match(checkpointer.failure ?? '', /never-created\.sqlite: cannot open it to checkpoint/);
    await checkpointer.stop();
    assert.equal(checkpointer.running, false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishRestart copies everything the WAL holds, so the writer\'s next commit starts the WAL over instead of growing it', async () => {
    const { dir, file, writer, insert } = walWriter();
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    const walSize = () => statSync(`${file}-wal`).size;
    const checkpointer = new WalCheckpointer(() => undefined, () => assert.fail('the file is watched'));
    const syncFd = openSync(file, 'r');
    try {
      assert.equal(await checkpointer.finishRestart(file), false, 'a file it does not watch');
      checkpointer.watch(file, syncFd);
      insert.run('one more, before');
      const grown = walSize();
      insert.run('and another');
      assert.ok(walSize() > grown, 'without a restart, each commit appends to the WAL');
      const full = walSize();
      assert.equal(await checkpointer.finishRestart(file), true);
      insert.run('after the restart');
      assert.equal(walSize(), full, 'the commit went to the start of the WAL, which kept its size');
      assert.deepEqual(writer.prepare('SELECT COUNT(*) AS n FROM t').get(), { n: 203 });
    } finally {
      await checkpointer.stop();
      writer.close();
      closeSync(syncFd);
    }
    assert.equal(await checkpointer.finishRestart(file), false, 'once stopped');
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs the database file after each pass that copied WAL frames into it, and not while nothing new arrives', async () => {
    const { dir, file, writer, insert } = walWriter();
    const checkpointer = new WalCheckpointer(() => undefined, () => assert.fail('the file is watched'));
    const syncFd = openSync(file, 'r');
    // Passes run every 200 ms: waits for a sync to be reported, up to 3 s.
    const syncedPast = async (count: number) => {
      for (let waited = 0; checkpointer.syncs(file) <= count && waited < 3000; waited += 50) await sleep(50);
      return checkpointer.syncs(file);
    };
    try {
      checkpointer.watch(file, syncFd);
      insert.run('x');
      const first = await syncedPast(0);
      assert.ok(first >= 1, 'a pass copied the insert and synced the file');
      await sleep(700);
      assert.equal(checkpointer.syncs(file), first, 'three idle passes copy nothing and sync nothing');
      insert.run('y');
      assert.equal(await syncedPast(first), first + 1, 'the next insert is copied and synced once');
    } finally {
      await checkpointer.stop();
      writer.close();
      closeSync(syncFd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs in a process started with --input-type=module (an eval\'d script), whose flags its worker must not take', () => {
    const dir = tempDir('tw-wal-');
    const module = pathToFileURL(resolve(import.meta.dirname, '../../../src/platform/store/sqlite-store.ts')).href;
    const script = `import { SqliteStore } from ${JSON.stringify(module)};
      const store = new SqliteStore(process.argv[1]);
      await store.migrate('ledger', [{ version: 1, name: 't', sql: 'CREATE TABLE ledger.t (id INTEGER)' }]);
      await store.execute('INSERT INTO ledger.t (id) VALUES ($1)', [1]);
      await new Promise((r) => setTimeout(r, 500));
      console.log((await store.health()).detail);
      await store.close();`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { encoding: 'utf8', timeout: 60_000 });
    rmSync(dir, { recursive: true, force: true });
    assert.equal(child.status, 0, child.stderr);
    assert.match(child.stdout, /sqlite .* \(1 schemas\)/);
    assert.doesNotMatch(child.stdout, /checkpoint trouble/);
  });
});
