import type { FailureRecord, SettlementRecord } from '../../../contracts/lifecycle.js';
import { rowInserts, sqliteIntegerKeys, withIndexes, type IndexSpec, type Migration, type Row, type Store } from '../../../platform/store/index.js';

const SETTLEMENT_COLUMNS = (key: string) => `
    trade_id ${key} PRIMARY KEY, settlement_id TEXT NOT NULL, symbol TEXT NOT NULL, buy_account TEXT NOT NULL, sell_account TEXT NOT NULL,
    base_asset TEXT NOT NULL, qty_micros BIGINT NOT NULL, quote_micros BIGINT NOT NULL, state TEXT NOT NULL, reason TEXT,
    attempts INTEGER NOT NULL, trade_ms BIGINT NOT NULL, due_ms BIGINT NOT NULL, settled_ms BIGINT, last_failure_ms BIGINT, history TEXT NOT NULL
  `;
const INDEXES: IndexSpec[] = [['settlements_failures', 'settlements', 'last_failure_ms']];

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'settlements', sql: withIndexes('custodian', `CREATE TABLE custodian.settlements (${SETTLEMENT_COLUMNS('BIGINT')})`, INDEXES) },
  {
    version: 2, name: 'integer keys (SQLite)',
    sql: sqliteIntegerKeys('custodian', [{ table: 'settlements', columnsSql: SETTLEMENT_COLUMNS('INTEGER'), indexes: INDEXES }]),
  },
];

const COLUMNS = 'trade_id, settlement_id, symbol, buy_account, sell_account, base_asset, qty_micros, quote_micros, state, reason, attempts, trade_ms, due_ms, settled_ms, last_failure_ms, history';

/** custodian.settlements: every settlement in its latest state, with its history. */
export class SettlementRepository {
  constructor(private readonly store: Store) {}

  migrate(): Promise<void> {
    return this.store.migrate('custodian', MIGRATIONS);
  }

  /** Writes settlements in their current state (insert or update), in one transaction. */
  async save(settlements: SettlementRecord[]): Promise<void> {
    if (settlements.length === 0) return;
    // One row per trade: a settlement that changed twice in a batch is written in its latest state.
    const latest = new Map(settlements.map((s) => [s.tradeId, s]));
    const rows = [...latest.values()].map((s) => {
      const lastFailure = [...s.history].reverse().find((h) => h.reason !== null)?.timeMs ?? null;
      return [s.tradeId, s.settlementId, s.symbol, s.buyAccount, s.sellAccount, s.baseAsset, s.qtyMicros, s.quoteMicros, s.state, s.reason,
        s.attempts, s.tradeMs, s.dueMs, s.settledMs, lastFailure, JSON.stringify(s.history)];
    });
    await this.store.commit(rowInserts(`INSERT INTO custodian.settlements (${COLUMNS}) VALUES`,
      `ON CONFLICT (trade_id) DO UPDATE SET state = excluded.state, reason = excluded.reason, attempts = excluded.attempts, due_ms = excluded.due_ms,
        settled_ms = excluded.settled_ms, last_failure_ms = excluded.last_failure_ms, history = excluded.history`, rows));
  }

  async get(tradeId: number): Promise<SettlementRecord | null> {
    const [row] = await this.store.query(`SELECT ${COLUMNS} FROM custodian.settlements WHERE trade_id = $1`, [tradeId]);
    return row ? toRecord(row) : null;
  }

  /** Settlements not yet final (pending, or waiting for a retry), oldest trade first. */
  async unfinished(): Promise<SettlementRecord[]> {
    return (await this.store.query(`SELECT ${COLUMNS} FROM custodian.settlements WHERE state IN ('pending', 'retried') ORDER BY trade_id`)).map(toRecord);
  }

  /** Settlement failures (a failed attempt, retried or final), newest first. */
  async failures(limit: number): Promise<FailureRecord[]> {
    const rows = await this.store.query(`SELECT ${COLUMNS} FROM custodian.settlements WHERE last_failure_ms IS NOT NULL ORDER BY last_failure_ms DESC LIMIT $1`, [limit]);
    return rows.map(toRecord).map((s) => ({
      service: 'custodian', code: s.reason ?? 'SETTLEMENT_FAILED',
      message: `settlement ${s.settlementId} of trade ${s.tradeId} (${s.symbol}) ${s.state === 'failed' ? 'failed for good' : s.state === 'retried' ? 'failed; a retry is due' : `failed once, then ${s.state}`} after ${s.attempts} attempt(s)`,
      timeMs: [...s.history].reverse().find((h) => h.reason !== null)!.timeMs,
      ids: { tradeId: s.tradeId, account: `${s.buyAccount}/${s.sellAccount}` },
    }));
  }
}

function toRecord(r: Row): SettlementRecord {
  return {
    tradeId: Number(r.trade_id), settlementId: String(r.settlement_id), symbol: String(r.symbol), buyAccount: String(r.buy_account),
    sellAccount: String(r.sell_account), baseAsset: String(r.base_asset), qtyMicros: Number(r.qty_micros), quoteMicros: Number(r.quote_micros),
    state: r.state as SettlementRecord['state'], reason: r.reason === null ? null : String(r.reason), attempts: Number(r.attempts),
    tradeMs: Number(r.trade_ms), dueMs: Number(r.due_ms), settledMs: r.settled_ms === null ? null : Number(r.settled_ms),
    history: JSON.parse(String(r.history)) as SettlementRecord['history'],
  };
}
