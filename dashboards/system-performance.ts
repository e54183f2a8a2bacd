import { JOB, newDashboard, q, row, timeSeries } from './common.js';

const p99 = (metric: string, by = '') =>
  `histogram_quantile(0.99, sum by (${by ? `${by}, ` : ''}le) (rate(${metric}_bucket[$__rate_interval])))`;

/** Latencies along the order path, from HTTP to the journal. */
export const systemPerformance = () => newDashboard('tradewatch-system-performance', 'tradewatch / System Performance',
  'p99 latencies of order acknowledgement, matching, commits, risk checks, the bus and market data; how busy each event loop is.', ['performance'])
  .withRow(row('Order path'))
  .withPanel(timeSeries('Order ack latency p99 by command', [q(p99('tradewatch_exchange_order_ack_duration_seconds', 'command'), '{{command}}')], { unit: 's' }))
  .withPanel(timeSeries('Order ack latency p99 (5m, SLO rule)', [q('job:tradewatch_exchange_order_ack_duration_seconds:p99_rate5m', '{{job}}')], { unit: 's' }))
  .withPanel(timeSeries('Matching latency p99', [q(p99('tradewatch_exchange_match_duration_seconds'), 'match')], { unit: 's', w: 8 }))
  .withPanel(timeSeries('Commit latency p99', [q(p99('tradewatch_exchange_commit_duration_seconds'), 'commit')], { unit: 's', w: 8 }))
  .withPanel(timeSeries('Commit batch size (mean)', [
    q('sum(rate(tradewatch_exchange_commit_batch_size_sum[$__rate_interval])) / sum(rate(tradewatch_exchange_commit_batch_size_count[$__rate_interval]))', 'commands per commit'),
  ], { w: 8 }))
  .withPanel(timeSeries('Risk check latency p99', [q(p99('tradewatch_risk_check_duration_seconds'), 'risk check')], { unit: 's' }))
  .withPanel(timeSeries('HTTP latency p99 by route', [q(p99('tradewatch_http_request_duration_seconds', 'route'), '{{route}}')], { unit: 's' }))
  .withRow(row('Bus and market data'))
  .withPanel(timeSeries('Bus handler latency p99 by subject', [q(p99('tradewatch_bus_handler_duration_seconds', 'subject'), '{{subject}}')], { unit: 's' }))
  .withPanel(timeSeries('Market data feed lag p99', [q(p99('tradewatch_marketdata_feed_lag_seconds', 'symbol'), '{{symbol}}')], { unit: 's' }))
  .withPanel(timeSeries('Market data tick duration p99', [q(p99('tradewatch_marketdata_tick_duration_seconds'), 'tick')], { unit: 's' }))
  .withPanel(timeSeries('Event loop lag p99', [q(`max by (instance) (nodejs_eventloop_lag_p99_seconds{${JOB}})`, '{{instance}}')], { unit: 's' }))
  .withPanel(timeSeries('Event loop busy', [q(`max by (instance) (rate(tradewatch_runtime_event_loop_busy_seconds_total{${JOB}}[$__rate_interval]))`, '{{instance}}')], {
    unit: 'percentunit', description: 'Share of time each process\'s main thread runs code. As it nears 100%, orders queue behind each other: latency percentiles climb well before the lag does.',
  }));
