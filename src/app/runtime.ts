import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { RealClock, SimClock, type Clock } from '../platform/clock/index.js';
import { redactConfig } from '../platform/config/index.js';
import { createHttpServer, installOpsRoutes } from '../platform/http/index.js';
import { ALL_TARGET, ServiceManager, targetNames } from '../platform/lifecycle/index.js';
import { RandomStreams } from '../platform/random/index.js';
import { createLogger, createMetricsRegistry, openLogFile, startTracing, stdoutDestination, type Logger } from '../platform/telemetry/index.js';
import type { AppConfig } from './config.js';
import { Ports, type ModuleContext } from './context.js';
import { ERROR_CATALOGUE } from './error-catalogue.js';
import { ModuleThread } from './module-thread/module-thread.js';
import { describeTable, moduleTable } from './modules.js';
import { portFor } from './ports.js';
import { VERSION } from './version.js';

export interface RunningProcess {
  url: string;
  logger: Logger;
  http: FastifyInstance;
  /** Stops taking requests, stops modules in reverse order, flushes logs and traces. */
  stop(): Promise<void>;
}

/**
 * Builds one tradewatch process for config.target: telemetry, clock, HTTP server, then the
 * target's modules level by level. /health/live answers as soon as the server listens;
 * /health/ready only once every module runs and its dependencies answer.
 */
export async function startProcess(config: AppConfig): Promise<RunningProcess> {
  const startedAt = performance.now();
  const levels = moduleTable.resolve(config.target);
  /** Modules that run in a worker thread of their own (see ModuleThread). */
  const inThreads = new Set(config.exchange.thread === 'worker' ? ['exchange'] : []);
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // One file set per target, so processes sharing a data dir never rotate each other's files.
  const file = config.log.file
    ? await openLogFile({ dir: join(dataDir, 'logs'), name: logFileName(config.target), maxFileMb: config.log.maxFileMb, maxFiles: config.log.maxFiles })
    : undefined;
  const stdout = stdoutDestination();
  const rootLogger = createLogger({ level: config.log.level, file, stdout }).child({ target: config.target });
  /** Lines a worker thread's logger formatted, to the same destinations. */
  const writeLine = (line: string) => { stdout.write(line); file?.write(line); };
  const logger = rootLogger.child({ service: 'runtime' });
  const tracing = startTracing({ target: config.target, version: VERSION, otlpEndpoint: config.telemetry.otlpEndpoint });
  const registry = createMetricsRegistry();
  const clock = createClock(config);
  // The HTTP API is the gateway's: its request spans belong to the gateway service.
  const http = await createHttpServer({ logger, registry, tracer: tracing.tracer('gateway') });
  const ports = Ports.create();
  const base = { config: { ...config, dataDir }, clock: clock.clock, random: new RandomStreams(config.seed), registry, http };
  const threads: ModuleThread[] = [];
  const manager = new ServiceManager(levels, (def) => {
    const tracer = tracing.tracer(def.name);
    const ctx: ModuleContext = { ...base, tracer, ports: ports.forModule(tracer), logger: rootLogger.child({ service: def.name }) };
    if (!inThreads.has(def.name)) return def.create(ctx);
    const thread = new ModuleThread(def.name, ctx, writeLine);
    threads.push(thread);
    return thread;
  }, {
    onStateChange: (name, state, error) => (state === 'failed' ? logger.error({ module: name, error }, `module ${name} ${state}`) : logger.info({ module: name }, `module ${name} ${state}`)),
  });
  installOpsRoutes(http, {
    target: config.target, startedAt, registry,
    threadMetrics: () => threads.map((t) => () => t.metrics()),
    modules: () => manager.status(),
    checks: () => manager.checks(),
    allRunning: () => manager.allRunning(),
    config: () => redactConfig(base.config),
    table: describeTable,
  });

  http.get('/api/v1/error-codes', async () => ({ codes: ERROR_CATALOGUE }));

  const port = config.server.port ?? portFor(config.target);
  try {
    await http.listen({ port, host: config.server.host });
  } catch (err) {
    await tracing.shutdown();
    throw new Error(listenFailure(err, config.server.host, port), { cause: err });
  }
  const address = http.server.address();
  const url = `http://${config.server.host}:${typeof address === 'object' && address ? address.port : port}`;
  try {
    await manager.startAll();
  } catch (err) {
    await http.close();
    clock.stop();
    await tracing.shutdown();
    throw err;
  }
  logger.info({ url, modules: manager.status().map((m) => m.name), clock: config.clock.mode, seed: config.seed }, `tradewatch ready on ${url}`);

  return {
    url, logger, http,
    async stop() {
      await http.close();
      await manager.stopAll(3000);
      clock.stop();
      await tracing.shutdown();
      logger.info('stopped');
      // Bounded: a blocked stdout must not keep a stopping process alive.
      await new Promise<void>((resolve) => {
        const guard = setTimeout(resolve, 500);
        logger.flush(() => { clearTimeout(guard); resolve(); });
      });
    },
  };
}

/** tradewatch for `all`, else tradewatch-<modules> (joined by '_': the log search takes word characters, '.' and '-'). */
function logFileName(target: string): string {
  const names = targetNames(target);
  return names.join() === ALL_TARGET ? 'tradewatch' : `tradewatch-${names.join('_')}`;
}

function createClock(config: AppConfig): { clock: Clock; stop(): void } {
  if (config.clock.mode === 'real') return { clock: new RealClock(), stop: () => undefined };
  const sim = new SimClock();
  sim.run(config.clock.speed);
  return { clock: sim, stop: () => sim.stop() };
}

function listenFailure(err: unknown, host: string, port: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use: stop whatever holds it or choose another with --port`;
  if (code === 'EACCES') return `not allowed to listen on port ${port}: choose a port above 1024 with --port`;
  return `cannot listen on ${host}:${port}: ${(err as Error).message}`;
}
