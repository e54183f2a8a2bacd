import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { DEPLOY_DIR } from '../../app/deploy-dir.js';
import { addConfigOptions } from '../config-options.js';
import { buildPrometheusReport, type PromReport } from '../doctor/prometheus-checks.js';
import { probePrometheus } from '../doctor/prometheus-probe.js';
import { EXIT_FOR, verdict } from '../doctor/status.js';
import { loadAppConfig } from '../load-app-config.js';
import { formatStatusTable, formatTable, printJson } from '../output.js';
import { paint } from '../terminal.js';

const MISSING_SHOWN = 20;
const USED_BY_SHOWN = 3;

function render(report: PromReport): string {
  const out = [formatStatusTable(['STATUS', 'CHECK', 'DETAIL'], report.checks.map((c) => [c.status, c.name, c.detail]), 0), ''];
  const missing = report.checks.find((c) => c.missing?.length)?.missing ?? [];
  if (missing.length) {
    const shown = missing.slice(0, MISSING_SHOWN);
    out.push(paint(`metrics with no series (${missing.length}${missing.length > shown.length ? `, first ${shown.length} shown` : ''}) and where they are used:`, 'dim'));
    out.push(formatTable(['METRIC', 'USED BY'], shown.map((m) => [m.metric,
      m.usedBy.slice(0, USED_BY_SHOWN).join('; ') + (m.usedBy.length > USED_BY_SHOWN ? `; and ${m.usedBy.length - USED_BY_SHOWN} more` : '')])), '');
  }
  out.push(verdict(report.status));
  return `${out.join('\n')}\n`;
}

/** `tradewatch doctor prometheus`, added to the `doctor` command. */
export function addDoctorPrometheus(doctor: Command): Command {
  const deploy = (...parts: string[]) => join(DEPLOY_DIR, ...parts);
  return addConfigOptions(doctor.command('prometheus'))
    .summary('check the monitoring: targets up, jobs and metrics present, rules evaluating, Alertmanager connected; exit 0 healthy, 1 degraded, 2 down')
    .description('ask Prometheus (the one `tradewatch start` runs, at observability.prometheus.port, or --prometheus-url) whether it is ready, '
      + 'every target is up, every scrape job tradewatch configures has targets, the metrics the alert rules and dashboards use have series '
      + '(missing ones are WARN: some appear only after their first event), every rule evaluates without error and Alertmanager is connected; '
      + 'exits 0 when every check is OK (healthy), 1 when the worst is WARN (degraded), 2 when any is CRIT (down), e.g. Prometheus not answering. '
      + 'Bad flags or an invalid configuration also exit 2.')
    .option('--prometheus-url <url>', 'the Prometheus to ask (default http://127.0.0.1:<observability.prometheus.port>)')
    .addOption(new Option('--rules-dir <dir>', 'alert and recording rule files (*.yml) whose metrics must exist')
      .default(deploy('prometheus', 'rules'), "deploy/prometheus/rules of tradewatch's package"))
    .addOption(new Option('--dashboards-dir <dir>', 'Grafana dashboards (*.json) whose metrics must exist')
      .default(deploy('grafana', 'dashboards'), "deploy/grafana/dashboards of tradewatch's package"))
    .option('--json', 'print { status, url, checks } as JSON instead of a table')
    .action(async (opts: Record<string, unknown>) => {
      const config = loadAppConfig(opts);
      const url = typeof opts.prometheusUrl === 'string' ? opts.prometheusUrl : `http://127.0.0.1:${config.observability.prometheus.port}`;
      const report = buildPrometheusReport(await probePrometheus({ url, config, rulesDir: String(opts.rulesDir), dashboardsDir: String(opts.dashboardsDir) }));
      if (opts.json) printJson(report);
      else process.stdout.write(render(report));
      process.exitCode = EXIT_FOR[report.status];
    });
}
