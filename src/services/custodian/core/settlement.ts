import type { SettlementRecord } from '../../../contracts/lifecycle.js';
import type { Leg } from './balances.js';

/**
 * One trade's settlement: the buyer pays `quoteMicros` of USD, the seller delivers `qtyMicros` of
 * `baseAsset`. States: pending (not attempted yet), retried (an attempt failed, another is due),
 * settled and failed (final). `reason` is the failure code (SETTLEMENT_CODES) while retried or
 * failed; `history` holds every state, oldest first, starting with pending at tradeMs.
 */
export type Settlement = SettlementRecord;

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
