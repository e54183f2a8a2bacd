import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { StoreUnavailable } from '../../src/platform/errors/index.js';
import { openStore, PostgresStore, SqliteStore, type Migration, type Store } from '../../src/platform/store/index.js';
import { tempDir } from '../support/cli-process.js';
import { needService, TEST_PG_URL, uniqueName } from '../support/services.js';

const migrations = (schema: string): Migration[] => [
  { version: 1, name: 'items', sql: `CREATE TABLE ${schema}.items (id INTEGER PRIMARY KEY, big BIGINT, name TEXT, score REAL, note TEXT)` },
  { version: 2, name: 'counter', sql: `CREATE TABLE ${schema}.counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO ${schema}.counter (id, n) VALUES (1, 0)` },
];

interface Adapter { name: string; open(t: import('node:test').TestContext): Promise<Store | null>; cleanup(store: Store, schema: string): Promise<void> }

const adapters: Adapter[] = [
  { name: 'sqlite', open: async () => new SqliteStore(tempDir('tw-store-')), cleanup: async () => undefined },
  {
    name: 'postgres',
    open: async (t) => ((await needService(t, 'PostgreSQL', async () => (await PostgresStore.open(TEST_PG_URL)).close())) ? PostgresStore.open(TEST_PG_URL) : null),
    cleanup: async (store, schema) => { await store.execute(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); },
  },
];

for (const adapter of adapters) {
  describe(`store contract: ${adapter.name}`, () => {
    let store: Store | null = null;
    const schema = uniqueName('ct');
    const s = () => store!;

    before(async (t) => {
      store = await adapter.open(t as unknown as import('node:test').TestContext);
      if (store) await store.migrate(schema, migrations(schema));
    });
    after(async () => {
      if (!store) return;
      await adapter.cleanup(store, schema);
      await store.close();
    });

    it('applies migrations once and in order; only new ones later', async (t) => {
      if (!store) return t.skip('service unavailable');
      await s().migrate(schema, migrations(schema));
      await s().migrate(schema, [...migrations(schema), { version: 3, name: 'extra', sql: `CREATE TABLE ${schema}.extra (id INTEGER PRIMARY KEY)` }]);
      const applied = await s().query<{ version: number; name: string }>(`SELECT version, name FROM ${schema}._migrations ORDER BY version`);
      assert.deepEqual(applied.map((r) => [r.version, r.name]), [[1, 'items'], [2, 'counter'], [3, 'extra']]);
      assert.deepEqual(await s().query(`SELECT n FROM ${schema}.counter`), [{ n: 0 }], 'migration 2 ran exactly once');
    });

    it('round-trips integers up to 2^53-1, unicode text, reals and NULL', async (t) => {
      if (!store) return t.skip('service unavailable');
      await s().execute(`INSERT INTO ${schema}.items (id, big, name, score, note) VALUES ($1, $2, $3, $4, $5)`, [1, Number.MAX_SAFE_INTEGER, 'Zürich ₿ 東京', 2.5, null]);
      const [row] = await s().query(`SELECT id, big, name, score, note FROM ${schema}.items WHERE id = $1`, [1]);
      assert.deepEqual(row, { id: 1, big: Number.MAX_SAFE_INTEGER, name: 'Zürich ₿ 東京', score: 2.5, note: null });
      const [count] = await s().query<{ c: number }>(`SELECT COUNT(*) AS c FROM ${schema}.items`);
      assert.equal(count!.c, 1, 'counts are numbers');
    });

    it('binds a reused placeholder and reports rowCount', async (t) => {
      if (!store) return t.skip('service unavailable');
      // The same placeholder twice, in positions of one type (PostgreSQL infers one type per placeholder).
      await s().execute(`INSERT INTO ${schema}.items (id, big, name) VALUES ($1, $4, $2), ($3, $5, $2)`, [10, 'same', 11, 10, 11]);
      const rows = await s().query<{ id: number; big: number }>(`SELECT id, big FROM ${schema}.items WHERE name = $1 ORDER BY id`, ['same']);
      assert.deepEqual(rows.map((r) => [r.id, r.big]), [[10, 10], [11, 11]]);
      assert.deepEqual(await s().execute(`UPDATE ${schema}.items SET score = $1 WHERE name = $2`, [1, 'same']), { rowCount: 2 });
      assert.deepEqual(await s().execute(`DELETE FROM ${schema}.items WHERE id = $1`, [11]), { rowCount: 1 });
    });

    it('commits a transaction, and rolls back and rethrows when it throws', async (t) => {
      if (!store) return t.skip('service unavailable');
      await s().transaction((tx) => tx.execute(`INSERT INTO ${schema}.items (id, name) VALUES ($1, $2)`, [20, 'kept']));
      await assert.rejects(s().transaction(async (tx) => {
        await tx.execute(`INSERT INTO ${schema}.items (id, name) VALUES ($1, $2)`, [21, 'lost']);
        throw new Error('boom');
      }), /boom/);
      const rows = await s().query<{ id: number }>(`SELECT id FROM ${schema}.items WHERE id IN ($1, $2) ORDER BY id`, [20, 21]);
      assert.deepEqual(rows.map((r) => r.id), [20]);
    });

    it('concurrent transactions do not interleave (20 read-modify-write increments end at 20)', async (t) => {
      if (!store) return t.skip('service unavailable');
      await Promise.all(Array.from({ length: 20 }, () => s().transaction(async (tx) => {
        const [row] = await tx.query<{ n: number }>(`SELECT n FROM ${schema}.counter WHERE id = 1 ${s().kind === 'postgres' ? 'FOR UPDATE' : ''}`);
        await new Promise((r) => setImmediate(r));
        await tx.execute(`UPDATE ${schema}.counter SET n = $1 WHERE id = 1`, [row!.n + 1]);
      })));
      assert.deepEqual(await s().query(`SELECT n FROM ${schema}.counter`), [{ n: 20 }]);
    });

    it('reports health', async (t) => {
      if (!store) return t.skip('service unavailable');
      const h = await s().health();
      assert.equal(h.ok, true);
      assert.ok(h.latencyMs >= 0);
    });
  });
}

describe('store specifics', () => {
  it('SQLite data survives close and reopen', async () => {
    const dir = tempDir('tw-durable-');
    const first = new SqliteStore(dir);
    await first.migrate('dur', [{ version: 1, name: 't', sql: 'CREATE TABLE dur.t (id INTEGER PRIMARY KEY, v TEXT)' }]);
    await first.transaction((tx) => tx.execute('INSERT INTO dur.t (id, v) VALUES ($1, $2)', [1, 'kept']));
    await first.close();
    const second = await openStore({ dataDir: dir });
    await second.migrate('dur', [{ version: 1, name: 't', sql: 'CREATE TABLE dur.t (id INTEGER PRIMARY KEY, v TEXT)' }]);
    assert.deepEqual(await second.query('SELECT v FROM dur.t'), [{ v: 'kept' }]);
    await second.close();
  });

  it('an unreachable PostgreSQL is StoreUnavailable naming the address', async () => {
    await assert.rejects(openStore({ url: 'postgres://postgres@127.0.0.1:1/test', dataDir: tempDir() }), (err: unknown) => {
      assert.ok(err instanceof StoreUnavailable);
      assert.match(err.message, /127\.0\.0\.1:1\/test/);
      return true;
    });
  });

  it('an unknown URL scheme is refused with what to use', async () => {
    await assert.rejects(openStore({ url: 'mysql://x', dataDir: tempDir() }), /postgres:\/\//);
  });
});
