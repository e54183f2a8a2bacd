import { newDashboard, q, row, statPanel, tablePanel, timeSeries } from './common.js';

/** What fired, and the business events next to it on one time axis. */
export const auditCorrelation = () => newDashboard('tradewatch-audit-correlation', 'tradewatch / Audit Correlation',
  'Firing alerts next to risk breaches, settlement failures and controls, to line up cause and effect.', ['audit', 'alerts'])
  .withRow(row('Alerts'))
  .withPanel(statPanel('Alerts firing', [q('count(ALERTS{alertstate="firing"})')], { w: 6, description: 'Includes Watchdog, which always fires.' }))
  .withPanel(statPanel('Critical alerts firing', [
    // A count: legitimately zero when nothing critical fires (ALERTS then has no such series).
    q('count(ALERTS{alertstate="firing",severity="critical"}) or vector(0)'),
  ], { w: 6 }))
  .withPanel(timeSeries('Firing alerts by severity', [q('count by (severity) (ALERTS{alertstate="firing"})', '{{severity}}')]))
  .withPanel(tablePanel('Firing alerts', [q('ALERTS{alertstate="firing"}')]))
  .withRow(row('Business events'))
  .withPanel(timeSeries('Risk limit breaches', [q('sum by (severity) (increase(tradewatch_risk_limit_breaches_total[$__rate_interval]))', '{{severity}}')]))
  .withPanel(timeSeries('Settlement failures', [q('sum by (reason) (increase(tradewatch_custodian_settlement_failures_total[$__rate_interval]))', '{{reason}}')]))
  .withPanel(timeSeries('Controls engaged', [
    q('sum(tradewatch_risk_kill_switch_engaged)', 'kill switches'),
    q('sum(tradewatch_exchange_trading_halted)', 'halted books'),
    q('sum(tradewatch_strategy_paused)', 'paused strategies'),
  ]))
  .withPanel(timeSeries('Exchange rejections by reason', [q('sum by (reason) (increase(tradewatch_exchange_orders_rejected_total[$__rate_interval]))', '{{reason}}')]));
