import { openBus } from '../platform/bus/index.js';
import type { ModuleDefinition } from '../platform/lifecycle/index.js';
import { openStore } from '../platform/store/index.js';
import { traceBus } from '../platform/telemetry/index.js';
import type { ModuleContext } from './context.js';

/** The store: SQLite in the data dir, or PostgreSQL when database.url is set. */
export const storeModule: ModuleDefinition<ModuleContext> = {
  name: 'store',
  description: 'SQLite (WAL) in the data dir, or PostgreSQL when database.url is set',
  dependsOn: [],
  targetable: false,
  create: (ctx) => ({
    async start() {
      ctx.ports.store = await openStore({ url: ctx.config.database.url, dataDir: ctx.config.dataDir });
      ctx.logger.info({ kind: ctx.ports.store.kind }, 'store open');
    },
    async stop() {
      await ctx.ports.store.close();
      ctx.ports.store = undefined;
    },
    async checks() {
      const h = await ctx.ports.store.health();
      return [{ name: `store (${ctx.ports.store.kind})`, ok: h.ok, latencyMs: h.latencyMs, detail: h.detail }];
    },
  }),
};

/** The bus: in-process, or NATS JetStream when bus.url is set. Traced and counted. */
export const busModule: ModuleDefinition<ModuleContext> = {
  name: 'bus',
  description: 'in-process pub/sub, or NATS JetStream when bus.url is set',
  dependsOn: [],
  targetable: false,
  create: (ctx) => ({
    async start() {
      const raw = await openBus({ url: ctx.config.bus.url, name: `tradewatch-${ctx.config.target}` });
      ctx.ports.bus = traceBus(raw, ctx.tracer, ctx.registry);
      ctx.logger.info({ kind: raw.kind }, 'bus connected');
    },
    async stop() {
      await ctx.ports.bus.close();
      ctx.ports.bus = undefined;
    },
    async checks() {
      const h = await ctx.ports.bus.health();
      return [{ name: `bus (${ctx.ports.bus.kind})`, ok: h.ok, latencyMs: h.latencyMs, detail: h.detail }];
    },
  }),
};
