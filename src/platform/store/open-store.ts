import { ConfigInvalid } from '../errors/index.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore } from './sqlite-store.js';
import type { Store } from './store.js';

/** PostgreSQL when `url` is postgres://... or postgresql://..., else SQLite files in dataDir (created if missing). */
export async function openStore(opts: { url?: string; dataDir: string }): Promise<Store> {
  if (!opts.url) return new SqliteStore(opts.dataDir);
  if (/^postgres(ql)?:\/\//.test(opts.url)) return PostgresStore.open(opts.url);
  // Only the scheme is echoed: the rest of a URL may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(opts.url)?.[0] ?? 'no scheme';
  throw new ConfigInvalid([{
    path: 'database.url',
    message: `must start with postgres:// or postgresql:// (got ${scheme}); leave it unset to use SQLite in the data dir`,
  }]);
}
