import type { Worker } from 'node:worker_threads';
import { StoreUnavailable } from '../errors/index.js';
import { startWorker } from '../lifecycle/index.js';
import type { SqlParam } from './store.js';

/** One statement for the writer: SQLite's SQL (see sqliteSql), whether its parameters bind as a list, the parameters. */
export type WriterStatement = [sql: string, positional: boolean, params: readonly SqlParam[]];

export type ToWriter =
  | { op: 'attach'; schema: string; file: string; checkpointOnCommit: boolean }
  | { op: 'checkpointOnCommit'; schema: string }
  | { op: 'commit'; id: number; statements: WriterStatement[] }
  | { op: 'close' };

export type FromWriter =
  | { op: 'committed'; id: number; error?: { message: string; code?: string } }
  /** The writer cannot serve a schema: it exits, and the store writes on its own connection again. */
  | { op: 'broken'; error: string };

interface Waiting {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * A thread with its own SQLite connection that runs batches of writes, each in one transaction,
 * so that the time SQLite spends inserting and committing (about a sixth of the venue's event
 * loop under order entry) is spent off it: the batch is copied to the thread instead. The store still serializes every write, the writer's
 * included, under its one lock, so there is never more than one writer at a time.
 *
 * If the thread dies, `running` turns false and the store commits on its own connection again; a
 * batch it was running when it died is reported as StoreUnavailable (it may or may not be durable).
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private exited = false;
  private closing: Promise<void> | undefined;
  /** Why the writer stopped, when it did so on its own. */
  failure: string | null = null;

  constructor() {
    this.worker = startWorker(import.meta.url, './sqlite-writer-thread', {});
    this.worker.on('message', (m: FromWriter) => {
      if (m.op === 'broken') return void (this.failure = m.error);
      const waiting = this.waiting.get(m.id);
      if (!waiting) return;
      this.settled(m.id);
      if (m.error) waiting.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else waiting.resolve();
    });
    this.worker.on('error', (err) => { this.failure = `the SQLite writer thread failed: ${err.message}`; });
    this.worker.once('exit', (code) => {
      this.exited = true;
      if (!this.closing) this.failure ??= `the SQLite writer thread stopped (exit code ${code})`;
      const lost = new StoreUnavailable(`the SQLite writer thread stopped (exit code ${code}) before it answered: the batch may or may not be durable`);
      for (const [id, waiting] of [...this.waiting]) {
        this.settled(id);
        waiting.reject(lost);
      }
    });
    // Never the reason a process stays alive; held while a batch waits on it (see commit).
    this.worker.unref();
  }

  /** False once the thread has exited (closed, or died). */
  get running(): boolean {
    return !this.exited;
  }

  /** Attaches a schema's database file to the writer's connection; checkpointOnCommit as SQLite does by default, or not at all. */
  attach(schema: string, file: string, checkpointOnCommit: boolean): void {
    this.post({ op: 'attach', schema, file, checkpointOnCommit });
  }

  /** From now on the writer's commits to `schema` checkpoint its WAL, as SQLite does by default. */
  checkpointOnCommit(schema: string): void {
    this.post({ op: 'checkpointOnCommit', schema });
  }

  /** Runs the statements in one transaction; resolves once it is committed. */
  commit(statements: WriterStatement[]): Promise<void> {
    if (this.exited) return Promise.reject(new StoreUnavailable('the SQLite writer thread has stopped'));
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.post({ op: 'commit', id, statements });
    });
  }

  /** Closes the writer's connection and ends the thread. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      this.worker.ref();
      this.worker.once('exit', () => resolve());
      this.post({ op: 'close' });
    });
    return this.closing;
  }

  private settled(id: number): void {
    this.waiting.delete(id);
    if (this.waiting.size === 0 && !this.closing) this.worker.unref();
  }

  private post(m: ToWriter): void {
    if (!this.exited) this.worker.postMessage(m);
  }
}
