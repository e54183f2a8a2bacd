import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailable } from '../errors/index.js';
import { applyMigrations, assertSchemaName, sqlFor } from './migrations.js';
import { SerialLock } from './serial-lock.js';
import type { Migration, Queryable, Row, SqlParam, Store, StoreHealth } from './store.js';

type Statement = Database.Statement<Record<string, unknown>>;

/**
 * SQLite through better-sqlite3. Each schema is its own database file, ATTACHed under the
 * schema's name, so `exchange.orders` means the same here as in PostgreSQL. WAL with
 * synchronous=NORMAL: a commit survives a process crash; only a power loss can take the last few.
 * The driver is synchronous; one lock keeps async transactions from interleaving on the connection.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readonly lock = new SerialLock();
  private readonly attached = new Set<string>();
  private readonly direct: Queryable = {
    query: async <R extends Row>(sql: string, params?: SqlParam[]) => this.run(sql, params) as R[],
    execute: async (sql, params) => ({ rowCount: this.change(sql, params) }),
  };

  /** dataDir ':memory:' keeps everything in memory (tests). */
  constructor(private readonly dataDir: string) {
    try {
      if (dataDir !== ':memory:') mkdirSync(dataDir, { recursive: true });
      this.db = new Database(dataDir === ':memory:' ? ':memory:' : join(dataDir, 'main.sqlite'));
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
    } catch (err) {
      throw new StoreUnavailable(`cannot open SQLite in ${dataDir}: ${(err as Error).message}; check that the data dir is writable`, { cause: err });
    }
  }

  query<R extends Row = Row>(sql: string, params?: SqlParam[]): Promise<R[]> {
    return this.lock.run(() => this.run(sql, params) as R[]);
  }

  execute(sql: string, params?: SqlParam[]): Promise<{ rowCount: number }> {
    return this.lock.run(() => ({ rowCount: this.change(sql, params) }));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async migrate(schema: string, migrations: Migration[]): Promise<void> {
    assertSchemaName(schema);
    await this.lock.run(() => this.attach(schema));
    await applyMigrations(this, schema, migrations, (tx, m) => {
      this.db.exec(sqlFor(m, 'sqlite'));
      return Promise.resolve(tx);
    });
  }

  async health(): Promise<StoreHealth> {
    const t0 = performance.now();
    try {
      await this.query('SELECT 1 AS ok');
      return { ok: true, latencyMs: performance.now() - t0, detail: `sqlite ${this.dataDir}` };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - t0, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.lock.run(() => {
      for (const schema of this.attached) this.db.pragma(`${schema}.wal_checkpoint(TRUNCATE)`);
      this.db.close();
    });
  }

  private attach(schema: string): void {
    if (this.attached.has(schema)) return;
    const file = this.dataDir === ':memory:' ? ':memory:' : join(this.dataDir, `${schema}.sqlite`);
    this.db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(file);
    this.db.pragma(`${schema}.journal_mode = WAL`);
    this.db.pragma(`${schema}.synchronous = NORMAL`);
    this.attached.add(schema);
  }

  private statement(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // $1..$N (the portable form) become named parameters @p1..@pN, which may repeat.
      stmt = this.db.prepare(sql.replace(/\$(\d+)/g, '@p$1'));
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private run(sql: string, params: SqlParam[] = []): Row[] {
    const stmt = this.statement(sql);
    const bound = bind(params);
    if (stmt.reader) return stmt.all(bound) as Row[];
    stmt.run(bound);
    return [];
  }

  private change(sql: string, params: SqlParam[] = []): number {
    const stmt = this.statement(sql);
    if (stmt.reader) return stmt.all(bind(params)).length;
    return stmt.run(bind(params)).changes;
  }
}

function bind(params: SqlParam[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  params.forEach((p, i) => { named[`p${i + 1}`] = typeof p === 'boolean' ? (p ? 1 : 0) : p; });
  return named;
}
