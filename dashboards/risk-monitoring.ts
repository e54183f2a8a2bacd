import { newDashboard, q, row, statPanel, timeSeries } from './common.js';

/** Pre-trade decisions, limit utilization and breaches, kill switches, P&L and positions. */
export const riskMonitoring = () => newDashboard('tradewatch-risk-monitoring', 'tradewatch / Risk Monitoring',
  'Risk decisions and refusals, limit utilization and breaches, kill switches, P&L and positions per strategy.', ['risk'])
  .withRow(row('Now'))
  .withPanel(statPanel('Kill switches engaged', [q('sum(tradewatch_risk_kill_switch_engaged)')], { w: 6 }))
  .withPanel(statPanel('Highest limit utilization', [q('max(tradewatch_risk_limit_utilization_ratio)')], { unit: 'percentunit', w: 6 }))
  .withPanel(statPanel('Risk rejection ratio', [
    // Refusals are legitimately zero on a quiet day: zero, not "no data", in the numerator.
    q('(sum(rate(tradewatch_risk_decisions_total{outcome="rejected"}[$__rate_interval])) or vector(0)) / sum(rate(tradewatch_risk_decisions_total[$__rate_interval]))'),
  ], { unit: 'percentunit', w: 6 }))
  .withPanel(statPanel('Limit breaches (range)', [
    // A count of breach events: legitimately zero (and the counter absent) until a limit is first breached.
    q('sum(increase(tradewatch_risk_limit_breaches_total[$__range])) or vector(0)'),
  ], { w: 6 }))
  .withRow(row('Decisions and limits'))
  .withPanel(timeSeries('Risk decisions by outcome', [q('sum by (outcome) (rate(tradewatch_risk_decisions_total[$__rate_interval]))', '{{outcome}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Risk rejections by code', [q('sum by (code) (rate(tradewatch_risk_decisions_total{outcome="rejected"}[$__rate_interval]))', '{{code}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Limit utilization (highest per strategy)', [q('max by (strategy) (tradewatch_risk_limit_utilization_ratio)', '{{strategy}}')], { unit: 'percentunit' }))
  .withPanel(timeSeries('Limit utilization (highest per limit)', [q('max by (limit) (tradewatch_risk_limit_utilization_ratio)', '{{limit}}')], { unit: 'percentunit' }))
  .withPanel(timeSeries('Limit breaches by limit and severity', [
    q('sum by (limit, severity) (increase(tradewatch_risk_limit_breaches_total[$__rate_interval]))', '{{limit}} {{severity}}'),
  ], { description: 'Breach events (80% warning, 100% critical).' }))
  .withPanel(timeSeries('Kill switches by scope', [q('max by (scope) (tradewatch_risk_kill_switch_engaged)', '{{scope}}')]))
  .withRow(row('P&L and positions'))
  .withPanel(timeSeries('Daily P&L by strategy', [q('sum by (strategy) (tradewatch_risk_pnl_dollars{kind="daily"})', '{{strategy}}')], { unit: 'currencyUSD', w: 8 }))
  .withPanel(timeSeries('Realized vs unrealized P&L', [q('sum by (kind) (tradewatch_risk_pnl_dollars{kind=~"realized|unrealized"})', '{{kind}}')], { unit: 'currencyUSD', w: 8 }))
  .withPanel(timeSeries('Positions (lots) by strategy and symbol', [q('sum by (strategy, symbol) (tradewatch_strategy_position_lots)', '{{strategy}} {{symbol}}')], { w: 8 }))
  .withPanel(timeSeries('Risk check latency p99', [q('histogram_quantile(0.99, sum by (le) (rate(tradewatch_risk_check_duration_seconds_bucket[$__rate_interval])))', 'p99')], { unit: 's', w: 24 }));
