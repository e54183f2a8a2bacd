import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { PortBus } from '../../platform/bus/index.js';
import { RealClock } from '../../platform/clock/index.js';
import { RandomStreams } from '../../platform/random/index.js';
import { openStore } from '../../platform/store/index.js';
import { createLogger, createThreadRegistry, startTracing, traceBus } from '../../platform/telemetry/index.js';
import type { AppConfig } from '../config.js';
import { Ports, type ModuleContext } from '../context.js';
import { moduleTable } from '../modules.js';
import { VERSION } from '../version.js';
import type { FromThread, ThreadData, ToThread } from './thread-protocol.js';

/**
 * A worker thread running one module (see ModuleThread): its own store connection, clock, metrics
 * registry and tracer, the process's bus through a PortBus, its log lines sent to the main thread.
 */
const control = parentPort!;
const data = workerData as ThreadData;
const config = data.config as AppConfig;
const def = moduleTable.modules.find((m) => m.name === data.module);
if (!def) throw new Error(`no module "${data.module}" in the module table`);

const post = (m: FromThread) => control.postMessage(m);
const lines = new Writable({
  write(chunk: Buffer | string, _encoding, done) {
    post({ op: 'log', line: chunk.toString() });
    done();
  },
});
const logger = createLogger({ level: config.log.level, stdout: lines }).child({ target: config.target, service: def.name, thread: 'worker' });
const tracing = startTracing({ target: config.target, version: VERSION, otlpEndpoint: config.telemetry.otlpEndpoint });
const tracer = tracing.tracer(def.name);
const registry = createThreadRegistry();
const ports = Ports.create();
// Traced here for the context its messages carry, but not counted: the host makes every call on
// the process's traced bus, whose metrics already cover this module's publishes and handlers.
// Counting them here too would serve each bus metric family twice on /metrics.
const bus = traceBus(new PortBus(data.busKind, data.busPort), tracer, null);
/** Modules that run in a worker add no HTTP routes: the server is the main thread's. */
const noHttp = new Proxy({}, { get: () => { throw new Error(`module ${def.name} runs in a worker thread and cannot add HTTP routes`); } }) as FastifyInstance;
const ctx: ModuleContext = {
  config, clock: new RealClock(), random: new RandomStreams(config.seed), logger, registry, tracer, http: noHttp, ports: ports.forModule(tracer),
};
const service = def.create(ctx);

async function start(): Promise<void> {
  ports.store = await openStore({ url: config.database.url, dataDir: config.dataDir });
  ports.bus = bus;
  await service.start();
}

async function stop(): Promise<void> {
  await service.stop();
  await bus.close();
  await ports.store.close();
  await tracing.shutdown();
}

control.on('message', (m: ToThread) => {
  switch (m.op) {
    case 'start':
      start().then(() => post({ op: 'started' }), (err: unknown) => post({ op: 'failed', error: (err as Error).message }));
      return;
    case 'stop':
      stop().then(() => post({ op: 'stopped' }), (err: unknown) => post({ op: 'failed', error: (err as Error).message }));
      return;
    case 'checks':
      void (service.checks?.() ?? Promise.resolve([])).then(
        (checks) => post({ op: 'checks', id: m.id, checks }),
        (err: unknown) => post({ op: 'checks', id: m.id, checks: [{ name: def.name, ok: false, detail: (err as Error).message }] }),
      );
      return;
    case 'metrics':
      void registry.metrics().then((text) => post({ op: 'metrics', id: m.id, text }));
  }
});
