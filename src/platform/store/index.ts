export type { Migration, Queryable, Row, SqlParam, Statement, Store, StoreHealth } from './store.js';
export { openStore } from './open-store.js';
export { SqliteStore } from './sqlite-store.js';
export { PostgresStore } from './postgres-store.js';
export { GroupCommitter, type GroupCommitOptions } from './group-commit.js';
export { sqliteIntegerKeys, withIndexes, type IndexSpec } from './migrations.js';
export { rowInserts } from './multi-row.js';
