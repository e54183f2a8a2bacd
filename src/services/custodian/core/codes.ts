/**
 * The custodian's codes: why a reservation was refused and why a settlement attempt failed.
 * Codes are stable: clients, dashboards and runbooks key on them.
 */
export const SETTLEMENT_CODES = {
  CUSTODY_INSUFFICIENT_FUNDS: 'The account has too little of the asset available to reserve for the order.',
  SETTLEMENT_INSUFFICIENT_BALANCE: "The trade was not covered by a reservation and took the payer's available balance below zero.",
  SETTLEMENT_COUNTERPARTY_TIMEOUT: 'The counterparty did not confirm the settlement in time.',
  SETTLEMENT_SSI_MISMATCH: 'The standing settlement instructions of the two sides do not match.',
  SETTLEMENT_CUSTODIAN_REJECTED: 'The custodian rejected the settlement instruction.',
} as const;

export type SettlementCode = keyof typeof SETTLEMENT_CODES;

/** The failures a settlement attempt draws from at random, in draw order (index = floor(draw x 3)). */
export const RANDOM_FAILURE_REASONS = [
  'SETTLEMENT_COUNTERPARTY_TIMEOUT',
  'SETTLEMENT_SSI_MISMATCH',
  'SETTLEMENT_CUSTODIAN_REJECTED',
] as const satisfies readonly SettlementCode[];
