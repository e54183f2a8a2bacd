import { JOB, newDashboard, q, row, statPanel, timeSeries } from './common.js';

/** A few numbers for the people who ask "are we fine and are we making money". */
export const executiveOverview = () => newDashboard('tradewatch-executive-overview', 'tradewatch / Executive Overview',
  'Availability, activity, P&L and settlement quality at a glance.', ['executive'])
  .withRow(row('Today'))
  .withPanel(statPanel('Venue up', [q(`min(up{${JOB}}) * min(tradewatch_exchange_available)`)], { description: '1 when every process is scraped and the exchange accepts orders.' }))
  .withPanel(statPanel('Daily P&L', [q('sum(tradewatch_risk_pnl_dollars{kind="daily"})')], { unit: 'currencyUSD' }))
  .withPanel(statPanel('Trades (range)', [q('sum(increase(tradewatch_exchange_trades_total[$__range]))')]))
  .withPanel(statPanel('Traded lots (range)', [q('sum(increase(tradewatch_exchange_traded_lots_total[$__range]))')]))
  .withPanel(statPanel('Settlement success', [
    q('sum(increase(tradewatch_custodian_settlements_total{outcome="settled"}[$__range])) / sum(increase(tradewatch_custodian_settlements_total{outcome=~"settled|failed"}[$__range]))'),
  ], { unit: 'percentunit', description: 'Settled / (settled + finally failed); retries are not outcomes.' }))
  .withPanel(statPanel('Order ack p99', [q('max(job:tradewatch_exchange_order_ack_duration_seconds:p99_rate5m)')], { unit: 's', description: 'Recording rule over 5 minutes.' }))
  .withRow(row('Trends'))
  .withPanel(timeSeries('Daily P&L by strategy', [q('sum by (strategy) (tradewatch_risk_pnl_dollars{kind="daily"})', '{{strategy}}')], { unit: 'currencyUSD' }))
  .withPanel(timeSeries('Trades per second', [q('sum(rate(tradewatch_exchange_trades_total[$__rate_interval]))', 'trades')], { unit: 'ops' }));
