/**
 * Why risk refused an order, in the order the checks run: the first failing check decides.
 * Codes are stable (clients, runbooks and the error catalogue key on them).
 */
export const RISK_CODES = {
  RISK_KILL_SWITCH: 'A kill switch (global or the strategy\'s) is engaged: only cancels pass.',
  RISK_DAILY_LOSS_LIMIT: 'The strategy\'s P&L since the start of the UTC day is below its daily loss limit; its kill switch is now engaged.',
  RISK_INSTRUMENT_NOT_TRADABLE: 'The instrument is unknown or not enabled for trading.',
  RISK_INSTRUMENT_HALTED: 'Trading in the instrument is halted.',
  RISK_REFERENCE_STALE: 'Risk has no recent reference price for the instrument.',
  RISK_THROTTLED: 'The strategy is sending orders faster than its maxOrdersPerSecond.',
  RISK_DUPLICATE_CLIENT_ORDER_ID: 'The strategy already used this client order id.',
  RISK_MAX_ORDER_QTY: 'The order quantity is above the per-symbol maximum.',
  RISK_MAX_ORDER_NOTIONAL: 'The order notional is above the maximum.',
  RISK_PRICE_COLLAR: 'The limit price is further from the reference price than the collar allows.',
  RISK_MAX_OPEN_ORDERS: 'The strategy already has its maximum number of resting orders.',
  RISK_POSITION_LIMIT: 'The position, with open orders and this order, would exceed the per-symbol limit.',
  RISK_GROSS_EXPOSURE: 'Gross exposure with this order would exceed the limit.',
  RISK_NET_EXPOSURE: 'Net exposure with this order would exceed the limit.',
  RISK_BUYING_POWER: 'The account cannot pay for the order (quote for a buy, base asset for a sell).',
} as const;

export type RiskCode = keyof typeof RISK_CODES;
