import pg from 'pg';
import { StoreUnavailable } from '../errors/index.js';
import { applyMigrations, assertSchemaName, sqlFor } from './migrations.js';
import type { Migration, Queryable, Row, SqlParam, Store, StoreHealth } from './store.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** BIGINT and NUMERIC come back as JS numbers: the portable subset keeps them within 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const toParams = (params: SqlParam[] = []) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : typeof p === 'bigint' ? p.toString() : p));

/** PostgreSQL through a pg Pool; one real schema per service. */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: pg.Pool, private readonly where: string) {}

  static async open(url: string): Promise<PostgresStore> {
    const where = describe(url);
    const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 3000 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead
    const store = new PostgresStore(pool, where);
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw store.unavailable(err);
    }
    return store;
  }

  async query<R extends Row = Row>(sql: string, params?: SqlParam[]): Promise<R[]> {
    return (await this.guard(() => this.pool.query(sql, toParams(params)))).rows as R[];
  }

  async execute(sql: string, params?: SqlParam[]): Promise<{ rowCount: number }> {
    return { rowCount: (await this.guard(() => this.pool.query(sql, toParams(params)))).rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.guard(() => this.pool.connect());
    const tx: Queryable = {
      query: async <R extends Row>(sql: string, params?: SqlParam[]) => (await client.query(sql, toParams(params))).rows as R[],
      execute: async (sql, params) => ({ rowCount: (await client.query(sql, toParams(params))).rowCount ?? 0 }),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async migrate(schema: string, migrations: Migration[]): Promise<void> {
    assertSchemaName(schema);
    await this.execute(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await applyMigrations(this, schema, migrations,
      (tx, m) => tx.query(sqlFor(m, 'postgres')),
      (tx) => tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tradewatch.migrate.${schema}`]));
  }

  async health(): Promise<StoreHealth> {
    const t0 = performance.now();
    try {
      await this.pool.query('SELECT 1');
      return { ok: true, latencyMs: performance.now() - t0, detail: `postgres ${this.where}` };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - t0, detail: this.unavailable(err).message };
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Connection-level failures become StoreUnavailable; SQL errors pass through as they are. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw isConnectionError(err) ? this.unavailable(err) : err;
    }
  }

  private unavailable(err: unknown): StoreUnavailable {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return new StoreUnavailable(`cannot reach PostgreSQL at ${this.where} (${reason}): is it running? check database.url`, { cause: err });
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return /^(ECONN|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|EPIPE|57P0|08)/.test(code) || /timeout|terminated|Connection/i.test((err as Error).message);
}

/** host:port/db without credentials, for messages. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unparseable database.url)';
  }
}
