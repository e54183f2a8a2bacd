/**
 * The runbook to read for a failure code: the one of the alert that failure feeds. Codes not
 * listed fall back by prefix; anything else is an order rejection.
 */
const BY_CODE: Readonly<Record<string, string>> = {
  RISK_KILL_SWITCH: 'KillSwitchEngaged',
  RISK_DAILY_LOSS_LIMIT: 'DailyLossLimitHit',
  RISK_THROTTLED: 'StrategyOrderRateAnomaly',
  RISK_POSITION_LIMIT: 'PositionLimitBreach',
  RISK_GROSS_EXPOSURE: 'PositionLimitBreach',
  RISK_NET_EXPOSURE: 'PositionLimitBreach',
  RISK_LIMIT_BREACH: 'PositionLimitBreach',
  RISK_INSTRUMENT_HALTED: 'TradingHalted',
  RISK_REFERENCE_STALE: 'MarketDataStale',
  BOOK_HALTED: 'TradingHalted',
  EXCHANGE_UNAVAILABLE: 'ExchangeUnavailable',
  CHAOS_ORDER_FAULT: 'HighErrorRate',
  CHAOS_SETTLEMENT_FAULT: 'SettlementFailuresHigh',
};

const BY_PREFIX: readonly [string, string][] = [['SETTLEMENT_', 'SettlementFailuresHigh'], ['CUSTODY_', 'SettlementFailuresHigh']];

export function runbookFor(code: string): string {
  const alert = BY_CODE[code] ?? BY_PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'OrderRejectSpike';
  return `docs/runbooks/${alert}.md`;
}
