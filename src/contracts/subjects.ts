/** Bus subjects. Symbols never contain dots, so they are safe as subject tokens. */
export const SUBJECTS = {
  marketUpdate: (symbol: string) => `md.update.${symbol}`,
  marketUpdates: 'md.update.>',
  /** Request { symbol } -> BookSnapshot. */
  marketSnapshot: 'md.snapshot',
  /** Request {} -> InstrumentSpec[]. */
  marketInstruments: 'md.instruments',
} as const;

/** Exchange subjects. */
export const EXCHANGE_SUBJECTS = {
  /** Request OrderCommand -> OrderReply, answered once durable. */
  command: 'ex.cmd',
  /**
   * Request { commands: OrderCommand[] } -> { results: ReplyEnvelope<OrderReply>[] }, one result
   * per command in the same order; each command succeeds or fails on its own.
   */
  commandBatch: 'ex.cmd.batch',
  /** Request { orderId } -> OrderRecord. */
  getOrder: 'ex.query.order',
  /** Request OrderQuery -> OrderRecord[]. */
  listOrders: 'ex.query.orders',
  /** Request TradeQuery -> TradeRecord[]. */
  listTrades: 'ex.query.trades',
  /** Request {} -> per-book status and state hash. */
  status: 'ex.query.status',
  /** Published after each commit: TradeBatch, the book's new trades. */
  trade: (symbol: string) => `ex.trade.${symbol}`,
  trades: 'ex.trade.>',
  /** Published after each commit: OrderUpdateBatch, the book's changed orders. */
  orderUpdate: (symbol: string) => `ex.order.${symbol}`,
  orderUpdates: 'ex.order.>',
  /** Published at most every 100 ms per changed book: ExchangeBook. */
  book: (symbol: string) => `ex.book.${symbol}`,
  books: 'ex.book.>',
} as const;
