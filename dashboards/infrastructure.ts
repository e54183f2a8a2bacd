import { JOB, newDashboard, q, row, tablePanel, timeSeries } from './common.js';

/** Processes, scrape targets, the bus and the market-data feed. */
export const infrastructure = () => newDashboard('tradewatch-infrastructure', 'tradewatch / Infrastructure',
  'Scrape targets, process resources, bus throughput and the market-data feed.', ['infrastructure'])
  .withRow(row('Targets'))
  .withPanel(tablePanel('Scrape targets', [q('up')], { h: 6, description: 'Every target Prometheus scrapes (tradewatch processes and Prometheus itself); 1 = up.' }))
  .withRow(row('Processes'))
  .withPanel(timeSeries('Resident memory', [q(`sum by (instance) (process_resident_memory_bytes{${JOB}})`, '{{instance}}')], { unit: 'bytes', w: 8 }))
  .withPanel(timeSeries('Heap used', [q(`sum by (instance) (nodejs_heap_size_used_bytes{${JOB}})`, '{{instance}}')], { unit: 'bytes', w: 8 }))
  .withPanel(timeSeries('CPU', [q(`sum by (instance) (rate(process_cpu_seconds_total{${JOB}}[$__rate_interval]))`, '{{instance}}')], { unit: 'percentunit', w: 8 }))
  .withRow(row('Bus'))
  .withPanel(timeSeries('Messages published by subject', [q('sum by (subject) (rate(tradewatch_bus_messages_published_total[$__rate_interval]))', '{{subject}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Messages handled by subject and outcome', [q('sum by (subject, outcome) (rate(tradewatch_bus_messages_handled_total[$__rate_interval]))', '{{subject}} {{outcome}}')], { unit: 'ops' }))
  .withRow(row('Market data'))
  .withPanel(timeSeries('Updates by symbol', [q('sum by (symbol) (rate(tradewatch_marketdata_updates_total[$__rate_interval]))', '{{symbol}}')], { unit: 'ops', w: 8 }))
  .withPanel(timeSeries('Mid price by symbol', [q('max by (symbol) (tradewatch_marketdata_mid_price)', '{{symbol}}')], { w: 8 }))
  .withPanel(timeSeries('Spread (ticks): feed vs exchange', [
    q('max by (symbol) (tradewatch_marketdata_spread_ticks)', 'feed {{symbol}}'),
    q('max by (symbol) (tradewatch_exchange_spread_ticks)', 'exchange {{symbol}}'),
  ], { w: 8 }));
