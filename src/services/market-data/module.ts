import type { ModuleContext } from '../../app/context.js';
import type { BookSnapshot, InstrumentSpec } from '../../contracts/market-data.js';
import { SUBJECTS } from '../../contracts/subjects.js';
import type { Subscription } from '../../platform/bus/bus.js';
import type { TimerHandle } from '../../platform/clock/index.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { MarketFeed } from './core/index.js';
import { MarketFeedPublisher } from './adapters/feed-publisher.js';
import { createMarketDataMetrics } from './metrics.js';

/** Prices for every instrument, published on the bus each tick; snapshots on request. */
export const marketDataModule: ModuleDefinition<ModuleContext> = {
  name: 'market-data',
  description: 'seeded price model per instrument; L1/L2 feed with sequence numbers on the bus',
  dependsOn: ['bus'],
  targetable: true,
  create(ctx) {
    const cfg = ctx.config.marketData;
    const metrics = createMarketDataMetrics(ctx.registry);
    const feed = new MarketFeed({ instruments: cfg.instruments, streams: ctx.random, model: cfg.model, depthLevels: cfg.depthLevels, startMs: ctx.clock.now() });
    const publisher = new MarketFeedPublisher(feed, ctx.ports, metrics, ctx.logger);
    let timer: TimerHandle | undefined;
    const responders: Subscription[] = [];
    return {
      async start() {
        const bus = ctx.ports.bus;
        responders.push(
          await bus.respond<object, InstrumentSpec[]>(SUBJECTS.marketInstruments, () => [...feed.instruments]),
          await bus.respond<{ symbol: string }, BookSnapshot>(SUBJECTS.marketSnapshot, (msg) => feed.snapshot(String(msg.data.symbol))),
        );
        timer = ctx.clock.setInterval(() => publisher.tick(ctx.clock.now(), cfg.tickIntervalMs), cfg.tickIntervalMs);
        ctx.logger.info({ instruments: feed.instruments.length, tickIntervalMs: cfg.tickIntervalMs }, 'market data feed running');
      },
      async stop() {
        if (timer) ctx.clock.clearTimer(timer);
        await Promise.all(responders.splice(0).map((s) => s.unsubscribe()));
        await publisher.drain();
      },
    };
  },
};
