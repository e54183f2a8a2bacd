import type { RiskCode } from './codes.js';

/** An order as the adapter hands it to risk. */
export interface RiskOrder {
  strategy: string;
  account: string;
  kind: 'submit' | 'replace' | 'cancel';
  symbol: string;
  side: 'buy' | 'sell';
  type: 'limit' | 'market';
  /** Limit price in ticks; null for market orders. */
  priceTicks: number | null;
  qtyLots: number;
  clientOrderId: string | null;
}

/** What the account can spend, in micro-units, as the custodian reports it. */
export interface BuyingPower {
  quoteAvailable: number;
  baseAvailable: number;
}

/** The verdict on one order: a rejection is a value, never an exception. */
export type RiskDecision = { ok: true } | { ok: false; code: RiskCode; message: string };

/** A post-trade fact worth an alert: a limit breach, a kill switch change, a recovery. */
export interface RiskEvent {
  type: 'breach' | 'kill_switch' | 'recovered';
  /** null: the global kill switch. */
  strategy: string | null;
  /** The limit concerned (a LimitName), or null for an operator's kill switch. */
  limit: string | null;
  severity: 'info' | 'warning' | 'critical';
  utilizationPct: number | null;
  message: string;
  timeMs: number;
}

/** One kill switch; reason and sinceMs describe its last change (null: never set). */
export interface KillSwitchState {
  engaged: boolean;
  reason: string | null;
  sinceMs: number | null;
}

/** A resting order risk counts against a strategy's limits. */
export interface TrackedOrder {
  orderId: number;
  strategy: string;
  symbol: string;
  side: 'buy' | 'sell';
  openLots: number;
}

export const ALLOW: RiskDecision = Object.freeze({ ok: true });

export function reject(code: RiskCode, message: string): RiskDecision {
  return { ok: false, code, message };
}
