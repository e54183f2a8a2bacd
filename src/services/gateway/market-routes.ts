import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { wholeNumberParam } from '../../platform/http/index.js';
import { BadRequest, TradewatchError } from '../../platform/errors/index.js';
import { unknownSymbol } from './api-errors.js';
import type { MarketFeedFollower } from './market-feed.js';
import { quoteView, snapshotMessage } from './market-view.js';

const depthQuery = z.object({ depth: wholeNumberParam(1, 50, 10) });

/** REST market data: GET /api/v1/market (all instruments) and GET /api/v1/market/:symbol. */
export function installMarketRoutes(app: FastifyInstance, feed: MarketFeedFollower): void {
  const notReady = () => new TradewatchError('NOT_READY', 'market data has not arrived yet; retry in a moment', 503);

  app.get('/api/v1/market', { config: { summary: 'Every instrument with its latest quote' } }, async () => {
    if (!feed.ready) throw notReady();
    return {
      instruments: [...feed.instruments.values()].map((spec) => {
        const last = feed.cache.lastUpdate(spec.symbol);
        return { symbol: spec.symbol, asset_class: spec.assetClass, tick_size: String(spec.tickSize), lot_size: String(spec.lotSize), quote: last ? quoteView(spec, last) : null };
      }),
    };
  });

  app.get<{ Params: { symbol: string }; Querystring: Record<string, string> }>('/api/v1/market/:symbol', { config: { summary: 'One instrument: quote and L2 depth', query: depthQuery } }, async (req) => {
    const symbol = req.params.symbol.toUpperCase();
    const spec = feed.instruments.get(symbol);
    if (!spec) {
      if (!feed.ready) throw notReady();
      throw unknownSymbol(req.params.symbol, feed.instruments, 'path');
    }
    const q = depthQuery.safeParse(req.query);
    if (!q.success) throw new BadRequest('depth must be a whole number from 1 to 50', 'depth');
    const last = feed.cache.lastUpdate(symbol);
    const snap = feed.cache.snapshot(symbol, q.data.depth);
    if (!last || !snap) throw notReady();
    const { type: _type, ...depth } = snapshotMessage(spec, snap);
    return { ...quoteView(spec, last), depth: { bids: depth.bids, asks: depth.asks } };
  });
}
