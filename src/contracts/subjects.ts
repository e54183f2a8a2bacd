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
  /** Request { tradeId } -> TradeRecord. */
  getTrade: 'ex.query.trade',
  /** Request { limit } -> FailureRecord[]: commands refused before a book and orders the books rejected, newest first. */
  failures: 'ex.query.failures',
  /** Request { enabled, reason? } -> status: maintenance mode (every order command answers 503). */
  maintenance: 'ex.maintenance',
  /**
   * Request { symbol, halted, reason? } -> the book's status: an operator halts (halted: true) or
   * resumes one book; journaled, answered once durable.
   */
  halt: 'ex.cmd.halt',
  /** Request {} -> per-book status and state hash. */
  status: 'ex.query.status',
  /** Request { symbol, levels } -> ExchangeBook: the book's top levels now. */
  bookSnapshot: 'ex.query.book',
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

/** Risk-monitor subjects. */
export const RISK_SUBJECTS = {
  /** Request StrategyOrderRequest -> OrderReply (after the exchange acknowledged it) or a RISK_* error. */
  order: 'risk.order',
  /** Request KillSwitchRequest -> KillSwitchState[]. */
  killSwitch: 'risk.kill-switch',
  /** Request { strategy?: string, patch?: Partial<limits> } -> the limits after the change. */
  limits: 'risk.limits',
  /** Request { strategy?: string } -> StrategyRisk[] (positions, P&L, utilization). */
  snapshot: 'risk.query.snapshot',
  /** Request { orderIds: number[] } -> RiskDecisionRecord[]. */
  decisions: 'risk.query.decisions',
  /** Request { tradeId } -> FillRecord[] (the strategies' positions and P&L after that trade). */
  fills: 'risk.query.fills',
  /** Request { limit } -> FailureRecord[]. */
  failures: 'risk.query.failures',
  /** Published: RiskEventRecord (breaches, kill switches), with severity. */
  event: 'risk.event',
} as const;

/** Custodian subjects. */
export const CUSTODIAN_SUBJECTS = {
  /** Request { account, symbol } -> { quoteAvailable, baseAvailable } (micros). */
  buyingPower: 'cust.buying-power',
  /** Request { account } -> balances per asset. */
  balances: 'cust.query.balances',
  /** Request { tradeId } -> SettlementRecord. */
  settlement: 'cust.query.settlement',
  /** Request { limit } -> FailureRecord[]. */
  failures: 'cust.query.failures',
  /** Request { rate } -> {} (chaos and game days: the settlement failure rate from now on). */
  failureRate: 'cust.failure-rate',
  /** Published after settlements change, per state: { settlements: SettlementRecord[] }. */
  settlementUpdate: (state: string) => `cust.settlement.${state}`,
  settlementUpdates: 'cust.settlement.>',
} as const;

/** Strategy-engine subjects. */
export const STRATEGY_SUBJECTS = {
  /** Request {} -> StrategyStatus[]. */
  status: 'strat.query.status',
  /** Request { name, action: 'pause' | 'resume' } -> StrategyStatus. */
  control: 'strat.control',
  /** Request { name, multiplier } -> StrategyStatus (game days: a runaway strategy). */
  rate: 'strat.rate',
} as const;

export const CHAOS_SUBJECTS = {
  /** Event ChaosMode: on every switch and every few seconds, so late subscribers catch up. */
  mode: 'chaos.mode',
  /** Request {} -> ChaosMode. */
  status: 'chaos.query.status',
  /** Request { enabled } -> ChaosMode (creates or removes the flag file). */
  set: 'chaos.set',
} as const;
