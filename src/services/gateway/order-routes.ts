import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParam, wholeNumberParam } from '../../platform/http/index.js';
import type { InstrumentSpec } from '../../contracts/market-data.js';
import { MAX_BOOK_LEVELS, orderStatusSchema, type ExchangeBook, type ExchangeStatus, type OrderCommand, type OrderRecord, type OrderReply, type TradeRecord } from '../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../contracts/subjects.js';
import type { Bus } from '../../platform/bus/index.js';
import { CommandBatcher } from '../exchange/client/command-batcher.js';
import { TradewatchError, validate } from '../../platform/errors/index.js';
import { unknownSymbol } from './api-errors.js';
import { exchangeBookView, exchangeStatusView, newOrderBody, orderView, parseBody, parseOrderId, replaceBody, toCancel, toReplace, toSubmit, tradeView } from './order-translate.js';

const EXCHANGE_TIMEOUT_MS = 5000;

const notLoaded = () => new TradewatchError('NOT_READY', 'instrument list not loaded yet; retry in a moment', 503);

/** Talks to the exchange over the bus on behalf of HTTP and WebSocket clients. */
export class ExchangeClient {
  private readonly commands: CommandBatcher;

  constructor(private readonly ports: { readonly bus: Bus }, private readonly specs: () => ReadonlyMap<string, InstrumentSpec>) {
    this.commands = new CommandBatcher(ports, EXCHANGE_TIMEOUT_MS);
  }

  spec(symbol: string): InstrumentSpec {
    const spec = this.specs().get(symbol);
    if (!spec) throw notLoaded();
    return spec;
  }

  /**
   * The instrument a client named, in any case, or UNKNOWN_SYMBOL naming the known ones: 404 for
   * a symbol in the path, 400 for one in a field such as a listing's filter (503 until the list has arrived).
   */
  instrument(given: string, from: 'path' | 'field' = 'path'): InstrumentSpec {
    const known = this.specs();
    const spec = known.get(given.toUpperCase());
    if (spec) return spec;
    if (known.size === 0) throw notLoaded();
    throw unknownSymbol(given, known, from);
  }

  instruments(): ReadonlyMap<string, InstrumentSpec> {
    return this.specs();
  }

  command(cmd: OrderCommand): Promise<OrderReply> {
    return this.commands.submit(cmd);
  }

  async query<R>(subject: string, data: unknown): Promise<R> {
    return (await this.ports.bus.request<unknown, R>(subject, data, { timeoutMs: EXCHANGE_TIMEOUT_MS })).data;
  }

  replyView({ order, trades }: OrderReply) {
    const spec = this.spec(order.symbol);
    return { order: orderView(spec, order), trades: trades.map((t) => tradeView(spec, t)) };
  }
}

/** Price levels per side of GET /api/v1/exchange/book/:symbol. */
const bookQuery = z.object({ depth: wholeNumberParam(1, MAX_BOOK_LEVELS, 10) });
const listQuery = z.object({
  account: z.string().optional(), symbol: z.string().optional(), status: orderStatusSchema.optional(),
  /** The next page: pass the previous answer's next_before. */
  before: idParam(),
  limit: wholeNumberParam(1, 1000, 100),
});
/** Trades have no status. */
const tradeQuery = listQuery.omit({ status: true });

/** Where the next page of a newest-first listing starts: the last id of a full page, else null (no more). */
const nextBefore = (ids: number[], limit: number): string | null => (ids.length === limit ? String(ids[ids.length - 1]) : null);

/** Order entry and queries: /api/v1/orders and /api/v1/trades. */
export function installOrderRoutes(app: FastifyInstance, exchange: ExchangeClient): void {
  app.post('/api/v1/orders', { config: { role: 'trader', summary: 'Place an order; answered once it is durable', body: newOrderBody } }, async (req, reply) => {
    const cmd = toSubmit(parseBody(newOrderBody, req.body), exchange.instruments());
    return reply.code(201).send(exchange.replyView(await exchange.command(cmd)));
  });

  app.delete<{ Params: { id: string }; Querystring: { account?: string } }>('/api/v1/orders/:id', { config: { role: 'trader', summary: 'Cancel an order', query: z.object({ account: z.string().optional() }) } }, async (req) => {
    const account = req.query.account ?? 'default';
    return exchange.replyView(await exchange.command(toCancel(parseOrderId(req.params.id), account)));
  });

  app.patch<{ Params: { id: string } }>('/api/v1/orders/:id', { config: { role: 'trader', summary: 'Replace (price and/or open quantity) an order', body: replaceBody } }, async (req) => {
    const orderId = parseOrderId(req.params.id);
    const current = await exchange.query<OrderRecord>(EXCHANGE_SUBJECTS.getOrder, { orderId });
    return exchange.replyView(await exchange.command(toReplace(orderId, parseBody(replaceBody, req.body), exchange.spec(current.symbol))));
  });

  app.get<{ Params: { id: string } }>('/api/v1/orders/:id', { config: { role: 'viewer', summary: 'One order' } }, async (req) => {
    const order = await exchange.query<OrderRecord>(EXCHANGE_SUBJECTS.getOrder, { orderId: parseOrderId(req.params.id) });
    return { order: orderView(exchange.spec(order.symbol), order) };
  });

  /** A listing's symbol filter, in the exchange's spelling; an unknown one is a 400 naming the field. */
  const symbolFilter = (given: string | undefined) => (given === undefined ? undefined : exchange.instrument(given, 'field').symbol);

  app.get('/api/v1/orders', { config: { role: 'viewer', summary: 'Orders, newest first', query: listQuery } }, async (req) => {
    const q = validate(listQuery, req.query);
    const orders = await exchange.query<OrderRecord[]>(EXCHANGE_SUBJECTS.listOrders, { ...q, symbol: symbolFilter(q.symbol) });
    return { orders: orders.map((o) => orderView(exchange.spec(o.symbol), o)), next_before: nextBefore(orders.map((o) => o.orderId), q.limit) };
  });

  app.get('/api/v1/trades', { config: { role: 'viewer', summary: 'Trades, newest first', query: tradeQuery } }, async (req) => {
    const q = validate(tradeQuery, req.query);
    const trades = await exchange.query<TradeRecord[]>(EXCHANGE_SUBJECTS.listTrades, { ...q, symbol: symbolFilter(q.symbol) });
    return { trades: trades.map((t) => tradeView(exchange.spec(t.symbol), t)), next_before: nextBefore(trades.map((t) => t.tradeId), q.limit) };
  });

  app.get('/api/v1/exchange/status', { config: { summary: 'Per-book status: halts, reference prices, best prices' } },
    async () => exchangeStatusView(await exchange.query<ExchangeStatus>(EXCHANGE_SUBJECTS.status, {})));

  app.get<{ Params: { symbol: string } }>('/api/v1/exchange/book/:symbol', {
    config: { summary: 'The exchange\'s own order book now: the top price levels of each side (resting quantity per price), best first', query: bookQuery },
  }, async (req) => {
    const spec = exchange.instrument(req.params.symbol);
    const { depth } = validate(bookQuery, req.query);
    return exchangeBookView(spec, await exchange.query<ExchangeBook>(EXCHANGE_SUBJECTS.bookSnapshot, { symbol: spec.symbol, levels: depth }));
  });
}
