import type { FastifyInstance } from 'fastify';
import type { DependencyCheck, ModuleStatus } from '../lifecycle/index.js';
import { exposition, type MetricsRegistry } from '../telemetry/index.js';

export interface OpsSources {
  target: string;
  startedAt: number;
  registry: MetricsRegistry;
  /** The OpenMetrics text of each module running in a worker thread, served with the registry's. */
  threadMetrics?(): readonly (() => Promise<string>)[];
  modules(): ModuleStatus[];
  checks(): Promise<Map<string, DependencyCheck[]>>;
  allRunning(): boolean;
  /** The effective configuration, secrets already redacted. */
  config(): unknown;
  /** The module table of the binary: every module, its dependencies, and the targets. */
  table(): unknown;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'starting';
  ready: boolean;
  target: string;
  uptime_s: number;
  modules: (ModuleStatus & { checks: DependencyCheck[] })[];
}

/** The endpoints every process serves: health, readiness, metrics, modules, config. */
export function installOpsRoutes(app: FastifyInstance, src: OpsSources): void {
  const report = async (): Promise<HealthReport> => {
    const checks = await src.checks();
    const modules = src.modules().map((m) => ({ ...m, checks: checks.get(m.name) ?? [] }));
    const running = src.allRunning();
    const healthy = modules.every((m) => m.checks.every((c) => c.ok));
    const serving = modules.every((m) => m.checks.every((c) => c.ok || c.required === false));
    return {
      status: !running ? 'starting' : healthy ? 'ok' : 'degraded',
      ready: running && serving,
      target: src.target,
      uptime_s: Math.round((performance.now() - src.startedAt) / 1000),
      modules,
    };
  };

  app.get('/health/live', async () => ({ status: 'live' }));
  app.get('/health/ready', async (_req, reply) => {
    const r = await report();
    const notReady = r.modules.filter((m) => m.state !== 'running' || m.checks.some((c) => !c.ok && c.required !== false)).map((m) => m.name);
    return reply.code(r.ready ? 200 : 503).send({ ready: r.ready, ...(r.ready ? {} : { waiting_for: notReady }) });
  });
  app.get('/health', async (_req, reply) => {
    const r = await report();
    return reply.code(r.ready ? 200 : 503).send(r);
  });
  app.get('/metrics', async (req, reply) => {
    const { contentType, body } = await exposition(src.registry, req.headers.accept, src.threadMetrics?.());
    return reply.type(contentType).send(body);
  });
  app.get('/services', async () => ({ target: src.target, running: src.modules(), table: src.table() }));
  app.get('/config', async () => src.config());
}
