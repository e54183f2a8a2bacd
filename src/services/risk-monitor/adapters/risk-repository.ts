import type { FailureRecord, FillRecord, RiskDecisionRecord } from '../../../contracts/lifecycle.js';
import { withIndexes, type Migration, type Row, type Store } from '../../../platform/store/index.js';

const MIGRATIONS: Migration[] = [{
  version: 1, name: 'decisions, fills, events',
  sql: withIndexes('risk', `CREATE TABLE risk.decisions (
    decision_id BIGINT PRIMARY KEY, strategy TEXT NOT NULL, account TEXT NOT NULL, kind TEXT NOT NULL, symbol TEXT, side TEXT,
    client_order_id TEXT, order_id BIGINT, outcome TEXT NOT NULL, code TEXT, message TEXT, signals TEXT NOT NULL,
    decided_ms BIGINT NOT NULL, checked_ms BIGINT NOT NULL, request_id TEXT, correlation_id TEXT, trace_id TEXT
  );
  CREATE TABLE risk.fills (
    trade_id BIGINT NOT NULL, strategy TEXT NOT NULL, symbol TEXT NOT NULL, side TEXT NOT NULL, price BIGINT NOT NULL, qty BIGINT NOT NULL,
    position_after BIGINT NOT NULL, realized BIGINT NOT NULL, realized_total BIGINT NOT NULL, time_ms BIGINT NOT NULL,
    PRIMARY KEY (trade_id, strategy, side)
  );
  CREATE TABLE risk.events (
    event_id BIGINT PRIMARY KEY, type TEXT NOT NULL, strategy TEXT, limit_name TEXT, severity TEXT NOT NULL,
    utilization_pct REAL, message TEXT NOT NULL, time_ms BIGINT NOT NULL
  )`, [['decisions_order', 'decisions', 'order_id'], ['decisions_rejected', 'decisions', 'outcome, checked_ms'], ['events_time', 'events', 'severity, time_ms']]),
}];

const DECISION_COLUMNS = 'decision_id, strategy, account, kind, symbol, side, client_order_id, order_id, outcome, code, message, signals, decided_ms, checked_ms, request_id, correlation_id, trace_id';

export interface RiskEventRow {
  eventId: number; type: string; strategy: string | null; limit: string | null; severity: string; utilizationPct: number | null; message: string; timeMs: number;
}

/** risk.decisions (every verdict), risk.fills (positions after each fill) and risk.events (breaches). */
export class RiskRepository {
  constructor(private readonly store: Store) {}

  migrate(): Promise<void> {
    return this.store.migrate('risk', MIGRATIONS);
  }

  /** The next free id of a table's numeric key, so ids continue after a restart. */
  async nextId(table: 'decisions' | 'events'): Promise<number> {
    const column = table === 'decisions' ? 'decision_id' : 'event_id';
    const [row] = await this.store.query<{ n: unknown }>(`SELECT MAX(${column}) AS n FROM risk.${table}`);
    return Number(row?.n ?? 0) + 1;
  }

  async saveDecision(d: RiskDecisionRecord): Promise<void> {
    await this.store.execute(`INSERT INTO risk.decisions (${DECISION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
      ON CONFLICT (decision_id) DO UPDATE SET order_id = excluded.order_id, outcome = excluded.outcome, code = excluded.code, message = excluded.message`,
    [d.decisionId, d.strategy, d.account, d.kind, d.symbol, d.side, d.clientOrderId, d.orderId, d.outcome, d.code, d.message,
      JSON.stringify(d.signals), d.decidedMs, d.checkedMs, d.requestId, d.correlationId, d.traceId]);
  }

  async saveFill(f: FillRecord): Promise<void> {
    await this.store.execute(`INSERT INTO risk.fills (trade_id, strategy, symbol, side, price, qty, position_after, realized, realized_total, time_ms)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (trade_id, strategy, side) DO NOTHING`,
    [f.tradeId, f.strategy, f.symbol, f.side, f.price, f.qty, f.positionAfter, f.realized, f.realizedTotal, f.timeMs]);
  }

  async saveEvent(e: RiskEventRow): Promise<void> {
    await this.store.execute('INSERT INTO risk.events (event_id, type, strategy, limit_name, severity, utilization_pct, message, time_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [e.eventId, e.type, e.strategy, e.limit, e.severity, e.utilizationPct, e.message, e.timeMs]);
  }

  async decisionsFor(orderIds: number[]): Promise<RiskDecisionRecord[]> {
    if (orderIds.length === 0) return [];
    const placeholders = orderIds.map((_, i) => `$${i + 1}`).join(', ');
    return (await this.store.query(`SELECT ${DECISION_COLUMNS} FROM risk.decisions WHERE order_id IN (${placeholders}) ORDER BY decision_id`, orderIds)).map(toDecision);
  }

  async fillsFor(tradeId: number): Promise<FillRecord[]> {
    const rows = await this.store.query('SELECT * FROM risk.fills WHERE trade_id = $1 ORDER BY strategy, side', [tradeId]);
    return rows.map((r) => ({
      tradeId: Number(r.trade_id), strategy: String(r.strategy), symbol: String(r.symbol), side: r.side as FillRecord['side'], price: Number(r.price),
      qty: Number(r.qty), positionAfter: Number(r.position_after), realized: Number(r.realized), realizedTotal: Number(r.realized_total), timeMs: Number(r.time_ms),
    }));
  }

  /** Rejections and critical events, newest first. */
  async failures(limit: number): Promise<FailureRecord[]> {
    const rejected = (await this.store.query(`SELECT ${DECISION_COLUMNS} FROM risk.decisions WHERE outcome = 'rejected' ORDER BY checked_ms DESC, decision_id DESC LIMIT $1`, [limit])).map(toDecision);
    const events = await this.store.query(`SELECT * FROM risk.events WHERE severity = 'critical' ORDER BY time_ms DESC, event_id DESC LIMIT $1`, [limit]);
    const failures: FailureRecord[] = [
      ...rejected.map((d) => ({
        service: 'risk-monitor', code: d.code ?? 'RISK_REJECTED', message: d.message ?? 'rejected', timeMs: d.checkedMs,
        ids: { strategy: d.strategy, account: d.account, clientOrderId: d.clientOrderId, requestId: d.requestId, correlationId: d.correlationId, traceId: d.traceId },
      })),
      ...events.map((e) => ({
        service: 'risk-monitor', code: e.type === 'kill_switch' ? 'RISK_KILL_SWITCH' : 'RISK_LIMIT_BREACH',
        message: String(e.message), timeMs: Number(e.time_ms), ids: { strategy: e.strategy === null ? null : String(e.strategy) },
      })),
    ];
    return failures.sort((a, b) => b.timeMs - a.timeMs).slice(0, limit);
  }
}

function toDecision(r: Row): RiskDecisionRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    decisionId: Number(r.decision_id), strategy: String(r.strategy), account: String(r.account), kind: r.kind as RiskDecisionRecord['kind'],
    symbol: text(r.symbol), side: text(r.side) as RiskDecisionRecord['side'], clientOrderId: text(r.client_order_id),
    orderId: r.order_id === null ? null : Number(r.order_id), outcome: r.outcome as RiskDecisionRecord['outcome'], code: text(r.code), message: text(r.message),
    signals: JSON.parse(String(r.signals)) as Record<string, number>, decidedMs: Number(r.decided_ms), checkedMs: Number(r.checked_ms),
    requestId: text(r.request_id), correlationId: text(r.correlation_id), traceId: text(r.trace_id),
  };
}
