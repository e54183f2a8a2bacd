/**
 * The store port. SQL is written once, in a portable subset, with `$1, $2 ...` placeholders and
 * schema-qualified table names (`exchange.orders`); both adapters accept it:
 * - SQLite (default): one database file per schema in the data dir, ATTACHed under the schema's name.
 * - PostgreSQL: one real schema per service.
 * Portable types: INTEGER / BIGINT (returned as JS numbers), TEXT, REAL / DOUBLE PRECISION.
 * JSON is stored as TEXT. Booleans as INTEGER 0/1.
 */

export type SqlParam = string | number | bigint | null | boolean;
export type Row = Record<string, unknown>;

/** One statement of a batch of writes (see Store.commit). */
export interface Statement {
  sql: string;
  params: SqlParam[];
}

export interface Migration {
  /** Ordered, never reused: 1, 2, 3 ... */
  version: number;
  name: string;
  /** One SQL text for both dialects, or one per dialect where they really differ. */
  sql: string | { sqlite: string; postgres: string };
}

export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: SqlParam[]): Promise<R[]>;
  execute(sql: string, params?: SqlParam[]): Promise<{ rowCount: number }>;
}

export interface StoreHealth {
  ok: boolean;
  latencyMs: number;
  detail: string;
}

export interface Store extends Queryable {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the schema if needed and applies its pending migrations, in order, each in a transaction. */
  migrate(schema: string, migrations: Migration[]): Promise<void>;
  /**
   * Runs `fn` in one transaction: commit on success, rollback and rethrow if it throws. Inside
   * `fn` use `tx` only: the store itself (or a nested transaction) waits for this one to end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs writes, in order, in one transaction: all of them are committed, or none and it rejects. */
  commit(statements: readonly Statement[]): Promise<void>;
  health(): Promise<StoreHealth>;
  /**
   * Makes this process the only one that runs `name` on this store (the exchange: a second one
   * would replay the same journal and then write it alongside the first) until close(). Rejects
   * with StoreUnavailable when another process holds it. The lock is the operating system's
   * (SQLite) or the server's (PostgreSQL): a process that dies lets go at once.
   */
  claim(name: string): Promise<void>;
  /** Flushes and closes (SQLite: WAL checkpoint). */
  close(): Promise<void>;
}
