import type { Command } from 'commander';
import { join } from 'node:path';
import { addConfigOptions } from '../config-options.js';
import { EXIT } from '../exit-codes.js';
import { loadAppConfig } from '../load-app-config.js';
import { formatTable, printJson } from '../output.js';

interface Probe { name: string; url: string; state: 'up' | 'down' | 'disabled'; latencyMs: number | null; detail: string }

async function probe(name: string, url: string, enabled: boolean, configFile: string): Promise<Probe> {
  if (!enabled) return { name, url, state: 'disabled', latencyMs: null, detail: 'observability.*.enabled is false' };
  const started = performance.now();
  try {
    const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2000) });
    const latencyMs = Math.round(performance.now() - started);
    return { name, url, state: res.ok ? 'up' : 'down', latencyMs, detail: res.ok ? `config ${configFile}` : `answered ${res.status}` };
  } catch (err) {
    return { name, url, state: 'down', latencyMs: null, detail: `${(err as Error).message}; is "tradewatch start" running with it installed (apt-get install prometheus prometheus-alertmanager)?` };
  }
}

export function registerStack(program: Command): void {
  const stack = program.command('stack').description('the Prometheus and Alertmanager that "tradewatch start" supervises');
  addConfigOptions(stack.command('status'))
    .description(`whether they answer, where, and their generated config; exits ${EXIT.FAILURE} when one that is enabled is down`)
    .option('--json', 'print JSON')
    .action(async (opts: Record<string, unknown>) => {
      const config = loadAppConfig(opts);
      const o = config.observability;
      const probes = await Promise.all([
        probe('prometheus', `http://127.0.0.1:${o.prometheus.port}`, o.prometheus.enabled, join(config.dataDir, 'prometheus', 'prometheus.yml')),
        probe('alertmanager', `http://127.0.0.1:${o.alertmanager.port}`, o.alertmanager.enabled, join(config.dataDir, 'alertmanager', 'alertmanager.yml')),
      ]);
      if (opts.json) printJson(probes);
      else process.stdout.write(`${formatTable(['NAME', 'STATE', 'URL', 'LATENCY', 'DETAIL'], probes.map((p) => [p.name, p.state.toUpperCase(), p.url, p.latencyMs === null ? '-' : `${p.latencyMs} ms`, p.detail]))}\n`);
      if (probes.some((p) => p.state === 'down')) process.exitCode = EXIT.FAILURE;
    });
}
