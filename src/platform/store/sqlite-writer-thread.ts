import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { bound, StatementCache } from './sqlite-binding.js';
import type { FromWriter, ToWriter, WriterStatement } from './sqlite-writer.js';
import { WAL_SIZE_LIMIT_BYTES } from './wal-checkpointer.js';

/**
 * The SqliteWriter's thread: an in-memory main database with each schema's file attached under
 * the schema's name, as in the store's own connection, and the same settings per file (WAL was
 * set by the store and stays with the file; synchronous, the size limit and checkpointing are
 * per connection).
 */
const port = parentPort!;
const db = new Database(':memory:');
db.pragma('busy_timeout = 5000');
const statements = new StatementCache<Database.Statement<[unknown[] | Record<number, unknown>]>>(256);
const post = (m: FromWriter) => port.postMessage(m);

function attach(schema: string, file: string, checkpointOnCommit: boolean): void {
  db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(file);
  db.pragma(`${schema}.synchronous = NORMAL`);
  db.pragma(`${schema}.journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma(`${schema}.wal_autocheckpoint = ${checkpointOnCommit ? 1000 : 0}`);
}

function commit(batch: WriterStatement[]): void {
  db.exec('BEGIN');
  try {
    for (const [sql, positional, params] of batch) statements.get(sql, (text) => db.prepare(text)).run(bound(params, positional));
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

port.on('message', (m: ToWriter) => {
  switch (m.op) {
    case 'attach':
      try {
        attach(m.schema, m.file, m.checkpointOnCommit);
      } catch (err) {
        // Nothing after this runs here: the store writes on its own connection from now on.
        post({ op: 'broken', error: `cannot attach ${m.file} as ${m.schema}: ${(err as Error).message}` });
        process.exit(1);
      }
      return;
    case 'checkpointOnCommit':
      db.pragma(`${m.schema}.wal_autocheckpoint = 1000`);
      return;
    case 'commit':
      try {
        commit(m.statements);
        post({ op: 'committed', id: m.id });
      } catch (err) {
        post({ op: 'committed', id: m.id, error: { message: (err as Error).message, code: (err as { code?: string }).code } });
      }
      return;
    case 'close':
      db.close();
      port.close();
  }
});
