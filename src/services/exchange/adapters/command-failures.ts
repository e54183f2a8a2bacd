import type { FailureRecord } from '../../../contracts/lifecycle.js';
import type { OrderCommand, OrderRecord } from '../../../contracts/orders.js';
import type { Row, Store } from '../../../platform/store/index.js';

const COLUMNS = 'time_ms, code, message, command, account, symbol, order_id, request_id, correlation_id, trace_id';

/** The exchange's failures: commands refused before a book saw them, and orders the books rejected. */
export class CommandFailures {
  constructor(private readonly store: Store) {}

  async record(cmd: OrderCommand, code: string, message: string, timeMs: number): Promise<void> {
    await this.store.query(`INSERT INTO exchange.command_failures (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
      timeMs, code, message, cmd.kind, cmd.account, cmd.kind === 'submit' ? cmd.symbol : null, cmd.kind === 'submit' ? null : cmd.orderId,
      cmd.requestId ?? null, cmd.correlationId ?? null, cmd.traceId ?? null,
    ]);
  }

  /** The newest `limit` failures, newest first, with the books' rejections (`rejected`, newest first) merged in. */
  async latest(limit: number, rejected: readonly OrderRecord[]): Promise<FailureRecord[]> {
    const rows = await this.store.query(`SELECT ${COLUMNS} FROM exchange.command_failures ORDER BY time_ms DESC LIMIT $1`, [limit]);
    const refused = rows.map(toFailure);
    const byBook: FailureRecord[] = rejected.map((o) => ({
      service: 'exchange', code: o.reason ?? 'ORDER_REJECTED', message: `order ${o.orderId} (${o.symbol} ${o.side}) rejected by the book`, timeMs: o.updatedMs,
      ids: { orderId: o.orderId, clientOrderId: o.clientOrderId, account: o.account, requestId: o.requestId, correlationId: o.correlationId, traceId: o.traceId },
    }));
    return [...refused, ...byBook].sort((a, b) => b.timeMs - a.timeMs).slice(0, limit);
  }
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toFailure(r: Row): FailureRecord {
  return {
    service: 'exchange', code: String(r.code), message: String(r.message), timeMs: Number(r.time_ms),
    ids: {
      account: String(r.account), orderId: r.order_id === null ? null : Number(r.order_id),
      requestId: text(r.request_id), correlationId: text(r.correlation_id), traceId: text(r.trace_id),
    },
  };
}
