import type { ModuleContext } from '../../app/context.js';
import type { MarketUpdate } from '../../contracts/market-data.js';
import { SUBJECTS } from '../../contracts/subjects.js';
import type { Subscription } from '../../platform/bus/index.js';
import type { TimerHandle } from '../../platform/clock/index.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { serveExchangeApi } from './adapters/bus-api.js';
import { ExchangeService } from './adapters/exchange-service.js';
import { bookConfigOf, maxOrderValueOf } from './config.js';
import { createExchangeMetrics } from './metrics.js';
import { ChaosFollower } from '../chaos/client/chaos-follower.js';

const HOUSEKEEPING_MS = 1000;
const BOOK_FEED_MS = 100;

/** The matching engine as a service: durable order entry over the bus, books rebuilt on start. */
export const exchangeModule: ModuleDefinition<ModuleContext> = {
  name: 'exchange',
  description: 'matching engine (price-time priority), durable order and trade records, halts',
  dependsOn: ['store', 'bus'],
  targetable: true,
  create(ctx) {
    const cfg = ctx.config.exchange;
    const metrics = createExchangeMetrics(ctx.registry);
    const symbols = ctx.config.marketData.instruments.map((i) => i.symbol);
    const tickSizes = new Map(ctx.config.marketData.instruments.map((i) => [i.symbol, i.tickSize]));
    const bookConfig = bookConfigOf(cfg);
    let service: ExchangeService | undefined;
    const subs: Subscription[] = [];
    const timers: TimerHandle[] = [];
    const mids = new Map<string, number>();
    const chaosDraws = ctx.random.get('exchange/chaos');
    let chaos: ChaosFollower | undefined;

    const setReferences = (only?: string) => {
      for (const [symbol, price] of mids) {
        if (only === undefined || only === symbol) void service?.applyMarketEntry({ kind: 'reference', timeMs: ctx.clock.now(), symbol, price });
      }
    };

    return {
      async start() {
        // One exchange per store: a second would rebuild the same books and write the journal too.
        await ctx.ports.store.claim('exchange');
        chaos = new ChaosFollower({ bus: ctx.ports.bus, clock: ctx.clock, logger: ctx.logger });
        await chaos.start();
        service = new ExchangeService({
          store: ctx.ports.store, bus: ctx.ports.bus, clock: ctx.clock, logger: ctx.logger, metrics, tracer: ctx.tracer, chaos, random: () => chaosDraws.next(), tickSizes,
        }, symbols, bookConfig, {
          maxBatch: cfg.commitMaxBatch, minIntervalMs: cfg.commitIntervalMs, clientOrderIdWindowMs: cfg.clientOrderIdWindowMs, maxRestingOrdersPerBook: cfg.maxRestingOrdersPerBook,
          maxOrderValue: maxOrderValueOf(cfg, ctx.config.marketData.instruments), snapshotEveryEntries: cfg.snapshotEveryEntries,
        });
        const recovered = await service.recover();
        const replayed = `${recovered.entries} journal entries`;
        ctx.logger.info(recovered, recovered.fromSnapshot === null ? `exchange recovered ${replayed}`
          : `exchange recovered from the snapshot after journal entry ${recovered.fromSnapshot} and the ${replayed} after it`);
        if (recovered.matchesLastStop === false) ctx.logger.error(recovered, 'state hash after replay differs from the one recorded at the last stop');
        if (recovered.matchesLastStop === null && recovered.entries > 0) {
          ctx.logger.warn(recovered, 'the last run did not stop cleanly (no state hash was recorded at the end of the journal): the books are rebuilt from the journal, with no hash to check them against');
        }
        subs.push(...await serveExchangeApi(ctx.ports.bus, service));
        // The market-data mid is the reference for price bands and circuit breakers.
        subs.push(await ctx.ports.bus.subscribe<MarketUpdate>(SUBJECTS.marketUpdates, (msg) => {
          const first = !mids.has(msg.data.symbol);
          mids.set(msg.data.symbol, Math.round((msg.data.bid + msg.data.ask) / 2));
          if (first) setReferences(msg.data.symbol);
        }));
        timers.push(ctx.clock.setInterval(() => setReferences(), cfg.referenceIntervalMs));
        timers.push(ctx.clock.setInterval(() => service!.publishBooks(), BOOK_FEED_MS));
        timers.push(ctx.clock.setInterval(() => {
          for (const symbol of service!.dueHalts(ctx.clock.now())) void service!.applyMarketEntry({ kind: 'advance', timeMs: ctx.clock.now(), symbol });
          service!.refreshBookMetrics();
          service!.reportSuppressedLogs();
          void service!.snapshotIfDue();
        }, HOUSEKEEPING_MS));
      },
      async stop() {
        timers.splice(0).forEach((t) => ctx.clock.clearTimer(t));
        await Promise.all(subs.splice(0).map((s) => s.unsubscribe()));
        await chaos?.stop();
        await service?.stop();
      },
      async checks() {
        return [{ name: 'exchange journal', ok: service?.available ?? false, detail: service?.failureReason ?? 'accepting orders' }];
      },
    };
  },
};
