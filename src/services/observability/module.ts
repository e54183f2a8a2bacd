import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModuleContext } from '../../app/context.js';
import { DEPLOY_DIR } from '../../app/deploy-dir.js';
import { ChildSupervisor, type DependencyCheck, type ModuleDefinition } from '../../platform/lifecycle/index.js';
import { alertmanagerConfig } from './alertmanager-config.js';
import { prometheusConfig } from './prometheus-config.js';

/** The repository's deploy/ folder (the same from src/ and from dist/). */
const INSTALL_HINT = 'install them (Debian: apt-get install prometheus prometheus-alertmanager) or set observability.*.binary';

/** The binary to run: the configured path, or the first of `names` on PATH; null when absent. */
function findBinary(configured: string | undefined, ...names: string[]): string | null {
  for (const candidate of configured ? [configured] : names) {
    const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', candidate], { encoding: 'utf8' });
    if (found.status === 0) return found.stdout.trim();
  }
  return null;
}

/**
 * Runs the real Prometheus and Alertmanager next to tradewatch when their binaries are there:
 * configuration generated into <dataDir>/prometheus and <dataDir>/alertmanager (scrape of this
 * process and any extra targets, the rules in deploy/prometheus/rules, alerts to Alertmanager,
 * Alertmanager notifying this gateway's webhook), restarted when they die, stopped on exit (and
 * on the next start, if a run was killed before it could stop them).
 * Without the binaries it says once how to install them and runs on.
 */
export const observabilityModule: ModuleDefinition<ModuleContext> = {
  name: 'observability',
  description: 'supervises Prometheus and Alertmanager (when installed); writes their configuration',
  dependsOn: [],
  targetable: true,
  create(ctx) {
    const cfg = ctx.config.observability;
    const children: ChildSupervisor[] = [];
    const onEvent = (event: string, detail: Record<string, unknown>) => {
      const child = String(detail.child);
      switch (event) {
        case 'exited':
          return ctx.logger.warn(detail, `${child} exited; restarting${portTakenHint(child, String(detail.lastLine))}`);
        case 'leftover':
          return ctx.logger.warn(detail, `stopping the ${child} (pid ${String(detail.pid)}) an earlier run left running: it holds the port and data this run needs`);
        case 'supervised-elsewhere':
          return ctx.logger.warn(detail, `not starting ${child}: process ${String(detail.supervisor)} already runs it for ${ctx.config.dataDir} (is another "tradewatch start" using this data dir?)`);
        default:
          return ctx.logger.info(detail, `${child} ${event}`);
      }
    };
    return {
      async start() {
        const address = ctx.http.server.address();
        const self = `${ctx.config.server.host}:${typeof address === 'object' && address ? address.port : 0}`;
        const prometheus = cfg.prometheus.enabled ? findBinary(cfg.prometheus.binary, 'prometheus') : null;
        const alertmanager = cfg.alertmanager.enabled ? findBinary(cfg.alertmanager.binary, 'alertmanager', 'prometheus-alertmanager') : null;
        const missing = [cfg.prometheus.enabled && !prometheus && 'prometheus', cfg.alertmanager.enabled && !alertmanager && 'alertmanager'].filter(Boolean);
        if (missing.length) ctx.logger.warn({ missing }, `${missing.join(' and ')} not found, so not started: ${INSTALL_HINT}`);
        const amAddress = `127.0.0.1:${cfg.alertmanager.port}`;
        if (alertmanager) {
          const dir = join(ctx.config.dataDir, 'alertmanager');
          mkdirSync(join(dir, 'data'), { recursive: true });
          writeFileSync(join(dir, 'alertmanager.yml'), alertmanagerConfig(`http://${self}/api/v1/alerts/webhook`, process.env));
          children.push(new ChildSupervisor({
            name: 'alertmanager', command: alertmanager, logFile: join(dir, 'alertmanager.log'), pidFile: join(dir, 'alertmanager.pid'),
            args: [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=${amAddress}`, '--cluster.listen-address='],
          }, onEvent));
        }
        if (prometheus) {
          const dir = join(ctx.config.dataDir, 'prometheus');
          mkdirSync(join(dir, 'data'), { recursive: true });
          const rulesDir = join(DEPLOY_DIR, 'prometheus', 'rules');
          const ruleFiles = existsSync(rulesDir)
            ? readdirSync(rulesDir, { withFileTypes: true }).filter((f) => f.isFile() && /\.ya?ml$/.test(f.name)).map((f) => join(rulesDir, f.name))
            : [];
          const promAddress = `127.0.0.1:${cfg.prometheus.port}`;
          writeFileSync(join(dir, 'prometheus.yml'), prometheusConfig({
            targets: [self, ...cfg.prometheus.extraTargets], ruleFiles, alertmanager: alertmanager ? amAddress : null, self: promAddress,
            scrapeIntervalSeconds: cfg.prometheus.scrapeIntervalSeconds, evaluationIntervalSeconds: cfg.prometheus.evaluationIntervalSeconds,
          }));
          children.push(new ChildSupervisor({
            name: 'prometheus', command: prometheus, logFile: join(dir, 'prometheus.log'), pidFile: join(dir, 'prometheus.pid'),
            args: [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=${promAddress}`,
              '--enable-feature=exemplar-storage', '--web.enable-lifecycle'],
          }, onEvent));
        }
        await Promise.all(children.map((c) => c.start()));
      },
      async stop() {
        await Promise.all(children.splice(0).map((c) => c.stop()));
      },
      async checks() {
        const supervised: DependencyCheck[] = children.map((c) => {
          const s = c.status();
          return { name: s.name, ok: s.running, required: false, detail: s.running ? `pid ${s.pid}, ${s.restarts} restarts` : `not running (${s.lastExit ?? 'starting'})` };
        });
        const grafana = ctx.config.observability.grafana.url;
        return grafana ? [...supervised, await grafanaCheck(grafana)] : supervised;
      },
    };
  },
};

/**
 * What to do when the child's last words say its port is taken: on Debian the prometheus packages
 * start a system service of their own on the same default ports.
 */
function portTakenHint(child: string, lastLine: string): string {
  const port = /listen tcp [^:]*:(\d+): bind: address already in use/.exec(lastLine)?.[1];
  if (port === undefined) return '';
  return `: port ${port} is taken by another program (a ${child} system service? stop it: sudo systemctl disable --now ${child === 'prometheus' ? 'prometheus' : 'prometheus-alertmanager'}; or set observability.${child}.port)`;
}

/** A configured Grafana answers its health endpoint; down is degraded, never unready. */
async function grafanaCheck(url: string): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    const res = await fetch(`${url.replace(/\/$/, '')}/api/health`, { signal: AbortSignal.timeout(2000) });
    return { name: 'grafana', ok: res.ok, required: false, latencyMs: Math.round(performance.now() - started), detail: res.ok ? url : `${url} answered ${res.status}` };
  } catch (err) {
    return { name: 'grafana', ok: false, required: false, detail: `${url}: ${(err as Error).message}` };
  }
}
