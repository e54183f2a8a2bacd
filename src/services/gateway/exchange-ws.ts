import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { BOOK_FEED_LEVELS, type ExchangeBook, type TradeBatch } from '../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../contracts/subjects.js';
import type { Bus, Subscription } from '../../platform/bus/index.js';
import type { FeedMetrics } from './metrics.js';
import { parseWsRequest } from './ws-request.js';
import type { ExchangeClient } from './order-routes.js';
import { exchangeBookView, tradeView } from './order-translate.js';
import { feedSender } from './ws-flow.js';

const subscribeMessage = z.object({
  op: z.enum(['subscribe', 'unsubscribe']),
  channels: z.array(z.enum(['trades', 'book'])).min(1),
  symbols: z.array(z.string()).min(1),
});

const SUBSCRIBE_EXAMPLE = '{"op":"subscribe","channels":["trades"|"book"],"symbols":["BTC-USD"]}';

/**
 * WS /ws/exchange: the public feeds of the exchange's own books. Send
 * {"op":"subscribe","channels":["trades","book"],"symbols":["BTC-USD"]}; receive
 * {"type":"trade",...} for every trade and {"type":"book",...} (top 10 levels) when a book changes.
 */
export class ExchangeFeedRelay {
  private readonly clients = new Map<WebSocket, Set<string>>();
  private subs: Subscription[] = [];
  private readonly send: (ws: WebSocket, payload: string) => void;

  constructor(private readonly ports: { readonly bus: Bus }, private readonly exchange: ExchangeClient, metrics: FeedMetrics) {
    this.send = feedSender(() => metrics.slowConsumers.inc({ feed: 'exchange' }));
  }

  install(app: FastifyInstance): void {
    app.get('/ws/exchange', { websocket: true }, (ws: WebSocket) => {
      const keys = new Set<string>();
      this.clients.set(ws, keys);
      ws.on('close', () => this.clients.delete(ws));
      ws.on('message', (raw) => {
        const msg = parseWsRequest(subscribeMessage, raw.toString(), SUBSCRIBE_EXAMPLE);
        if ('error' in msg) return this.send(ws, JSON.stringify({ type: 'error', error: msg.error }));
        const unknown = msg.data.symbols.filter((s) => !this.exchange.instruments().has(s.toUpperCase()));
        if (unknown.length) return this.send(ws, JSON.stringify({ type: 'error', error: { code: 'UNKNOWN_SYMBOL', message: `unknown symbol(s): ${unknown.join(', ')}` } }));
        const newBooks: string[] = [];
        for (const c of msg.data.channels) for (const s of msg.data.symbols) {
          const key = `${c}:${s.toUpperCase()}`;
          if (msg.data.op === 'unsubscribe') keys.delete(key);
          else if (!keys.has(key)) {
            keys.add(key);
            if (c === 'book') newBooks.push(s.toUpperCase());
          }
        }
        this.send(ws, JSON.stringify({ type: 'subscribed', channels: [...keys].sort() }));
        for (const symbol of newBooks) this.sendSnapshot(ws, symbol);
      });
    });
  }

  async start(): Promise<void> {
    const bus = this.ports.bus;
    this.subs = await Promise.all([
      bus.subscribe<TradeBatch>(EXCHANGE_SUBJECTS.trades, (m) => {
        for (const t of m.data.trades) this.fanOut(`trades:${t.symbol}`, () => ({ type: 'trade', ...tradeView(this.exchange.spec(t.symbol), t) }));
      }, { readOnly: true }),
      bus.subscribe<ExchangeBook>(EXCHANGE_SUBJECTS.books, (m) => this.fanOut(`book:${m.data.symbol}`, () => this.bookView(m.data)), { readOnly: true }),
    ]);
  }

  async stop(): Promise<void> {
    await Promise.all(this.subs.splice(0).map((s) => s.unsubscribe()));
  }

  /**
   * A new book subscriber starts from the book as it is now, not from its next change (a quiet
   * book may not change for a long time). An update published meanwhile may arrive first: the
   * higher seq is the newer book.
   */
  private sendSnapshot(ws: WebSocket, symbol: string): void {
    this.exchange.query<ExchangeBook>(EXCHANGE_SUBJECTS.bookSnapshot, { symbol, levels: BOOK_FEED_LEVELS }).then(
      (book) => { if (this.clients.get(ws)?.has(`book:${symbol}`)) this.send(ws, JSON.stringify(this.bookView(book))); },
      // The exchange's own code (e.g. BUS_TIMEOUT): the subscription stands, updates follow as the book changes.
      (err: Error & { code?: string }) => this.send(ws, JSON.stringify({
        type: 'error', error: { code: err.code ?? 'INTERNAL', message: `no snapshot of ${symbol} (${err.message}); updates follow as the book changes` },
      })),
    );
  }

  private fanOut(key: string, build: () => unknown): void {
    let payload: string | undefined;
    for (const [ws, keys] of this.clients) {
      if (!keys.has(key) || ws.readyState !== ws.OPEN) continue;
      payload ??= JSON.stringify(build());
      this.send(ws, payload);
    }
  }

  private bookView(b: ExchangeBook) {
    return { type: 'book', ...exchangeBookView(this.exchange.spec(b.symbol), b) };
  }
}
