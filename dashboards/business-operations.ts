import { newDashboard, q, row, statPanel, timeSeries } from './common.js';

/** The trading loop for operations: orders, trades, settlement and the house strategies. */
export const businessOperations = () => newDashboard('tradewatch-business-operations', 'tradewatch / Business Operations',
  'Order flow, trades, settlement and strategy activity.', ['business'])
  .withRow(row('Orders and trades'))
  .withPanel(statPanel('Trades / s', [q('sum(rate(tradewatch_exchange_trades_total[$__rate_interval]))')], { unit: 'ops', w: 6 }))
  .withPanel(statPanel('Orders received / s', [q('sum(rate(tradewatch_exchange_orders_received_total[$__rate_interval]))')], { unit: 'ops', w: 6 }))
  .withPanel(statPanel('Settled (range)', [q('sum(increase(tradewatch_custodian_settlements_total{outcome="settled"}[$__range]))')], { w: 6 }))
  .withPanel(statPanel('Resting orders', [q('sum(tradewatch_exchange_resting_orders)')], { w: 6 }))
  .withPanel(timeSeries('Orders received by command', [q('sum by (command) (rate(tradewatch_exchange_orders_received_total[$__rate_interval]))', '{{command}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Orders accepted by symbol', [q('sum by (symbol) (rate(tradewatch_exchange_orders_accepted_total[$__rate_interval]))', '{{symbol}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Orders rejected by reason', [q('sum by (reason) (rate(tradewatch_exchange_orders_rejected_total[$__rate_interval]))', '{{reason}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Trades by symbol', [q('sum by (symbol) (rate(tradewatch_exchange_trades_total[$__rate_interval]))', '{{symbol}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Traded lots by symbol', [q('sum by (symbol) (rate(tradewatch_exchange_traded_lots_total[$__rate_interval]))', '{{symbol}}')], { unit: 'short' }))
  .withPanel(timeSeries('Book depth by symbol and side', [q('sum by (symbol, side) (tradewatch_exchange_book_depth_lots)', '{{symbol}} {{side}}')], { unit: 'short' }))
  .withRow(row('Settlement'))
  .withPanel(timeSeries('Settlements by outcome', [q('sum by (outcome) (rate(tradewatch_custodian_settlements_total[$__rate_interval]))', '{{outcome}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Settlement failures by reason', [q('sum by (reason) (rate(tradewatch_custodian_settlement_failures_total[$__rate_interval]))', '{{reason}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Settlement backlog', [
    q('sum(tradewatch_custodian_settlements_pending)', 'pending'),
    q('max(tradewatch_custodian_oldest_pending_settlement_age_seconds)', 'oldest pending age (s)'),
  ]))
  .withPanel(timeSeries('Settlement duration p95 by asset class', [
    q('histogram_quantile(0.95, sum by (asset_class, le) (rate(tradewatch_custodian_settlement_duration_seconds_bucket[$__rate_interval])))', '{{asset_class}}'),
  ], { unit: 's' }))
  .withRow(row('Strategies'))
  .withPanel(timeSeries('Orders sent by strategy', [q('sum by (strategy) (rate(tradewatch_strategy_orders_sent_total[$__rate_interval]))', '{{strategy}}')], { unit: 'ops', w: 8 }))
  .withPanel(timeSeries('Open orders by strategy', [q('sum by (strategy) (tradewatch_strategy_open_orders)', '{{strategy}}')], { w: 8 }))
  .withPanel(timeSeries('Fills by strategy', [q('sum by (strategy) (tradewatch_strategy_fills)', '{{strategy}}')], { w: 8 }));
