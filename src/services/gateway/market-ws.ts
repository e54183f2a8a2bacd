import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../../platform/telemetry/index.js';
import { parseWsRequest } from './ws-request.js';
import type { MarketFeedFollower } from './market-feed.js';
import { snapshotMessage, updateMessage } from './market-view.js';
import type { FeedMetrics } from './metrics.js';
import { feedSender } from './ws-flow.js';

const clientMessage = z.discriminatedUnion('op', [
  z.object({ op: z.literal('subscribe'), symbols: z.array(z.string()).min(1) }),
  z.object({ op: z.literal('unsubscribe'), symbols: z.array(z.string()).min(1) }),
  z.object({ op: z.literal('snapshot'), symbol: z.string() }),
]);

const REQUEST_EXAMPLE = '{"op":"subscribe"|"unsubscribe","symbols":["BTC-USD"]} or {"op":"snapshot","symbol":"BTC-USD"}';

/**
 * WS /ws/market. Client: {"op":"subscribe","symbols":["BTC-USD"]}; server answers each symbol
 * with a snapshot, then updates whose `seq` rises by one. A client that sees a gap sends
 * {"op":"snapshot","symbol":"BTC-USD"} and continues from the snapshot's seq.
 */
export function installMarketWebSocket(app: FastifyInstance, feed: MarketFeedFollower, metrics: FeedMetrics, logger: Logger): () => void {
  const subscribers = new Map<string, Set<WebSocket>>();
  const send = feedSender(() => metrics.slowConsumers.inc({ feed: 'market' }));
  const error = (ws: WebSocket, code: string, message: string) => send(ws, JSON.stringify({ type: 'error', error: { code, message } }));
  const sendSnapshot = (ws: WebSocket, symbol: string) => {
    const spec = feed.instruments.get(symbol);
    const snap = feed.cache.snapshot(symbol);
    if (!spec || !snap) return error(ws, 'NOT_READY', `no book for ${symbol} yet; retry in a moment`);
    send(ws, JSON.stringify(snapshotMessage(spec, snap)));
  };

  const unsubscribeFeed = feed.onEvent((e) => {
    const symbol = e.kind === 'update' ? e.update.symbol : e.snapshot.symbol;
    const clients = subscribers.get(symbol);
    const spec = feed.instruments.get(symbol);
    if (!clients?.size || !spec) return;
    const payload = JSON.stringify(e.kind === 'update' ? updateMessage(spec, e.update) : snapshotMessage(spec, e.snapshot));
    for (const ws of clients) send(ws, payload);
  });

  app.get('/ws/market', { websocket: true }, (ws) => {
    const mine = new Set<string>();
    const drop = (symbol: string) => {
      if (subscribers.get(symbol)?.delete(ws)) metrics.subscribers.dec({ symbol });
      mine.delete(symbol);
    };
    ws.on('message', (raw) => {
      const msg = parseWsRequest(clientMessage, raw.toString(), REQUEST_EXAMPLE);
      if ('error' in msg) return error(ws, msg.error.code, msg.error.message);
      const symbols = (msg.data.op === 'snapshot' ? [msg.data.symbol] : msg.data.symbols).map((s) => s.toUpperCase());
      const unknown = symbols.filter((s) => !feed.instruments.has(s));
      if (unknown.length) return error(ws, 'UNKNOWN_SYMBOL', `unknown symbol(s): ${unknown.join(', ')}`);
      for (const symbol of symbols) {
        if (msg.data.op === 'unsubscribe') { drop(symbol); continue; }
        if (msg.data.op === 'subscribe' && !mine.has(symbol)) {
          mine.add(symbol);
          (subscribers.get(symbol) ?? subscribers.set(symbol, new Set()).get(symbol)!).add(ws);
          metrics.subscribers.inc({ symbol });
        }
        sendSnapshot(ws, symbol);
      }
    });
    ws.on('close', () => [...mine].forEach(drop));
    ws.on('error', (err) => logger.debug({ err: err.message }, 'market websocket error'));
  });

  return unsubscribeFeed;
}
