import { setImmediate as nextTurn } from 'node:timers/promises';
import type { OrderQuery, OrderRecord, TradeQuery, TradeRecord } from '../../../contracts/orders.js';
import { rowInserts, type Row, type SqlParam, type Statement, type Store } from '../../../platform/store/index.js';
import type { JournalEntry } from '../core/index.js';
import type { LedgerChanges } from '../core/order-ledger.js';
import { EXCHANGE_MIGRATIONS, ORDER_BUCKET_SIZE, ORDER_BUCKET_SQL, SCHEMA } from './schema.js';

/** One journaled entry and the projections it changed, written together. */
export interface JournalItem {
  seq: number;
  entry: JournalEntry;
  changes: LedgerChanges;
}

const ORDER_COLUMNS = 'order_id, account, client_order_id, symbol, side, type, tif, post_only, price, qty, filled, status, reason, created_ms, updated_ms, request_id, correlation_id, trace_id';
const ORDER_UPSERT = `ON CONFLICT (order_id) DO UPDATE SET price = excluded.price, qty = excluded.qty, filled = excluded.filled,
  status = excluded.status, reason = excluded.reason, updated_ms = excluded.updated_ms`;
/** Buckets of the account index one listing statement looks into (each an index lookup). */
export const BUCKETS_PER_QUERY = 16;
/** Characters of snapshot text per stored part: a write of about a megabyte. */
const SNAPSHOT_PART_CHARS = 1 << 20;
const TRADE_COLUMNS = 'trade_id, symbol, price, qty, maker_order_id, taker_order_id, aggressor, buy_account, sell_account, time_ms, seq';
/** The exchange's tables: the journal and the order/trade projections. */
export class ExchangeRepository {
  constructor(private readonly store: Store) {}

  migrate(): Promise<void> {
    return this.store.migrate(SCHEMA, EXCHANGE_MIGRATIONS);
  }

  /**
   * The writes of a batch (committed together by the group committer), as a few multi-row
   * statements: the journal rows, each changed order once (its latest state), the new trades.
   */
  writesOf(items: JournalItem[]): Statement[] {
    const latest = new Map<number, OrderRecord>();
    const trades: TradeRecord[] = [];
    for (const { changes } of items) {
      for (const o of changes.orders) latest.set(o.orderId, o);
      trades.push(...changes.trades);
    }
    return [
      ...rowInserts('INSERT INTO exchange.journal (seq, time_ms, entry) VALUES', '', items.map(({ seq, entry }) => [seq, entry.timeMs, JSON.stringify(entry)])),
      ...rowInserts(`INSERT INTO exchange.orders (${ORDER_COLUMNS}) VALUES`, ORDER_UPSERT, [...latest.values()].map(orderParams)),
      ...rowInserts(`INSERT INTO exchange.trades (${TRADE_COLUMNS}) VALUES`, '', trades.map(tradeParams)),
    ];
  }

  /** The newest journal entry's seq (0 when the journal is empty). */
  lastSeq(): Promise<number> {
    return this.highest('exchange.journal', 'seq');
  }

  async hasEntry(seq: number): Promise<boolean> {
    return (await this.store.query('SELECT seq FROM exchange.journal WHERE seq = $1', [seq])).length > 0;
  }

  /**
   * The journal in order from the entry after `after`, a page of entries at a time: one await per
   * page, not per entry (with async context tracking on, each await of a replay of millions of
   * entries costs).
   */
  async *journalPages(after = 0, pageSize = 5000): AsyncGenerator<{ seq: number; entry: JournalEntry }[]> {
    for (;;) {
      const rows = await this.store.query<{ seq: number; entry: string }>('SELECT seq, entry FROM exchange.journal WHERE seq > $1 ORDER BY seq LIMIT $2', [after, pageSize]);
      if (rows.length > 0) yield rows.map((r) => ({ seq: r.seq, entry: JSON.parse(r.entry) as JournalEntry }));
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.seq;
    }
  }

  async getOrder(orderId: number): Promise<OrderRecord | null> {
    const [row] = await this.store.query(`SELECT ${ORDER_COLUMNS} FROM exchange.orders WHERE order_id = $1`, [orderId]);
    return row ? toOrder(row) : null;
  }

  async getTrade(tradeId: number): Promise<TradeRecord | null> {
    const [row] = await this.store.query(`SELECT ${TRADE_COLUMNS} FROM exchange.trades WHERE trade_id = $1`, [tradeId]);
    return row ? toTrade(row) : null;
  }

  /** Newest first; by account, see ordersOfAccount. */
  async listOrders(q: OrderQuery): Promise<OrderRecord[]> {
    if (q.account !== undefined) return this.ordersOfAccount({ ...q, account: q.account });
    const { where, params } = filters({ symbol: q.symbol, status: q.status }, ['order_id', q.before]);
    const rows = await this.store.query(`SELECT ${ORDER_COLUMNS} FROM exchange.orders ${where} ORDER BY order_id DESC LIMIT $${params.length + 1}`, [...params, q.limit]);
    return rows.map(toOrder);
  }

  /**
   * The account index is split into buckets of order ids (see schema.ts), so an account's orders
   * are read a run of buckets at a time, newest first, until the page is full or the buckets run
   * out: one statement (of BUCKETS_PER_QUERY index lookups) per 4,096 orders, about 250 for an
   * account with no orders in a million.
   */
  private async ordersOfAccount(q: OrderQuery & { account: string }): Promise<OrderRecord[]> {
    const found: OrderRecord[] = [];
    let below = q.before ?? (await this.highest('exchange.orders', 'order_id')) + 1;
    while (found.length < q.limit && below > 1) {
      const newest = Math.floor((below - 1) / ORDER_BUCKET_SIZE);
      const oldest = Math.max(0, newest - BUCKETS_PER_QUERY + 1);
      const { where, params } = filters({ account: q.account, symbol: q.symbol, status: q.status }, ['order_id', below]);
      const buckets = Array.from({ length: newest - oldest + 1 }, (_, i) => newest - i);
      const inList = buckets.map((_, i) => `$${params.length + 1 + i}`).join(', ');
      const sql = `SELECT ${ORDER_COLUMNS} FROM exchange.orders ${where} AND ${ORDER_BUCKET_SQL} IN (${inList}) ORDER BY order_id DESC LIMIT $${params.length + buckets.length + 1}`;
      for (const row of await this.store.query(sql, [...params, ...buckets, q.limit - found.length])) found.push(toOrder(row));
      below = oldest * ORDER_BUCKET_SIZE;
    }
    return found;
  }

  /** The largest key in a table (0 when it is empty): one look at the end of its index. */
  private async highest(table: string, key: string): Promise<number> {
    const [row] = await this.store.query<{ top: number | null }>(`SELECT MAX(${key}) AS top FROM ${table}`);
    return Number(row?.top ?? 0);
  }

  async listTrades(q: TradeQuery): Promise<TradeRecord[]> {
    const { where, params } = filters({ symbol: q.symbol }, ['trade_id', q.before]);
    const accountClause = q.account ? `${where ? `${where} AND` : 'WHERE'} (buy_account = $${params.length + 1} OR sell_account = $${params.length + 1})` : where;
    const all = q.account ? [...params, q.account] : params;
    const rows = await this.store.query(`SELECT ${TRADE_COLUMNS} FROM exchange.trades ${accountClause} ORDER BY trade_id DESC LIMIT $${all.length + 1}`, [...all, q.limit]);
    return rows.map(toTrade);
  }

  /**
   * Stores the snapshot taken after entry `seq`, whose text comes in `pieces`, in place of older
   * ones. Its parts are written one at a time, with a turn of the event loop after each piece, so
   * that orders go on meanwhile; the header, written last, makes it the newest.
   */
  async saveSnapshot(seq: number, takenMs: number, stateHash: string, pieces: Iterable<string>): Promise<{ bytes: number }> {
    // What an attempt that did not finish may have left.
    await this.store.execute('DELETE FROM exchange.snapshot_parts WHERE seq = $1', [seq]);
    let part = 0;
    let bytes = 0;
    let text: string[] = [];
    let length = 0;
    const write = async () => {
      await this.store.execute('INSERT INTO exchange.snapshot_parts (seq, part, body) VALUES ($1, $2, $3)', [seq, part++, text.join('')]);
      text = [];
      length = 0;
    };
    for (const piece of pieces) {
      text.push(piece);
      length += piece.length;
      bytes += piece.length;
      if (length >= SNAPSHOT_PART_CHARS) await write();
      await nextTurn();
    }
    if (length > 0) await write();
    await this.store.commit([
      { sql: 'INSERT INTO exchange.snapshots (seq, taken_ms, state_hash, parts) VALUES ($1, $2, $3, $4) ON CONFLICT (seq) DO UPDATE SET taken_ms = excluded.taken_ms, state_hash = excluded.state_hash, parts = excluded.parts', params: [seq, takenMs, stateHash, part] },
      { sql: 'DELETE FROM exchange.snapshots WHERE seq <> $1', params: [seq] },
    ]);
    await this.store.execute('DELETE FROM exchange.snapshot_parts WHERE seq <> $1', [seq]);
    return { bytes };
  }

  /**
   * The newest snapshot taken at or before entry `atMost` (a newer one would be ahead of the
   * journal), its text joined again. Throws if parts of it are missing.
   */
  async latestSnapshot(atMost: number): Promise<{ seq: number; stateHash: string; body: string } | null> {
    const [header] = await this.store.query<{ seq: number; state_hash: string; parts: number }>(
      'SELECT seq, state_hash, parts FROM exchange.snapshots WHERE seq <= $1 ORDER BY seq DESC LIMIT 1', [atMost]);
    if (!header) return null;
    const seq = Number(header.seq);
    const parts = await this.store.query<{ body: string }>('SELECT body FROM exchange.snapshot_parts WHERE seq = $1 ORDER BY part', [seq]);
    if (parts.length !== Number(header.parts)) throw new Error(`the snapshot after entry ${seq} has ${parts.length} of its ${header.parts} parts`);
    return { seq, stateHash: header.state_hash, body: parts.map((p) => p.body).join('') };
  }

  async saveState(key: string, value: string): Promise<void> {
    await this.store.execute('INSERT INTO exchange.state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async loadState(key: string): Promise<string | null> {
    const [row] = await this.store.query<{ value: string }>('SELECT value FROM exchange.state WHERE key = $1', [key]);
    return row?.value ?? null;
  }
}

/** Equality filters for the fields given, and `id < before` when a page boundary is given. */
function filters(fields: Record<string, string | undefined>, [idColumn, before]: [string, number | undefined]): { where: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  for (const [column, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    params.push(value);
    clauses.push(`${column} = $${params.length}`);
  }
  if (before !== undefined) {
    params.push(before);
    clauses.push(`${idColumn} < $${params.length}`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const orderParams = (o: OrderRecord): SqlParam[] => [
  o.orderId, o.account, o.clientOrderId, o.symbol, o.side, o.type, o.tif, o.postOnly, o.price, o.qty, o.filled,
  o.status, o.reason, o.createdMs, o.updatedMs, o.requestId, o.correlationId, o.traceId,
];

const tradeParams = (t: TradeRecord): SqlParam[] => [
  t.tradeId, t.symbol, t.price, t.qty, t.makerOrderId, t.takerOrderId, t.aggressor, t.buyAccount, t.sellAccount, t.timeMs, t.seq,
];

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toOrder(r: Row): OrderRecord {
  return {
    orderId: Number(r.order_id), account: String(r.account), clientOrderId: str(r.client_order_id), symbol: String(r.symbol),
    side: r.side as OrderRecord['side'], type: r.type as OrderRecord['type'], tif: r.tif as OrderRecord['tif'], postOnly: Number(r.post_only) === 1,
    price: r.price === null ? null : Number(r.price), qty: Number(r.qty), filled: Number(r.filled), status: r.status as OrderRecord['status'],
    reason: str(r.reason), createdMs: Number(r.created_ms), updatedMs: Number(r.updated_ms),
    requestId: str(r.request_id), correlationId: str(r.correlation_id), traceId: str(r.trace_id),
  };
}

function toTrade(r: Row): TradeRecord {
  return {
    tradeId: Number(r.trade_id), symbol: String(r.symbol), price: Number(r.price), qty: Number(r.qty),
    makerOrderId: Number(r.maker_order_id), takerOrderId: Number(r.taker_order_id), aggressor: r.aggressor as TradeRecord['aggressor'],
    buyAccount: String(r.buy_account), sellAccount: String(r.sell_account), timeMs: Number(r.time_ms), seq: Number(r.seq),
  };
}
