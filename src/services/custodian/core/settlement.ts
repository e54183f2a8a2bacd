import type { Leg } from './balances.js';

/** One trade's settlement: the buyer pays `quoteMicros` of USD, the seller delivers `qtyMicros` of `baseAsset`. */
export interface Settlement {
  settlementId: string;
  tradeId: number;
  symbol: string;
  buyAccount: string;
  sellAccount: string;
  baseAsset: string;
  qtyMicros: number;
  quoteMicros: number;
  /** pending: not attempted yet; retried: an attempt failed, another is due; settled and failed are final. */
  state: 'pending' | 'retried' | 'settled' | 'failed';
  /** Why it is in its state: the failure code (SETTLEMENT_CODES) when retried or failed, else null. */
  reason: string | null;
  attempts: number;
  tradeMs: number;
  /** When the next attempt is due (the last one's due time once final). */
  dueMs: number;
  settledMs: number | null;
  /** Every state the settlement went through, oldest first, starting with pending at tradeMs. */
  history: { state: Settlement['state']; timeMs: number; reason: string | null }[];
}

/** The outcome of one settlement attempt, with the settlement as it is after it. */
export interface SettlementEvent {
  settlement: Settlement;
  type: 'settled' | 'failed' | 'retried';
  timeMs: number;
}

/** A copy the caller may keep: later transitions do not change it. */
export function snapshot(s: Settlement): Settlement {
  return { ...s, history: s.history.map((h) => ({ ...h })) };
}

/** The settlement's two legs: USD from buyer to seller, the base asset from seller to buyer. */
export function legsOf(s: Settlement, quoteAsset: string): [quote: Leg, base: Leg] {
  return [
    { payer: s.buyAccount, receiver: s.sellAccount, asset: quoteAsset, amount: s.quoteMicros },
    { payer: s.sellAccount, receiver: s.buyAccount, asset: s.baseAsset, amount: s.qtyMicros },
  ];
}

/** Moves a settlement to `state` at `timeMs` and records the transition. */
export function transition(s: Settlement, state: Settlement['state'], timeMs: number, reason: string | null): void {
  s.state = state;
  s.reason = reason;
  s.history.push({ state, timeMs, reason });
}
