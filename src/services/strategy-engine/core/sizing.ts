import type { Rng } from '../../../platform/random/index.js';
import type { StrategyState } from './types.js';

/** Size jitter, as a fraction of the size: enough that the flow does not look robotic. */
const JITTER = 0.1;

/** `lots` give or take up to 10% (never below 1); sizes under 10 lots are left exact. */
export function jitterLots(rng: Rng, lots: number): number {
  const spread = Math.floor(lots * JITTER);
  return spread === 0 ? lots : lots + rng.int(-spread, spread);
}

/** Position including placements in flight, so a limit holds before their fills come back. */
export function expectedPosition(state: StrategyState): number {
  let lots = state.position;
  for (const p of state.pending) lots += p.side === 'buy' ? p.qtyLots : -p.qtyLots;
  return lots;
}

/** How many lots can still be bought (side buy) or sold before |position| passes `maxLots`. */
export function roomLots(position: number, side: 'buy' | 'sell', maxLots: number): number {
  return Math.max(0, side === 'buy' ? maxLots - position : maxLots + position);
}

/** (value - reference) in basis points of the reference. */
export function bpsFrom(reference: number, value: number): number {
  return ((value - reference) / reference) * 10_000;
}
