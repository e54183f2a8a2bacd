/**
 * Records that follow an order through the trading loop (strategy -> risk -> exchange ->
 * custodian), each carrying the request, correlation and trace ids it was made under.
 */
import { z } from 'zod';
import { cancelOrderSchema, submitOrderSchema, type CancelOrder, type Side, type SubmitOrder } from './orders.js';

export interface TraceIds {
  requestId: string | null;
  correlationId: string | null;
  traceId: string | null;
}

export const strategyOrderRequestSchema = z.object({
  strategy: z.string().min(1),
  command: z.discriminatedUnion('kind', [submitOrderSchema, cancelOrderSchema]),
  signals: z.record(z.string(), z.number()),
  decidedMs: z.number(),
});

/** What a strategy asks risk to send, with why it decided so. */
export interface StrategyOrderRequest {
  strategy: string;
  command: SubmitOrder | CancelOrder;
  /** The strategy's signal values at the decision (e.g. fast/slow averages, z-score). */
  signals: Record<string, number>;
  decidedMs: number;
}

/** Risk's verdict on one strategy order. */
export interface RiskDecisionRecord extends TraceIds {
  decisionId: number;
  strategy: string;
  account: string;
  kind: 'submit' | 'cancel';
  symbol: string | null;
  side: Side | null;
  clientOrderId: string | null;
  /** The exchange's order id, once it acknowledged the order (or the order cancelled). */
  orderId: number | null;
  outcome: 'accepted' | 'rejected';
  code: string | null;
  message: string | null;
  signals: Record<string, number>;
  decidedMs: number;
  checkedMs: number;
}

/** A strategy's position and P&L right after one of its fills. */
export interface FillRecord {
  tradeId: number;
  strategy: string;
  symbol: string;
  side: Side;
  price: number;
  qty: number;
  /** Lots after the fill (negative = short). */
  positionAfter: number;
  /** Realized P&L this fill made, and the strategy's total after it (dollar micros). */
  realized: number;
  realizedTotal: number;
  timeMs: number;
}

export type SettlementState = 'pending' | 'retried' | 'settled' | 'failed';

export interface SettlementRecord {
  settlementId: string;
  tradeId: number;
  symbol: string;
  buyAccount: string;
  sellAccount: string;
  baseAsset: string;
  qtyMicros: number;
  quoteMicros: number;
  state: SettlementState;
  reason: string | null;
  attempts: number;
  tradeMs: number;
  dueMs: number;
  settledMs: number | null;
  history: { state: SettlementState; timeMs: number; reason: string | null }[];
}

/** One failure anywhere in the loop, as GET /api/v1/failures lists them. */
export interface FailureRecord {
  service: string;
  code: string;
  message: string;
  timeMs: number;
  ids: Partial<TraceIds> & { orderId?: number | null; tradeId?: number | null; clientOrderId?: string | null; strategy?: string | null; account?: string | null };
}
