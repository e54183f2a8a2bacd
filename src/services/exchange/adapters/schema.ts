import { sqliteIntegerKeys, withIndexes, type IndexSpec, type Migration } from '../../../platform/store/index.js';

export const SCHEMA = 'exchange';

/**
 * The journal is the source of truth: every entry that changed a book, in order; replaying it
 * rebuilds the books. `orders` and `trades` are projections written in the same transaction,
 * for queries.
 */
const JOURNAL_COLUMNS = (key: string) => `seq ${key} PRIMARY KEY, time_ms BIGINT NOT NULL, entry TEXT NOT NULL`;
const ORDER_COLUMNS = (key: string) => `
    order_id ${key} PRIMARY KEY, account TEXT NOT NULL, client_order_id TEXT, symbol TEXT NOT NULL,
    side TEXT NOT NULL, type TEXT NOT NULL, tif TEXT NOT NULL, post_only INTEGER NOT NULL,
    price BIGINT, qty BIGINT NOT NULL, filled BIGINT NOT NULL, status TEXT NOT NULL, reason TEXT,
    created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL,
    request_id TEXT, correlation_id TEXT, trace_id TEXT`;
const TRADE_COLUMNS = (key: string) => `
    trade_id ${key} PRIMARY KEY, symbol TEXT NOT NULL, price BIGINT NOT NULL, qty BIGINT NOT NULL,
    maker_order_id BIGINT NOT NULL, taker_order_id BIGINT NOT NULL, aggressor TEXT NOT NULL,
    buy_account TEXT NOT NULL, sell_account TEXT NOT NULL, time_ms BIGINT NOT NULL, seq BIGINT NOT NULL`;

/** As first created (BIGINT keys); migration 3 makes the keys INTEGER on SQLite. */
const TABLES = `
  CREATE TABLE exchange.journal (${JOURNAL_COLUMNS('BIGINT')});
  CREATE TABLE exchange.orders (${ORDER_COLUMNS('BIGINT')}
  );
  CREATE TABLE exchange.trades (${TRADE_COLUMNS('BIGINT')}
  );
  CREATE TABLE exchange.state (key TEXT PRIMARY KEY, value TEXT NOT NULL)
`;

/** As migrations 1 and 3 create them; migration 4 replaces orders_account with orders_account_bucket. */
const INDEXES: IndexSpec[] = [
  ['orders_account', 'orders', 'account, order_id'],
  ['orders_symbol', 'orders', 'symbol, order_id'],
  ['trades_symbol', 'trades', 'symbol, trade_id'],
];

/** An order's bucket of 2^bits consecutive ids, as an index holds it; a query must spell it the same to use the index. */
const bucketSql = (bits: number) => `(order_id >> ${bits})`;

const ORDER_BUCKET_BITS = 8;
/** Order ids per bucket of the account index: 256. */
export const ORDER_BUCKET_SIZE = 2 ** ORDER_BUCKET_BITS;
/** An order's bucket, as the account index holds it. */
export const ORDER_BUCKET_SQL = bucketSql(ORDER_BUCKET_BITS);

/**
 * Orders by account within buckets of consecutive order ids, newest bucket last. Every order
 * goes into the newest bucket, so a commit rewrites only that bucket's pages. Keyed by
 * (account, order_id) alone, each order landed on its own account's page: one more 4 KB page
 * per order to write, about 8 of the 20 µs SQLite took per order with 1,024 active accounts.
 * A listing by account reads a run of buckets at a time, newest first (ExchangeRepository).
 *
 * Migration 4 made buckets of 4,096 ids; migration 5 narrows them to 256. A bucket of 4,096 ids
 * spans some 20 leaf pages, and a commit of 20 orders from as many accounts dirtied most of them;
 * one of 256 spans about two. With commits of 20 orders (a 2 ms commit interval at 10,000
 * orders/s), SQLite's time per order went from 24.5 to 19.1 µs in a synthetic run of the
 * exchange's writes (16.6 µs with no account index at all).
 */
const accountIndex = (bits: number): IndexSpec => ['orders_account_bucket', 'orders', `${bucketSql(bits)}, account, order_id`];

/** Commands refused before they reached a book (maintenance, injected chaos faults): not journaled, but failures. */
const COMMAND_FAILURES = `
  CREATE TABLE exchange.command_failures (
    time_ms BIGINT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, command TEXT NOT NULL, account TEXT NOT NULL,
    symbol TEXT, order_id BIGINT, request_id TEXT, correlation_id TEXT, trace_id TEXT
  )
`;

/**
 * Snapshots of the exchange's whole state after a journal entry: a start restores the newest and
 * replays only the entries after it. Only the newest is kept. Its text (ExchangeSnapshot as JSON)
 * is stored in parts of about a megabyte, each written in a transaction of its own, so that no
 * single write holds up the journal's commits; the header row, written last, makes it whole.
 */
const SNAPSHOTS = `
  CREATE TABLE exchange.snapshots (seq BIGINT PRIMARY KEY, taken_ms BIGINT NOT NULL, state_hash TEXT NOT NULL, parts INTEGER NOT NULL);
  CREATE TABLE exchange.snapshot_parts (seq BIGINT NOT NULL, part INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (seq, part))
`;

export const EXCHANGE_MIGRATIONS: Migration[] = [
  { version: 1, name: 'journal, orders, trades', sql: withIndexes(SCHEMA, TABLES, INDEXES) },
  { version: 2, name: 'command failures', sql: withIndexes(SCHEMA, COMMAND_FAILURES, [['command_failures_time', 'command_failures', 'time_ms']]) },
  {
    version: 3, name: 'integer keys (SQLite)', sql: sqliteIntegerKeys(SCHEMA, [
      { table: 'journal', columnsSql: JOURNAL_COLUMNS('INTEGER'), indexes: [] },
      { table: 'orders', columnsSql: ORDER_COLUMNS('INTEGER'), indexes: INDEXES.filter(([, table]) => table === 'orders') },
      { table: 'trades', columnsSql: TRADE_COLUMNS('INTEGER'), indexes: INDEXES.filter(([, table]) => table === 'trades') },
    ]),
  },
  { version: 4, name: 'orders by account in id buckets', sql: withIndexes(SCHEMA, 'DROP INDEX exchange.orders_account', [accountIndex(12)]) },
  { version: 5, name: 'narrower id buckets for orders by account', sql: withIndexes(SCHEMA, 'DROP INDEX exchange.orders_account_bucket', [accountIndex(ORDER_BUCKET_BITS)]) },
  { version: 6, name: 'state snapshots', sql: SNAPSHOTS },
];
