import { accessSync, closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailable } from '../errors/index.js';
import { applyMigrations, assertSchemaName, sqlFor } from './migrations.js';
import { SerialLock } from './serial-lock.js';
import { WAL_SIZE_LIMIT_BYTES, WalCheckpointer } from './wal-checkpointer.js';
import type { Migration, Queryable, Row, SqlParam, Statement, Store, StoreHealth } from './store.js';

interface Prepared {
  stmt: Database.Statement<[Record<number, unknown> | unknown[]]>;
  /** Highest $N the SQL references: exactly that many parameters must be given (as in PostgreSQL). */
  arity: number;
  /**
   * True when the SQL uses $1..$N once each, in order (multi-row inserts): the parameters are then
   * bound as a plain list, which the driver takes much faster than numbered ones.
   */
  positional: boolean;
}

const MAX_CACHED_STATEMENTS = 256;
/** A quoted string or identifier (left as it is), or a $N parameter (N captured). */
const PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g;
/** SQLite error codes that mean the database itself is out of reach, not that the SQL is wrong. */
const UNAVAILABLE: [RegExp, string][] = [
  [/^SQLITE_(BUSY|LOCKED)/, 'another process holds the database: is a second tradewatch using this data dir?'],
  [/^SQLITE_FULL/, 'the disk is full'],
  [/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/, 'check that the data dir exists and is writable'],
  [/^SQLITE_(IOERR|CORRUPT|NOTADB)/, 'the file is damaged or the disk is failing: check the data dir'],
];

/**
 * SQLite through better-sqlite3. The main connection is an empty in-memory database; each schema
 * is its own file `<dataDir>/<schema>.sqlite`, ATTACHed under the schema's name by `migrate`, so
 * `exchange.orders` means the same here as in PostgreSQL. WAL with synchronous=NORMAL: a commit
 * survives a process crash; only a power loss can take the last few. WAL checkpoints run in a
 * worker thread (WalCheckpointer), not inside commits.
 *
 * The driver is synchronous and there is one connection, so one FIFO lock serializes everything:
 * a plain query issued while a transaction is open waits for it instead of landing inside it.
 * Hence inside `transaction(fn)`, use the `tx` handle only: calling the store itself (or opening
 * a nested transaction) there would wait for the very transaction that is waiting on it.
 * SQLite attaches at most 10 databases per connection, so at most 10 schemas.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Prepared>();
  private readonly lock = new SerialLock();
  /** Attached schemas and their files (':memory:' in memory). */
  private readonly schemas = new Map<string, string>();
  private closed = false;
  /** Read-only descriptors the checkpoint worker syncs database files through; closed after `db`. */
  private readonly syncFds: number[] = [];
  /** One connection per claim, each holding an exclusive lock on its own file until close. */
  private readonly claims: Database.Database[] = [];
  /** Made with the first database file (none for ':memory:'). */
  private checkpointer: WalCheckpointer | undefined;
  /** What `fn` gets inside a transaction: the lock is already held, so it runs straight away. */
  private readonly tx: Queryable = {
    query: async <R extends Row>(sql: string, params?: SqlParam[]) => this.run(sql, params).rows as R[],
    execute: async (sql, params) => ({ rowCount: this.run(sql, params).changes }),
  };

  /** dataDir ':memory:' attaches in-memory databases instead of files (tests). */
  constructor(private readonly dataDir: string) {
    try {
      if (dataDir !== ':memory:') {
        mkdirSync(dataDir, { recursive: true });
        accessSync(dataDir, constants.W_OK);
      }
      this.db = new Database(':memory:');
      this.db.pragma('busy_timeout = 5000');
    } catch (err) {
      throw new StoreUnavailable(`cannot use ${dataDir} for SQLite (${(err as Error).message}): check that the data dir is writable`, { cause: err });
    }
  }

  query<R extends Row = Row>(sql: string, params?: SqlParam[]): Promise<R[]> {
    return this.exclusive(() => this.tx.query<R>(sql, params));
  }

  execute(sql: string, params?: SqlParam[]): Promise<{ rowCount: number }> {
    return this.exclusive(() => this.tx.execute(sql, params));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // Deferred, not IMMEDIATE: IMMEDIATE would lock every attached file on each transaction,
      // deferred locks only those written. The lock above already keeps writers apart.
      this.db.exec('BEGIN');
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  commit(statements: readonly Statement[]): Promise<void> {
    return this.transaction(async () => { for (const s of statements) this.run(s.sql, s.params); });
  }

  async migrate(schema: string, migrations: Migration[]): Promise<void> {
    assertSchemaName(schema);
    await this.exclusive(() => this.attach(schema));
    await applyMigrations(this, schema, migrations, async (_tx, m) => this.db.exec(sqlFor(m, 'sqlite')));
  }

  async health(): Promise<StoreHealth> {
    const started = performance.now();
    try {
      await this.query('SELECT 1 AS ok');
      const checkpoint = this.checkpointer?.failure;
      return {
        ok: true, latencyMs: performance.now() - started,
        detail: `sqlite ${this.dataDir} (${this.schemas.size} schemas)${checkpoint ? `; WAL checkpoint trouble: ${checkpoint}` : ''}`,
      };
    } catch (err) {
      return { ok: false, latencyMs: performance.now() - started, detail: (err as Error).message };
    }
  }

  /**
   * The claim is `<dataDir>/<name>.owner`, a database this connection writes in exclusive locking
   * mode: SQLite then keeps the file locked until the connection closes (or the process dies).
   * In memory there is nothing another process could share.
   */
  async claim(name: string): Promise<void> {
    assertSchemaName(name);
    if (this.dataDir === ':memory:') return;
    const owner = new Database(join(this.dataDir, `${name}.owner`), { timeout: 0 });
    try {
      owner.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the lock; the row says who holds it, for whoever looks at the file.
      owner.exec('CREATE TABLE IF NOT EXISTS owner (pid INTEGER NOT NULL, since_ms INTEGER NOT NULL); DELETE FROM owner');
      owner.prepare('INSERT INTO owner VALUES (?, ?)').run(process.pid, Date.now());
    } catch (err) {
      owner.close();
      if (/^SQLITE_BUSY/.test(String((err as { code?: unknown }).code))) {
        throw new StoreUnavailable(`another process runs the ${name} on ${this.dataDir}: stop it first, or give this one a data dir of its own (--data-dir)`, { cause: err });
      }
      throw this.unavailable(err) ?? err;
    }
    this.claims.push(owner);
  }

  /** Checkpoints each schema's WAL into its file, then closes. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.checkpointer?.stop();
    await this.exclusive(() => {
      for (const schema of this.schemas.keys()) this.db.pragma(`${schema}.wal_checkpoint(TRUNCATE)`);
      this.db.close();
      for (const owner of this.claims.splice(0)) owner.close();
      for (const fd of this.syncFds.splice(0)) closeSync(fd);
      this.closed = true;
    });
  }

  /**
   * See WalCheckpointer: so that the WAL of `file` restarts, the store holds its writes back while
   * the worker copies what is left, or failing that, checkpoints on its own connection.
   */
  private finishCheckpoint(file: string): void {
    const schema = this.schemaOf(file);
    if (schema === undefined || this.closed) return;
    this.exclusive(async () => {
      if (!(await this.checkpointer!.finishRestart(file))) this.db.pragma(`${schema}.wal_checkpoint(PASSIVE)`);
    }).catch((err: unknown) => {
      if (!this.closed) this.checkpointer!.failure = `${file}: ${(err as Error).message}`;
    });
  }

  /** A file the worker no longer checkpoints: its commits checkpoint again, as SQLite does by default. */
  private checkpointOnCommit(file: string): void {
    const schema = this.schemaOf(file);
    if (schema !== undefined && !this.closed) this.db.pragma(`${schema}.wal_autocheckpoint = 1000`);
  }

  private schemaOf(file: string): string | undefined {
    return [...this.schemas].find(([, f]) => f === file)?.[0];
  }

  /** Runs `fn` holding the connection, with SQLite's infrastructure failures as StoreUnavailable. */
  private exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      if (this.closed) throw new StoreUnavailable(`the SQLite store in ${this.dataDir} is closed`);
      try {
        return await fn();
      } catch (err) {
        throw this.unavailable(err) ?? err;
      }
    });
  }

  private attach(schema: string): void {
    if (this.schemas.has(schema)) return;
    if (schema === 'main' || schema === 'temp') throw new Error(`schema name "${schema}" is reserved by SQLite`);
    const file = this.dataDir === ':memory:' ? ':memory:' : join(this.dataDir, `${schema}.sqlite`);
    try {
      this.db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(file);
    } catch (err) {
      const limit = /too many attached/.test((err as Error).message) ? ': SQLite allows at most 10 schemas per store' : '';
      throw this.unavailable(err) ?? new StoreUnavailable(`cannot attach ${file} as schema ${schema} (${(err as Error).message})${limit}`, { cause: err });
    }
    this.db.pragma(`${schema}.journal_mode = WAL`);
    this.db.pragma(`${schema}.synchronous = NORMAL`);
    if (file !== ':memory:') {
      // A WAL that grew under a burst is cut back to this size when it next restarts.
      this.db.pragma(`${schema}.journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      this.checkpointer ??= new WalCheckpointer((due) => this.finishCheckpoint(due), (unwatched) => this.checkpointOnCommit(unwatched));
      if (this.checkpointer.running) {
        this.db.pragma(`${schema}.wal_autocheckpoint = 0`);
        const syncFd = openSync(file, 'r');
        this.syncFds.push(syncFd);
        this.checkpointer.watch(file, syncFd);
      }
    }
    this.schemas.set(schema, file);
  }

  private run(sql: string, params: SqlParam[] = []): { rows: Row[]; changes: number } {
    const { stmt, arity, positional } = this.prepare(sql);
    if (params.length !== arity) throw new RangeError(`the SQL references ${arity} parameters but ${params.length} were given: ${sql}`);
    let bound: Record<number, unknown> | unknown[];
    if (positional) bound = params.map(toSqlite);
    else {
      const numbered: Record<number, unknown> = {};
      params.forEach((p, i) => { numbered[i + 1] = toSqlite(p); });
      bound = numbered;
    }
    if (stmt.reader) {
      const rows = stmt.all(bound) as Row[];
      return { rows, changes: rows.length };
    }
    return { rows: [], changes: stmt.run(bound).changes };
  }

  private prepare(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      // $N becomes ?N (bound by number, so one parameter may appear twice), or a plain ? when the
      // numbers run 1..N in order; quoted text is left alone.
      const placeholders = [...sql.matchAll(PLACEHOLDER)].flatMap((m) => (m[1] === undefined ? [] : [Number(m[1])]));
      const arity = Math.max(0, ...placeholders);
      const positional = placeholders.length > 0 && placeholders.every((n, i) => n === i + 1);
      const translated = sql.replace(PLACEHOLDER, (match, n: string | undefined) => (n === undefined ? match : positional ? '?' : `?${n}`));
      prepared = { stmt: this.db.prepare(translated), arity, positional };
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private unavailable(err: unknown): StoreUnavailable | undefined {
    const code = (err as { code?: unknown }).code;
    const hint = typeof code === 'string' ? UNAVAILABLE.find(([pattern]) => pattern.test(code))?.[1] : undefined;
    if (!hint) return undefined;
    return new StoreUnavailable(`SQLite in ${this.dataDir} failed (${code}: ${(err as Error).message}): ${hint}`, { cause: err });
  }
}

/**
 * The driver binds every JS number as a REAL, so 1 stored in a TEXT column would read back '1.0'
 * (PostgreSQL gives '1'): whole numbers are bound as 64-bit integers instead. Booleans become 1/0.
 */
function toSqlite(p: SqlParam): unknown {
  if (typeof p === 'boolean') return p ? 1n : 0n;
  return typeof p === 'number' && Number.isSafeInteger(p) ? BigInt(p) : p;
}
