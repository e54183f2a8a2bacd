import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigInvalid, StoreUnavailable } from '../../src/platform/errors/index.js';
import { openStore, rowInserts, PostgresStore, SqliteStore, sqliteIntegerKeys, withIndexes, type IndexSpec, type Migration, type Store } from '../../src/platform/store/index.js';
import { tempDir } from '../support/cli-process.js';
import { postgresSkip, TEST_PG_URL, uniqueName } from '../support/services.js';

/** Listed out of order on purpose: 2 reads the table 1 creates, so it only works if 1 runs first. */
const baseMigrations = (s: string): Migration[] => [
  { version: 2, name: 'counter', sql: `CREATE TABLE ${s}.counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO ${s}.counter (id, n) SELECT 1, COUNT(*) FROM ${s}.items` },
  { version: 1, name: 'items', sql: `CREATE TABLE ${s}.items (id INTEGER PRIMARY KEY, big BIGINT, name TEXT, score REAL, note TEXT)` },
];
const dialectMigration = (s: string): Migration => ({
  version: 3, name: 'dialect', sql: { sqlite: `CREATE TABLE ${s}.made_by_sqlite (id INTEGER)`, postgres: `CREATE TABLE ${s}.made_by_postgres (id INTEGER)` },
});

interface Adapter {
  name: string; skip: string | false; open(): Promise<Store>; dispose(store: Store, schema: string): Promise<void>;
  /** Another store on the same data dir or database as the one open() made last; null where nothing is shared. */
  twin: (() => Promise<Store>) | null;
}

const dirs: string[] = [];
const sqliteInTempDir = async () => new SqliteStore(dirs[dirs.push(tempDir('tw-store-')) - 1]!);
const adapters: Adapter[] = [
  { name: 'sqlite (files)', skip: false, open: sqliteInTempDir, dispose: (store) => store.close(), twin: async () => new SqliteStore(dirs[dirs.length - 1]!) },
  { name: 'sqlite (:memory:)', skip: false, open: async () => new SqliteStore(':memory:'), dispose: (store) => store.close(), twin: null },
  {
    name: 'postgres', skip: await postgresSkip(), open: () => PostgresStore.open(TEST_PG_URL), twin: () => PostgresStore.open(TEST_PG_URL),
    dispose: async (store, schema) => {
      await store.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await store.close();
    },
  },
];
after(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

for (const adapter of adapters) {
  describe(`store contract: ${adapter.name}`, { skip: adapter.skip }, () => {
    const schema = uniqueName('ct');
    let store: Store | undefined;
    const st = () => store!;
    const ids = async (from: number[]) =>
      (await st().query<{ id: number }>(`SELECT id FROM ${schema}.items WHERE id IN (${from.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY id`, from)).map((r) => r.id);

    before(async () => {
      store = await adapter.open();
      await store.migrate(schema, baseMigrations(schema));
    });
    after(async () => { if (store) await adapter.dispose(store, schema); });

    it('applies migrations in version order, once; later only the new ones, in the dialect given', async () => {
      // Running migration 2 again would fail: its INSERT would repeat counter id 1.
      await st().migrate(schema, baseMigrations(schema));
      await st().migrate(schema, [...baseMigrations(schema), dialectMigration(schema)]);
      const applied = await st().query<{ version: number; name: string; applied_at: string }>(`SELECT version, name, applied_at FROM ${schema}._migrations ORDER BY version`);
      assert.deepEqual(applied.map((r) => [r.version, r.name]), [[1, 'items'], [2, 'counter'], [3, 'dialect']]);
      assert.ok(applied.every((r) => !Number.isNaN(Date.parse(r.applied_at))));
      assert.deepEqual(await st().query(`SELECT id, n FROM ${schema}.counter`), [{ id: 1, n: 0 }]);
      assert.deepEqual(await st().query(`SELECT COUNT(*) AS c FROM ${schema}.made_by_${st().kind}`), [{ c: 0 }]);
    });

    it('rolls back a failing migration entirely and does not record it', async () => {
      const broken: Migration = { version: 4, name: 'broken', sql: `CREATE TABLE ${schema}.half (id INTEGER); INSERT INTO ${schema}.missing (id) VALUES (1)` };
      await assert.rejects(st().migrate(schema, [...baseMigrations(schema), dialectMigration(schema), broken]));
      assert.deepEqual((await st().query<{ version: number }>(`SELECT version FROM ${schema}._migrations ORDER BY version`)).map((r) => r.version), [1, 2, 3]);
      await assert.rejects(st().query(`SELECT id FROM ${schema}.half`), /half/);
    });

    it('round-trips integers up to 2^53-1, unicode text, reals, NULL and booleans as 0/1', async () => {
      const text = 'Zürich ₿ 東京 🚀 e\u0301 \'quoted\'';
      const insert = `INSERT INTO ${schema}.items (id, big, name, score, note) VALUES ($1, $2, $3, $4, $5)`;
      await st().execute(insert, [1, Number.MAX_SAFE_INTEGER, text, 2.5, null]);
      await st().execute(insert, [2, -(2n ** 53n - 1n), '', -0.125, true]);
      await st().execute(insert, [3, false, null, null, null]);
      assert.deepEqual(await st().query(`SELECT id, big, name, score, note FROM ${schema}.items WHERE id <= $1 ORDER BY id`, [3]), [
        { id: 1, big: Number.MAX_SAFE_INTEGER, name: text, score: 2.5, note: null },
        { id: 2, big: -Number.MAX_SAFE_INTEGER, name: '', score: -0.125, note: '1' },
        { id: 3, big: 0, name: null, score: null, note: null },
      ]);
      const [agg] = await st().query(`SELECT COUNT(*) AS c, SUM(big) AS total, SUM(id) AS id_sum FROM ${schema}.items WHERE id <= $1`, [3]);
      assert.deepEqual(agg, { c: 3, total: 0, id_sum: 6 }, 'COUNT and SUM come back as numbers');
    });

    it('binds $1..$N, the same placeholder twice, and refuses a wrong parameter count', async () => {
      await st().execute(`INSERT INTO ${schema}.items (id, name, note) VALUES ($1, $2, $3), ($4, $5, $6), ($7, $8, $9)`,
        [11, 'twice', null, 12, null, 'twice', 13, 'other', 'other']);
      const rows = await st().query<{ id: number }>(`SELECT id FROM ${schema}.items WHERE name = $1 OR note = $1 ORDER BY id`, ['twice']);
      assert.deepEqual(rows.map((r) => r.id), [11, 12]);
      const reversed = await st().query<{ id: number }>(`SELECT id FROM ${schema}.items WHERE note = $2 AND id = $1`, [12, 'twice']);
      assert.deepEqual(reversed.map((r) => r.id), [12], 'placeholders out of order bind by number');
      assert.deepEqual(await ids([11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 13]), [11, 13], '$10 and $11 are not $1 followed by a digit');
      await assert.rejects(st().query(`SELECT id FROM ${schema}.items WHERE id = $1`, [11, 12]));
      await assert.rejects(st().query(`SELECT id FROM ${schema}.items WHERE id = $1 OR id = $2`, [11]));
    });

    it('rowInserts writes any number of rows in chunked multi-row statements, values in place, with an upsert suffix', async () => {
      // 277 = 256 + 16 + 4 + 1: every chunk size, each chunk's rows laid end to end.
      const rows = Array.from({ length: 277 }, (_, i) => [1000 + i, i * 3, `row ${i}`]);
      const prefix = `INSERT INTO ${schema}.items (id, big, name) VALUES`;
      assert.equal(rowInserts(prefix, '', rows).length, 4);
      await st().commit(rowInserts(prefix, '', rows));
      const back = await st().query<{ id: number; big: number; name: string }>(`SELECT id, big, name FROM ${schema}.items WHERE id >= $1 ORDER BY id`, [1000]);
      assert.deepEqual(back.map((r) => [r.id, r.big, r.name]), rows);
      await st().commit(rowInserts(prefix, 'ON CONFLICT (id) DO UPDATE SET name = excluded.name', [[1000, 0, 'updated'], [2000, 7, 'new']]));
      assert.deepEqual(await st().query(`SELECT id, big, name FROM ${schema}.items WHERE id IN ($1, $2) ORDER BY id`, [1000, 2000]),
        [{ id: 1000, big: 0, name: 'updated' }, { id: 2000, big: 7, name: 'new' }]);
      await st().execute(`DELETE FROM ${schema}.items WHERE id >= $1`, [1000]);
    });

    it('reports the rowCount of UPDATE and DELETE', async () => {
      assert.deepEqual(await st().execute(`UPDATE ${schema}.items SET score = $1 WHERE name = $2 OR note = $2`, [1.5, 'twice']), { rowCount: 2 });
      assert.deepEqual(await st().execute(`UPDATE ${schema}.items SET score = $1 WHERE id = $2`, [1.5, 999]), { rowCount: 0 });
      assert.deepEqual(await st().execute(`DELETE FROM ${schema}.items WHERE id = $1`, [12]), { rowCount: 1 });
      assert.deepEqual(await ids([11, 12]), [11]);
    });

    it('commits a transaction with its result; one that throws rolls back and rethrows the same error', async () => {
      const insert = `INSERT INTO ${schema}.items (id, name) VALUES ($1, $2)`;
      assert.equal(await st().transaction(async (tx) => { await tx.execute(insert, [20, 'kept']); return 'done'; }), 'done');
      const boom = new Error('boom');
      await assert.rejects(st().transaction(async (tx) => {
        await tx.execute(insert, [21, 'lost']);
        assert.deepEqual((await tx.query(`SELECT name FROM ${schema}.items WHERE id = $1`, [21])), [{ name: 'lost' }], 'visible inside');
        throw boom;
      }), (err) => err === boom);
      assert.deepEqual(await ids([20, 21]), [20]);
    });

    it('commits a batch of writes in order, all or none: a failing one, or one given the wrong number of parameters, rolls back those before it', async () => {
      const insert = `INSERT INTO ${schema}.items (id, name) VALUES ($1, $2)`;
      await st().commit([{ sql: insert, params: [40, 'first'] }, { sql: `UPDATE ${schema}.items SET name = $1 WHERE id = $2`, params: ['then renamed', 40] }]);
      assert.deepEqual(await st().query(`SELECT name FROM ${schema}.items WHERE id = $1`, [40]), [{ name: 'then renamed' }]);
      const notInfrastructure = (err: unknown) => err instanceof Error && !(err instanceof StoreUnavailable) && /UNIQUE|duplicate key/i.test(err.message);
      await assert.rejects(st().commit([{ sql: insert, params: [41, 'lost'] }, { sql: insert, params: [40, 'clash'] }]), notInfrastructure);
      await assert.rejects(st().commit([{ sql: insert, params: [42, 'lost'] }, { sql: insert, params: [43] }]), /references 2 parameters but 1 were given|bind message supplies 1 parameters/);
      assert.deepEqual(await ids([40, 41, 42, 43]), [40]);
      await st().commit([]);
    });

    it('runs concurrent transactions without interleaving (20 read-modify-write increments end at 20)', async () => {
      await st().execute(`UPDATE ${schema}.counter SET n = 0 WHERE id = 1`);
      const lockRow = st().kind === 'postgres' ? 'FOR UPDATE' : '';
      await Promise.all(Array.from({ length: 20 }, () => st().transaction(async (tx) => {
        const [row] = await tx.query<{ n: number }>(`SELECT n FROM ${schema}.counter WHERE id = 1 ${lockRow}`);
        await new Promise((r) => setImmediate(r)); // give the others a chance to interleave
        await tx.execute(`UPDATE ${schema}.counter SET n = $1 WHERE id = 1`, [row!.n + 1]);
      })));
      assert.deepEqual(await st().query(`SELECT n FROM ${schema}.counter`), [{ n: 20 }]);
    });

    it('keeps a plain statement issued while a transaction is open out of that transaction', async () => {
      let opened!: () => void;
      let release!: () => void;
      const isOpen = new Promise<void>((r) => { opened = r; });
      const released = new Promise<void>((r) => { release = r; });
      const rolledBack = st().transaction(async (tx) => {
        await tx.execute(`INSERT INTO ${schema}.items (id, name) VALUES ($1, $2)`, [30, 'inside']);
        opened();
        await released;
        throw new Error('undo');
      });
      await isOpen;
      const outsideWrite = st().execute(`INSERT INTO ${schema}.items (id, name) VALUES ($1, $2)`, [31, 'outside']);
      const outsideRead = st().query(`SELECT COUNT(*) AS c FROM ${schema}.items WHERE id = $1`, [30]);
      release();
      await assert.rejects(rolledBack, /undo/);
      assert.deepEqual(await outsideWrite, { rowCount: 1 });
      assert.deepEqual(await outsideRead, [{ c: 0 }], 'never sees the uncommitted row');
      assert.deepEqual(await ids([30, 31]), [31], 'the plain insert survived the rollback');
    });

    it('passes SQL errors through as they are and stays usable after them', async () => {
      const notInfrastructure = (err: unknown) => err instanceof Error && !(err instanceof StoreUnavailable);
      await assert.rejects(st().query(`SELECT id FROM ${schema}.nope`), notInfrastructure);
      await assert.rejects(st().transaction((tx) => tx.query(`SELECT id FROM ${schema}.nope`)), notInfrastructure);
      assert.deepEqual(await st().query('SELECT 1 AS one'), [{ one: 1 }]);
    });

    const twin = adapter.twin;
    // In memory there is nothing a second store could share, hence nothing to claim against.
    if (twin) it('lets one store at a time claim a name: another on the same data dir or database is refused until the first closes', async () => {
      const name = uniqueName('claim');
      const [first, second] = [await twin(), await twin()];
      await first.claim(name);
      await assert.rejects(second.claim(name), (err) => err instanceof StoreUnavailable && err.message.startsWith(`another process runs the ${name} on `));
      await second.claim(`${name}_other`);
      await first.close();
      await second.claim(name);
      await second.close();
    });

    it('reports health, and once closed refuses work with StoreUnavailable (closing twice is fine)', async () => {
      const h = await st().health();
      assert.ok(h.ok && Number.isFinite(h.latencyMs) && h.latencyMs >= 0 && h.detail.includes(st().kind), JSON.stringify(h));
      const other = await adapter.open();
      await other.close();
      await other.close();
      await assert.rejects(other.query('SELECT 1 AS one'), StoreUnavailable);
      await assert.rejects(other.commit([{ sql: 'SELECT 1', params: [] }]), StoreUnavailable);
      assert.equal((await other.health()).ok, false);
    });
  });
}

describe('store specifics', () => {
  const ledger: Migration[] = [{ version: 1, name: 'entries', sql: 'CREATE TABLE ledger.entries (id INTEGER PRIMARY KEY, v TEXT)' }];

  it('SQLite keeps one WAL file per schema, and its data survives close and reopen', async () => {
    const dataDir = join(dirs[dirs.push(tempDir('tw-durable-')) - 1]!, 'not', 'yet');
    const first = await openStore({ dataDir });
    assert.equal(first.kind, 'sqlite');
    await first.migrate('ledger', ledger);
    await first.migrate('audit', [{ version: 1, name: 'log', sql: 'CREATE TABLE audit.log (id INTEGER)' }]);
    assert.deepEqual(await first.query('PRAGMA ledger.journal_mode'), [{ journal_mode: 'wal' }]);
    assert.deepEqual(await first.query('PRAGMA ledger.synchronous'), [{ synchronous: 1 }], 'NORMAL');
    await first.transaction((tx) => tx.execute('INSERT INTO ledger.entries (id, v) VALUES ($1, $2)', [1, 'kept']));
    await first.close();
    assert.ok(existsSync(join(dataDir, 'ledger.sqlite')) && existsSync(join(dataDir, 'audit.sqlite')));
    const second = await openStore({ dataDir });
    await second.migrate('ledger', ledger);
    assert.deepEqual(await second.query('SELECT id, v FROM ledger.entries'), [{ id: 1, v: 'kept' }]);
    await second.close();
  });

  it('SQLite checkpoints in a worker: under steady writes the database file fills and the WAL stays bounded; close empties the WAL', async () => {
    const dataDir = dirs[dirs.push(tempDir('tw-checkpoint-')) - 1]!;
    const store = new SqliteStore(dataDir);
    await store.migrate('ledger', ledger);
    assert.deepEqual(await store.query('PRAGMA ledger.wal_autocheckpoint'), [{ wal_autocheckpoint: 0 }], 'commits never checkpoint');
    const wal = join(dataDir, 'ledger.sqlite-wal');
    const db = join(dataDir, 'ledger.sqlite');
    const row = 'x'.repeat(2000);
    let id = 0;
    let largestWal = 0;
    // ~160 MB written in batches (the WAL restarts past 64 MB), the event loop turning between
    // them as it does in the venue, and through commit, as the venue writes.
    for (let batch = 0; batch < 1600; batch++) {
      await store.commit(Array.from({ length: 50 }, () => ({ sql: 'INSERT INTO ledger.entries (id, v) VALUES ($1, $2)', params: [++id, row] })));
      await new Promise((r) => setTimeout(r, 1));
      largestWal = Math.max(largestWal, statSync(wal).size);
    }
    assert.ok(statSync(db).size > 100_000_000, `pages reached the database file while open (${statSync(db).size} bytes)`);
    assert.ok(largestWal < 100_000_000, `the WAL restarted instead of holding everything (largest ${largestWal} bytes)`);
    assert.match((await store.health()).detail, /^sqlite .* \(1 schemas\)$/, 'no checkpoint failure reported');
    await store.close();
    assert.equal(existsSync(wal) ? statSync(wal).size : 0, 0, 'close checkpoints what is left and truncates the WAL');
    const reopened = new SqliteStore(dataDir);
    await reopened.migrate('ledger', ledger);
    assert.deepEqual(await reopened.query('SELECT COUNT(*) AS n FROM ledger.entries'), [{ n: id }]);
    await reopened.close();
  });

  it('sqliteIntegerKeys rebuilds a BIGINT-keyed SQLite table around its row id, keeping rows and indexes', async () => {
    const columns = (key: string) => `id ${key} PRIMARY KEY, account TEXT NOT NULL, qty BIGINT NOT NULL`;
    const indexes: IndexSpec[] = [['keyed_account', 'keyed', 'account, id']];
    const store = new SqliteStore(dirs[dirs.push(tempDir('tw-intkeys-')) - 1]!);
    await store.migrate('ledger', [{ version: 1, name: 'keyed', sql: withIndexes('ledger', `CREATE TABLE ledger.keyed (${columns('BIGINT')})`, indexes) }]);
    await store.execute('INSERT INTO ledger.keyed (id, account, qty) VALUES ($1, $2, $3), ($4, $5, $6)', [9_007_199_254_740_991, 'a', 5, 2, 'b', 7]);
    const objects = async () => (await store.query<{ name: string }>("SELECT name FROM ledger.sqlite_master WHERE tbl_name = 'keyed' ORDER BY name")).map((r) => r.name);
    assert.deepEqual(await objects(), ['keyed', 'keyed_account', 'sqlite_autoindex_keyed_1'], 'a BIGINT key is an index of its own');
    await store.migrate('ledger', [
      { version: 1, name: 'keyed', sql: 'unused: already applied' },
      { version: 2, name: 'integer keys', sql: sqliteIntegerKeys('ledger', [{ table: 'keyed', columnsSql: columns('INTEGER'), indexes }]) },
    ]);
    assert.deepEqual(await objects(), ['keyed', 'keyed_account'], 'the key is the row id; the other index is back');
    assert.deepEqual(await store.query('SELECT id, account, qty FROM ledger.keyed ORDER BY id'), [{ id: 2, account: 'b', qty: 7 }, { id: 9_007_199_254_740_991, account: 'a', qty: 5 }]);
    await assert.rejects(store.execute('INSERT INTO ledger.keyed (id, account, qty) VALUES ($1, $2, $3)', [2, 'c', 1]), /UNIQUE/, 'still a key');
    await store.close();
  });

  it('SQLite checkpoints on commit again if its checkpoint worker dies', async () => {
    const store = new SqliteStore(dirs[dirs.push(tempDir('tw-checkpoint-gone-')) - 1]!);
    await store.migrate('ledger', ledger);
    // The worker is private; killing it from outside stands in for a crash inside it.
    const { worker } = (store as unknown as { checkpointer: { worker: { terminate(): Promise<number> } } }).checkpointer;
    await worker.terminate();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(await store.query('PRAGMA ledger.wal_autocheckpoint'), [{ wal_autocheckpoint: 1000 }]);
    await store.migrate('audit', [{ version: 1, name: 'log', sql: 'CREATE TABLE audit.log (id INTEGER)' }]);
    assert.deepEqual(await store.query('PRAGMA audit.wal_autocheckpoint'), [{ wal_autocheckpoint: 1000 }], 'a schema attached later keeps the default too');
    await store.close();
  });

  it('SQLite keeps a committed write when the process is killed right after (kill -9)', async () => {
    const dataDir = dirs[dirs.push(tempDir('tw-crash-')) - 1]!;
    const module = pathToFileURL(resolve(import.meta.dirname, '../../src/platform/store/sqlite-store.ts')).href;
    const script = `import { SqliteStore } from ${JSON.stringify(module)};
      const store = new SqliteStore(process.argv[1]);
      await store.migrate('ledger', ${JSON.stringify(ledger)});
      await store.execute('INSERT INTO ledger.entries (id, v) VALUES ($1, $2)', [7, 'acknowledged']);
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dataDir], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    assert.ok(statSync(join(dataDir, 'ledger.sqlite-wal')).size > 0, 'the write is still only in the WAL');
    const store = new SqliteStore(dataDir);
    await store.migrate('ledger', ledger);
    assert.deepEqual(await store.query('SELECT id, v FROM ledger.entries'), [{ id: 7, v: 'acknowledged' }]);
    await store.close();
  });

  it('an unreachable PostgreSQL is StoreUnavailable naming the address', async () => {
    await assert.rejects(openStore({ url: 'postgres://postgres@127.0.0.1:1/test', dataDir: ':memory:' }),
      (err) => err instanceof StoreUnavailable && /127\.0\.0\.1:1\/test \(ECONNREFUSED/.test(err.message));
  });

  it('an unknown URL scheme is a config error naming what to use, without echoing the URL', async () => {
    await assert.rejects(openStore({ url: 'mysql://user:secret@db/x', dataDir: ':memory:' }), (err) => err instanceof ConfigInvalid
      && /database\.url: must start with postgres:\/\/ or postgresql:\/\/ \(got mysql:\)/.test(err.message) && !err.message.includes('secret'));
  });
});
