/** Codes the exchange answers order and operator halt/resume commands with (besides the platform's INVALID_REQUEST, UNKNOWN_SYMBOL). */
export const EXCHANGE_CODES = {
  PRICE_OFF_TICK: 'The price is not a multiple of the tick size.',
  QUANTITY_OFF_LOT: 'The quantity is not a multiple of the lot size.',
  ORDER_QTY_INVALID: 'The quantity is not a positive whole number of lots, or too large.',
  ORDER_PRICE_INVALID: 'The price is outside the range the book supports.',
  PRICE_OUTSIDE_BAND: 'The price is further from the reference price than the price band allows.',
  PRICE_OUT_OF_RANGE: 'A resting order at this price would stretch the book too far.',
  POST_ONLY_WOULD_TRADE: 'A post-only order would have traded on arrival.',
  BOOK_HALTED: 'Trading in the book is halted (by a circuit breaker or an operator): only cancels are accepted; also the answer to halting a halted book.',
  BOOK_NOT_HALTED: 'Resume of a book that is not halted.',
  ORDER_NOT_FOUND: 'No open order with this id for this account.',
  DUPLICATE_CLIENT_ORDER_ID: 'The account already used this client order id.',
  BOOK_FULL: 'The book holds as many resting orders as it takes (exchange.maxRestingOrdersPerBook): it refuses GTC orders until some leave; IOC, FOK and market orders still trade.',
  ORDER_TOO_LARGE: 'The order is worth more than one order may be (exchange.maxOrderNotional, a fat-finger limit): its limit price, or for a market order the reference price, times its quantity.',
  EXCHANGE_UNAVAILABLE: 'The exchange is in maintenance (an operator turned it off): it takes no orders until it is lifted.',
} as const;
