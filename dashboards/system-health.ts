import { JOB, newDashboard, q, row, statPanel, timeSeries } from './common.js';

/** Is the venue up and healthy: targets, availability, errors, saturation of the process. */
export const systemHealth = () => newDashboard('tradewatch-system-health', 'tradewatch / System Health',
  'Scrape targets, exchange availability, firing alerts, HTTP errors, bus outcomes and market-data freshness.', ['health'])
  .withRow(row('Status'))
  .withPanel(statPanel('Targets up', [q(`sum(up{${JOB}})`)], { description: 'tradewatch processes Prometheus scrapes successfully.' }))
  .withPanel(statPanel('Exchange available', [q('min(tradewatch_exchange_available)')], { description: '1 when the exchange accepts orders, 0 in maintenance.' }))
  .withPanel(statPanel('Alerts firing', [q('count(ALERTS{alertstate="firing"})')], { description: 'Includes Watchdog, which always fires.' }))
  .withPanel(statPanel('Kill switches engaged', [q('sum(tradewatch_risk_kill_switch_engaged)')]))
  .withPanel(statPanel('Books halted', [q('sum(tradewatch_exchange_trading_halted)')]))
  .withPanel(statPanel('Pending settlements', [q('sum(tradewatch_custodian_settlements_pending)')]))
  .withRow(row('Traffic and errors'))
  .withPanel(timeSeries('HTTP requests by status', [q('sum by (status) (rate(tradewatch_http_requests_total[$__rate_interval]))', '{{status}}')], { unit: 'reqps' }))
  .withPanel(timeSeries('HTTP 5xx ratio', [
    // No 5xx at all is the healthy case: the numerator is then legitimately zero, not missing.
    q('(sum(rate(tradewatch_http_requests_total{status=~"5.."}[$__rate_interval])) or vector(0)) / sum(rate(tradewatch_http_requests_total[$__rate_interval]))', '5xx ratio'),
  ], { unit: 'percentunit' }))
  .withPanel(timeSeries('Bus messages handled by outcome', [q('sum by (outcome) (rate(tradewatch_bus_messages_handled_total[$__rate_interval]))', '{{outcome}}')], { unit: 'ops' }))
  .withPanel(timeSeries('Market data age by symbol', [q('job_symbol:tradewatch_marketdata_update_age:seconds', '{{symbol}}')], {
    unit: 's', description: 'Seconds since the last update per symbol (recording rule; MarketDataStale fires above 30 s).',
  }))
  .withRow(row('Process'))
  .withPanel(timeSeries('Event loop lag p99', [q(`max by (instance) (nodejs_eventloop_lag_p99_seconds{${JOB}})`, '{{instance}}')], { unit: 's', w: 6 }))
  .withPanel(timeSeries('Resident memory', [q(`sum by (instance) (process_resident_memory_bytes{${JOB}})`, '{{instance}}')], { unit: 'bytes', w: 6 }))
  .withPanel(timeSeries('CPU', [q(`sum by (instance) (rate(process_cpu_seconds_total{${JOB}}[$__rate_interval]))`, '{{instance}}')], { unit: 'percentunit', w: 6 }))
  .withPanel(timeSeries('Journal entries since the last snapshot', [q('max(tradewatch_exchange_journal_entries_since_snapshot)', 'entries')], {
    w: 6, description: 'What a restart of the exchange would replay before it takes orders (about 160,000 entries a second). Snapshots come every 100,000 entries; ExchangeSnapshotOverdue fires above a million.',
  }));
