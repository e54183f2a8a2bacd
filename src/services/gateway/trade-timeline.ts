import type { FailureRecord, FillRecord, RiskDecisionRecord, SettlementRecord } from '../../contracts/lifecycle.js';
import { ticksToDecimal } from '../../contracts/market-data.js';
import type { OrderRecord, TradeRecord } from '../../contracts/orders.js';
import { CUSTODIAN_SUBJECTS, EXCHANGE_SUBJECTS, RISK_SUBJECTS } from '../../contracts/subjects.js';
import { MICROS } from '../../contracts/trading.js';
import { TradewatchError } from '../../platform/errors/index.js';
import type { ExchangeClient } from './order-routes.js';
import { iso, orderView, tradeView } from './order-translate.js';
import { runbookFor } from '../../app/failure-runbooks.js';

interface Step {
  time: string;
  timeMs: number;
  service: string;
  step: string;
  detail: Record<string, unknown>;
}

/** A service that does not answer leaves a gap in the timeline, not an error: say which. */
async function optional<T>(what: string, gaps: string[], fetch: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fetch();
  } catch (err) {
    if (!(err instanceof TradewatchError && err.status === 404)) gaps.push(`${what}: ${(err as Error).message}`);
    return fallback;
  }
}

/**
 * One trade followed end to end: the strategies' decisions and risk's verdicts on both orders,
 * the orders at the exchange, the trade, the positions it left, and its settlement history.
 */
export async function tradeTimeline(exchange: ExchangeClient, tradeId: number) {
  const trade = await exchange.query<TradeRecord>(EXCHANGE_SUBJECTS.getTrade, { tradeId });
  const spec = exchange.spec(trade.symbol);
  const gaps: string[] = [];
  const orders = await Promise.all([trade.makerOrderId, trade.takerOrderId].map((orderId) =>
    optional(`order ${orderId}`, gaps, () => exchange.query<OrderRecord>(EXCHANGE_SUBJECTS.getOrder, { orderId }), null)));
  const decisions = await optional('risk decisions', gaps, () => exchange.query<RiskDecisionRecord[]>(RISK_SUBJECTS.decisions, { orderIds: [trade.makerOrderId, trade.takerOrderId] }), []);
  const fills = await optional('positions', gaps, () => exchange.query<FillRecord[]>(RISK_SUBJECTS.fills, { tradeId }), []);
  const settlement = await optional('settlement', gaps, () => exchange.query<SettlementRecord | null>(CUSTODIAN_SUBJECTS.settlement, { tradeId }), null);

  const steps: Step[] = [];
  const add = (timeMs: number, service: string, step: string, detail: Record<string, unknown>) => steps.push({ time: iso(timeMs), timeMs, service, step, detail });
  for (const d of decisions) {
    if (d.kind !== 'submit') continue;
    add(d.decidedMs, 'strategy-engine', 'strategy decision', { strategy: d.strategy, order_id: d.orderId, side: d.side, signals: d.signals, trace_id: d.traceId });
    add(d.checkedMs, 'risk-monitor', 'risk decision', { strategy: d.strategy, outcome: d.outcome, code: d.code, request_id: d.requestId, correlation_id: d.correlationId, trace_id: d.traceId });
  }
  for (const o of orders) {
    if (o) add(o.createdMs, 'exchange', 'order accepted', { order_id: String(o.orderId), account: o.account, side: o.side, request_id: o.requestId, correlation_id: o.correlationId, trace_id: o.traceId });
  }
  add(trade.timeMs, 'exchange', 'trade', { trade_id: String(trade.tradeId), price: ticksToDecimal(trade.price, spec.tickSize), quantity: ticksToDecimal(trade.qty, spec.lotSize), aggressor: trade.aggressor });
  for (const f of fills) {
    add(f.timeMs, 'risk-monitor', 'position and P&L', { strategy: f.strategy, side: f.side, position_after: ticksToDecimal(f.positionAfter, spec.lotSize), realized_pnl: f.realized / MICROS, realized_pnl_total: f.realizedTotal / MICROS });
  }
  for (const h of settlement?.history ?? []) add(h.timeMs, 'custodian', `settlement ${h.state}`, { settlement_id: settlement!.settlementId, reason: h.reason });
  steps.sort((a, b) => a.timeMs - b.timeMs);

  return {
    trade: tradeView(spec, trade),
    orders: orders.filter((o): o is OrderRecord => o !== null).map((o) => orderView(spec, o)),
    settlement: settlement && { settlement_id: settlement.settlementId, state: settlement.state, reason: settlement.reason, attempts: settlement.attempts, due_at: iso(settlement.dueMs), settled_at: settlement.settledMs === null ? null : iso(settlement.settledMs) },
    timeline: steps.map(({ timeMs: _t, ...s }) => s),
    ...(gaps.length ? { incomplete: gaps } : {}),
  };
}

export interface FailureQuery {
  limit: number;
  /** Only this service's failures. */
  service?: string;
  /** Only failures at or after this time (ms since epoch). */
  sinceMs?: number;
}

const FAILURE_SOURCES: readonly [service: string, subject: string][] = [
  ['risk-monitor', RISK_SUBJECTS.failures], ['custodian', CUSTODIAN_SUBJECTS.failures], ['exchange', EXCHANGE_SUBJECTS.failures],
];

/**
 * The latest failures of every service (or one), newest first, each with the runbook to read; a
 * service that does not answer is named. Each source gives its newest `limit`, so filtering them
 * by time afterwards loses nothing.
 */
export async function latestFailures(exchange: ExchangeClient, q: FailureQuery) {
  const gaps: string[] = [];
  const sources = FAILURE_SOURCES.filter(([service]) => q.service === undefined || q.service === service);
  const lists = await Promise.all(sources.map(([service, subject]) => optional(service, gaps, () => exchange.query<FailureRecord[]>(subject, { limit: q.limit }), [])));
  const failures = lists.flat().filter((f) => q.sinceMs === undefined || f.timeMs >= q.sinceMs).sort((a, b) => b.timeMs - a.timeMs).slice(0, q.limit);
  return {
    failures: failures.map((f) => ({ service: f.service, code: f.code, message: f.message, time: iso(f.timeMs), runbook: runbookFor(f.code), ids: f.ids })),
    ...(gaps.length ? { unavailable: gaps } : {}),
  };
}
