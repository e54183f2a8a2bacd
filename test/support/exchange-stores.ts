import { rmSync } from 'node:fs';
import { before, after } from 'node:test';
import { PostgresStore, SqliteStore, type Store } from '../../src/platform/store/index.js';
import { ExchangeRepository } from '../../src/services/exchange/adapters/exchange-repository.js';
import { tempDir } from './cli-process.js';
import { postgresSkip, TEST_PG_URL, uniqueName } from './services.js';

/** A store of each kind for the exchange's tables, opened empty and disposed of after. */
export interface StoreAdapter { name: string; skip: string | false; open(): Promise<{ store: Store; dispose(): Promise<void> }> }

export const storeAdapters = async (prefix: string): Promise<StoreAdapter[]> => [
  {
    name: 'sqlite', skip: false, open: async () => {
      const dir = tempDir(`tw-${prefix}-`);
      const store = new SqliteStore(dir);
      return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    // A database of its own: the exchange's schema name is fixed.
    name: 'postgres', skip: await postgresSkip(), open: async () => {
      const admin = await PostgresStore.open(TEST_PG_URL);
      const database = uniqueName(`tw_${prefix.replace(/-/g, '_')}`);
      await admin.execute(`CREATE DATABASE ${database}`);
      const url = new URL(TEST_PG_URL);
      url.pathname = `/${database}`;
      const store = await PostgresStore.open(url.toString());
      return {
        store, dispose: async () => {
          await store.close();
          await admin.execute(`DROP DATABASE ${database}`);
          await admin.close();
        },
      };
    },
  },
];

/**
 * In a describe of `adapter`: opens its store before the tests, with the exchange's tables (and
 * whatever `setup` writes), and disposes of it after. The tests read the store and repository
 * from what this returns, once open.
 */
export function openedRepository(adapter: StoreAdapter, setup?: (store: Store, repo: ExchangeRepository) => Promise<void>): { store: Store; repo: ExchangeRepository } {
  const opened = {} as { store: Store; repo: ExchangeRepository };
  let dispose: (() => Promise<void>) | undefined;
  before(async () => {
    const { store, dispose: close } = await adapter.open();
    dispose = close;
    opened.store = store;
    opened.repo = new ExchangeRepository(store);
    await opened.repo.migrate();
    await setup?.(store, opened.repo);
  });
  after(async () => { await dispose?.(); });
  return opened;
}
