export {
  CANCEL_REASON, COMMAND, MAX_ACCOUNT, MAX_PRICE, MAX_QTY, MIN_PRICE, NO_ACCOUNT, ORDER_TYPE, REJECT, SIDE, STP, STP_MODE_NAMES, TIF,
  type CancelReason, type CommandKind, type OrderType, type RejectCode, type Side, type StpMode, type StpModeName, type TimeInForce,
} from './codes.js';
export { DEFAULT_BOOK_CONFIG, type BookConfig } from './book-config.js';
export { Book, type HaltStatus } from './book.js';
export type { RestingOrder } from './order-store.js';
export { MatchingEngine, type EngineCommand, type MatchingEngineOptions } from './engine.js';
export type {
  AdvanceTimeCommand, BookCommand, CancelCommand, HaltCommand, LimitCommand, MarketCommand, ReplaceCommand, ResumeCommand, SetReferencePriceCommand,
} from './commands.js';
export {
  EventCollector, type AcceptedEvent, type CancelledEvent, type EventSink, type ExchangeEvent, type ExpiredEvent, type HaltedEvent,
  type ReferencePriceSetEvent, type RejectedEvent, type ReplacedEvent, type ResumedEvent, type SideName, type TifName, type TradeEvent,
} from './events.js';
export { ClientOrderIds, DEFAULT_CLIENT_ORDER_ID_WINDOW_MS } from './client-order-ids.js';
export { ExchangeState, type Applied, type ExchangeSnapshot, type ExchangeStateOptions, type JournalEntry, type Refused } from './exchange-state.js';
export { OrderLedger, type LedgerChanges } from './order-ledger.js';
export { snapshotJson, type StateCapture } from './snapshot-json.js';
