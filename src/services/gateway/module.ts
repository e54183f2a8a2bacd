import type { ModuleContext } from '../../app/context.js';
import type { ModuleDefinition } from '../../platform/lifecycle/index.js';
import { AlertEventStore, installAlertRoutes } from '../observability/alert-events.js';
import { installApiDocs } from './api-docs.js';
import { ApiKeyStore, installAccessControl } from './auth/index.js';
import { installLogRoutes } from './log-routes.js';
import { installLoopRoutes } from './loop-routes.js';
import { MarketFeedFollower } from './market-feed.js';
import { installMarketRoutes } from './market-routes.js';
import { installMarketWebSocket } from './market-ws.js';
import { createFeedMetrics, createOrderEntryMetrics } from './metrics.js';
import { ExchangeClient, installOrderRoutes } from './order-routes.js';
import { installOrderWebSocket } from './order-ws.js';
import { ExchangeFeedRelay } from './exchange-ws.js';

/** The public API: REST under /api/v1 and WebSocket feeds, backed by the bus. */
export const gatewayModule: ModuleDefinition<ModuleContext> = {
  name: 'gateway',
  description: 'public HTTP and WebSocket API (/api/v1, /ws/*); talks to services over the bus',
  dependsOn: ['bus', 'store'],
  targetable: true,
  create(ctx) {
    installApiDocs(ctx.http);
    const keys = new ApiKeyStore(ctx.ports);
    const rateLimit = installAccessControl(ctx.http, { keys, clock: ctx.clock, rateLimits: ctx.config.gateway.rateLimits });
    const metrics = createFeedMetrics(ctx.registry);
    const feed = new MarketFeedFollower(ctx.ports, ctx.clock, metrics, ctx.logger);
    installMarketRoutes(ctx.http, feed);
    const detachWs = installMarketWebSocket(ctx.http, feed, metrics, ctx.logger);
    const exchange = new ExchangeClient(ctx.ports, () => feed.instruments);
    installOrderRoutes(ctx.http, exchange);
    installOrderWebSocket(ctx.http, exchange, rateLimit, ctx.config.gateway.orderEntry, createOrderEntryMetrics(ctx.registry));
    installLoopRoutes(ctx.http, exchange);
    installLogRoutes(ctx.http, ctx.config.dataDir);
    const alertEvents = new AlertEventStore(ctx.ports);
    installAlertRoutes(ctx.http, alertEvents, ctx.clock);
    const exchangeFeeds = new ExchangeFeedRelay(ctx.ports, exchange, metrics);
    exchangeFeeds.install(ctx.http);
    return {
      async start() {
        await keys.migrate();
        await alertEvents.migrate();
        await feed.start();
        await exchangeFeeds.start();
      },
      async stop() {
        detachWs();
        await exchangeFeeds.stop();
        await feed.stop();
      },
      async checks() {
        return [{ name: 'market-data feed', ok: feed.ready, detail: feed.ready ? `${feed.instruments.size} instruments in sync` : 'waiting for market-data snapshots' }];
      },
    };
  },
};
