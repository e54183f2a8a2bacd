// Shared pieces of the tradewatch dashboards: one Prometheus datasource (uid `prometheus`,
// provisioned from deploy/grafana/provisioning/datasources/prometheus.yml) and small panel helpers.
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: 'prometheus' };

/** Selects the tradewatch scrape job(s) (one job in one-process mode; the alert rules use the same matcher). */
export const JOB = 'job=~"tradewatch.*"';

export interface Query {
  expr: string;
  legend?: string;
  /** An instant query in table format (tables of current state); range otherwise. */
  instant?: boolean;
}

export interface PanelOptions {
  unit?: string;
  description?: string;
  /** Width in grid columns (of 24). */
  w?: number;
  h?: number;
}

/** A query; `legend` is Grafana's legend format (`{{label}}`). */
export const q = (expr: string, legend?: string): Query => (legend === undefined ? { expr } : { expr, legend });

function targets(queries: Query[]): prometheus.DataqueryBuilder[] {
  return queries.map((query, i) => {
    const target = new prometheus.DataqueryBuilder()
      .datasource(DATASOURCE)
      .refId(String.fromCharCode(65 + i))
      .expr(query.expr);
    if (query.legend !== undefined) target.legendFormat(query.legend);
    return query.instant ? target.instant().format(prometheus.PromQueryFormat.Table) : target.range();
  });
}

/** A time series panel. */
export function timeSeries(title: string, queries: Query[], opts: PanelOptions = {}): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .targets(targets(queries))
    .span(opts.w ?? 12)
    .height(opts.h ?? 8)
    .lineWidth(1)
    .fillOpacity(10)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  if (opts.unit) panel.unit(opts.unit);
  if (opts.description) panel.description(opts.description);
  return panel;
}

/** A single-value panel (last value of each series). */
export function statPanel(title: string, queries: Query[], opts: PanelOptions = {}): stat.PanelBuilder {
  const panel = new stat.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .targets(targets(queries))
    .span(opts.w ?? 4)
    .height(opts.h ?? 4)
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  if (opts.unit) panel.unit(opts.unit);
  if (opts.description) panel.description(opts.description);
  return panel;
}

/** A table of the current value of every series (instant queries). */
export function tablePanel(title: string, queries: Query[], opts: PanelOptions = {}): table.PanelBuilder {
  const panel = new table.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .targets(targets(queries.map((query) => ({ ...query, instant: true }))))
    .span(opts.w ?? 24)
    .height(opts.h ?? 8)
    .showHeader(true);
  if (opts.description) panel.description(opts.description);
  return panel;
}

export const row = (title: string): dashboard.RowBuilder => new dashboard.RowBuilder(title);

/** A dashboard with the settings every tradewatch dashboard shares. */
export function newDashboard(uid: string, title: string, description: string, tags: string[] = []): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['tradewatch', ...tags])
    .timezone('browser')
    .time({ from: 'now-1h', to: 'now' })
    .refresh('30s')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .readonly();
}
