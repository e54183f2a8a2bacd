/**
 * The matching core's vocabulary: small integer codes on the hot path (sides, time in force,
 * self-trade modes) and stable string codes in events (reject and cancel reasons). String codes
 * are interned constants, so emitting one allocates nothing.
 */

export const SIDE = { BUY: 0, SELL: 1 } as const;
export type Side = (typeof SIDE)[keyof typeof SIDE];

export const TIF = { GTC: 0, IOC: 1, FOK: 2 } as const;
export type TimeInForce = (typeof TIF)[keyof typeof TIF];

export const ORDER_TYPE = { LIMIT: 0, MARKET: 1 } as const;
export type OrderType = (typeof ORDER_TYPE)[keyof typeof ORDER_TYPE];

/**
 * What happens when an incoming order would trade with a resting order of the same account.
 * "Newest" is the incoming order, "oldest" the resting one.
 */
export const STP = { NONE: 0, CANCEL_NEWEST: 1, CANCEL_OLDEST: 2, CANCEL_BOTH: 3 } as const;
export type StpMode = (typeof STP)[keyof typeof STP];
export const STP_MODE_NAMES = ['none', 'cancel-newest', 'cancel-oldest', 'cancel-both'] as const;
export type StpModeName = (typeof STP_MODE_NAMES)[number];

/** Why a command was refused. Codes are stable: clients and runbooks key on them. */
export const REJECT = {
  /** Quantity not a positive whole number of lots (or above MAX_QTY). */
  ORDER_QTY_INVALID: 'ORDER_QTY_INVALID',
  /** Price not a whole number of ticks in [MIN_PRICE, MAX_PRICE]. */
  ORDER_PRICE_INVALID: 'ORDER_PRICE_INVALID',
  /** Price not a multiple of the book's tickSize. */
  PRICE_OFF_TICK: 'PRICE_OFF_TICK',
  /** Price further from the reference price than the book's band. */
  PRICE_OUTSIDE_BAND: 'PRICE_OUTSIDE_BAND',
  /** A resting order at this price would stretch the book past maxPriceSpanTicks. */
  PRICE_OUT_OF_RANGE: 'PRICE_OUT_OF_RANGE',
  /** Order id not a non-negative safe integer. */
  ORDER_ID_INVALID: 'ORDER_ID_INVALID',
  /** An order with this id is resting in the book. */
  ORDER_ID_DUPLICATE: 'ORDER_ID_DUPLICATE',
  /** Cancel or replace of an order that is not resting (never was, filled, or cancelled). */
  ORDER_UNKNOWN: 'ORDER_UNKNOWN',
  ACCOUNT_INVALID: 'ACCOUNT_INVALID',
  TIF_INVALID: 'TIF_INVALID',
  SIDE_INVALID: 'SIDE_INVALID',
  /** A post-only order would have traded on arrival. */
  POST_ONLY_WOULD_TRADE: 'POST_ONLY_WOULD_TRADE',
  /** The book is halted (circuit breaker or operator): only cancels are accepted; also a halt of a halted book. */
  BOOK_HALTED: 'BOOK_HALTED',
  /** Resume of a book that is not halted. */
  BOOK_NOT_HALTED: 'BOOK_NOT_HALTED',
  REFERENCE_PRICE_INVALID: 'REFERENCE_PRICE_INVALID',
  /** No book for the command's symbol (engine level). */
  SYMBOL_UNKNOWN: 'SYMBOL_UNKNOWN',
} as const;
export type RejectCode = (typeof REJECT)[keyof typeof REJECT];

/** Why open quantity left the book without trading. */
export const CANCEL_REASON = {
  USER: 'user',
  SELF_TRADE: 'self-trade',
  IOC_REMAINDER: 'ioc-remainder',
  MARKET_REMAINDER: 'market-remainder',
  /** The incoming order's trade tripped a circuit breaker; its unfilled rest is dropped. */
  HALT: 'halt',
} as const;
export type CancelReason = (typeof CANCEL_REASON)[keyof typeof CANCEL_REASON];

/** The command a rejection answers. */
export const COMMAND = {
  LIMIT: 'limit',
  MARKET: 'market',
  CANCEL: 'cancel',
  REPLACE: 'replace',
  RESUME: 'resume',
  HALT: 'halt',
  SET_REFERENCE_PRICE: 'set-reference-price',
} as const;
export type CommandKind = (typeof COMMAND)[keyof typeof COMMAND];

/** Prices are positive int32 ticks; one value above the maximum marks "no ask". */
export const MIN_PRICE = 1;
export const MAX_PRICE = 0x7ffffffe;
/** Quantities are whole lots, exact in a double. */
export const MAX_QTY = Number.MAX_SAFE_INTEGER;
/** Accounts are non-negative int32; 0 is "no account" and is never checked for self-trades. */
export const NO_ACCOUNT = 0;
export const MAX_ACCOUNT = 0x7fffffff;
