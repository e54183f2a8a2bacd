import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** PostgreSQL when `url` is postgres://..., else SQLite files in dataDir. */
export async function openStore(opts: { url?: string; dataDir: string }): Promise<Store> {
  if (!opts.url) return new SqliteStore(opts.dataDir);
  if (/^postgres(ql)?:\/\//.test(opts.url)) return PostgresStore.open(opts.url);
  throw new Error(`database.url must start with postgres:// or postgresql:// (got "${opts.url.split(':')[0]}:..."); leave it unset for SQLite`);
}
