import pg from 'pg';
import { StoreUnavailable } from '../errors/index.js';
import { applyMigrations, assertSchemaName, sqlFor } from './migrations.js';
import type { Migration, Queryable, Row, SqlParam, Statement, Store, StoreHealth } from './store.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * BIGINT (COUNT, SUM of integers) and NUMERIC (SUM of BIGINT) come back as JS numbers, not pg's
 * default strings: the portable subset keeps them within 2^53. Set on this pool only, not globally.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const toParams = (params: SqlParam[] = []) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : typeof p === 'bigint' ? p.toString() : p));

/** PostgreSQL through a pg Pool; one real schema per service. */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closing: Promise<void> | null = null;
  /** Clients holding claims (see claim). */
  private readonly claims: pg.PoolClient[] = [];

  private constructor(private readonly pool: pg.Pool, private readonly where: string) {}

  /** Connects once to fail early, as StoreUnavailable, when the server is out of reach. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 3000 });
    pool.on('error', () => undefined); // an idle client's failure surfaces on the next query instead
    const store = new PostgresStore(pool, describe(url));
    try {
      await pool.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw store.unavailable(err);
    }
    return store;
  }

  async query<R extends Row = Row>(sql: string, params?: SqlParam[]): Promise<R[]> {
    return (await this.pooled(() => this.pool.query(sql, toParams(params)))).rows as R[];
  }

  async execute(sql: string, params?: SqlParam[]): Promise<{ rowCount: number }> {
    return { rowCount: (await this.pooled(() => this.pool.query(sql, toParams(params)))).rowCount ?? 0 };
  }

  /** On one dedicated client from the pool; a client whose connection broke is discarded, not reused. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pooled(() => this.pool.connect());
    // A connection lost between two statements is reported as an 'error' event: without a
    // listener it would crash the process; the next statement fails instead.
    const ignore = () => undefined;
    client.on('error', ignore);
    const run = (sql: string, params?: SqlParam[]) => this.guard(() => client.query(sql, toParams(params)));
    const tx: Queryable = {
      query: async <R extends Row>(sql: string, params?: SqlParam[]) => (await run(sql, params)).rows as R[],
      execute: async (sql, params) => ({ rowCount: (await run(sql, params)).rowCount ?? 0 }),
    };
    let broken: Error | undefined;
    try {
      await run('BEGIN');
      const result = await fn(tx);
      await run('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackFailed: Error) => { broken = rollbackFailed; });
      throw err;
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  async commit(statements: readonly Statement[]): Promise<void> {
    await this.transaction(async (tx) => { for (const s of statements) await tx.execute(s.sql, s.params); });
  }

  /**
   * Creates the schema and its _migrations table under a transaction-scoped advisory lock, and
   * takes the same lock in each migration's transaction, so processes starting together take turns.
   */
  async migrate(schema: string, migrations: Migration[]): Promise<void> {
    assertSchemaName(schema);
    const lock = (tx: Queryable) => tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tradewatch.migrate.${schema}`]);
    await this.transaction(async (tx) => {
      await lock(tx);
      await tx.execute(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await tx.execute(`CREATE TABLE IF NOT EXISTS ${schema}._migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    });
    // Without parameters pg uses the simple protocol, which accepts several statements in one text.
    await applyMigrations(this, schema, migrations, (tx, m) => tx.execute(sqlFor(m, 'postgres')), lock);
  }

  async health(): Promise<StoreHealth> {
    const started = performance.now();
    try {
      await this.pooled(() => this.pool.query('SELECT 1'));
      return { ok: true, latencyMs: performance.now() - started, detail: `postgres ${this.where}` };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - started, detail: (err as Error).message };
    }
  }

  /** A session-level advisory lock, held by a client of its own until close (see Store.claim). */
  async claim(name: string): Promise<void> {
    const client = await this.pooled(() => this.pool.connect());
    try {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [`tradewatch.${name}`]);
      if (!rows[0]?.ok) throw new StoreUnavailable(`another process runs the ${name} on ${this.where}: stop it first, or give this one a database of its own`);
    } catch (err) {
      client.release(true);
      throw isConnectionError(err) ? this.unavailable(err) : err;
    }
    this.claims.push(client);
  }

  /**
   * Waits for checked-out clients to be released, then closes. The claims' clients are closed
   * first, which ends their locks (the pool would wait for them forever). Closing twice is harmless.
   */
  close(): Promise<void> {
    if (!this.closing) {
      for (const client of this.claims.splice(0)) client.release(true);
      this.closing = this.pool.end();
    }
    return this.closing;
  }

  /** Statements already in a transaction may finish after close(): the pool waits for them. */
  private pooled<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new StoreUnavailable(`the PostgreSQL store for ${this.where} is closed`));
    return this.guard(fn);
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
    if (err instanceof StoreUnavailable) return err;
    const code = (err as { code?: unknown }).code;
    const reason = typeof code === 'string' ? `${code}: ${(err as Error).message}` : (err as Error).message;
    if (typeof code === 'string' && code.startsWith('28')) {
      return new StoreUnavailable(`PostgreSQL at ${this.where} refused the login (${reason}): check the user and password in database.url`, { cause: err });
    }
    if (code === '3D000') {
      return new StoreUnavailable(`PostgreSQL at ${this.where} has no such database (${reason}): create it or fix database.url`, { cause: err });
    }
    return new StoreUnavailable(`cannot reach PostgreSQL at ${this.where} (${reason}): is it running? check database.url`, { cause: err });
  }
}

/**
 * Socket errors (ECONNREFUSED ...), pg's own connection failures (which carry no code), and the
 * server's SQLSTATE classes for connections (08), logins (28), a missing database (3D000),
 * shutdowns (57P01-57P03) and too many connections (53300).
 */
function isConnectionError(err: unknown): boolean {
  if (err instanceof StoreUnavailable) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return /^(E[A-Z_]+|08...|28...|3D000|57P0[123]|53300)$/.test(code);
  return /timeout|Connection terminated|Client has encountered a connection error/i.test((err as Error).message);
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
