import { z } from 'zod';
import { MAX_BOOK_LEVELS, orderCommandSchema, orderStatusSchema, type OrderCommand, type OrderRecord, type TradeRecord } from '../../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../contracts/subjects.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import { NotFound, TradewatchError, validate } from '../../../platform/errors/index.js';
import { MAX_COMMAND_BATCH, type CommandBatchReply } from '../client/command-batcher.js';
import type { ExchangeService } from './exchange-service.js';

const limit = z.number().int().min(1).max(1000).default(100);
const before = z.number().int().positive().optional();
const orderQuery = z.object({ account: z.string().optional(), symbol: z.string().optional(), status: orderStatusSchema.optional(), before, limit });
/** Commands are checked one by one, so one bad command fails alone, not its whole batch. */
const commandBatch = z.object({ commands: z.array(z.unknown()).min(1).max(MAX_COMMAND_BATCH) });
const tradeQuery = z.object({ symbol: z.string().optional(), account: z.string().optional(), before, limit });
const bookRequest = z.object({ symbol: z.string().min(1), levels: z.number().int().min(1).max(MAX_BOOK_LEVELS) });
const haltRequest = z.object({ symbol: z.string().min(1), halted: z.boolean(), reason: z.string().max(200).optional() });

/** A command as the exchange takes it, or why it cannot (that command alone fails). */
function parseCommand(raw: unknown): OrderCommand | Error {
  try {
    return validate(orderCommandSchema, raw);
  } catch (err) {
    return err as Error;
  }
}

/** The exchange's request/reply surface on the bus: commands (queue group) and queries. */
export async function serveExchangeApi(bus: Bus, service: ExchangeService): Promise<Subscription[]> {
  const queue = 'exchange';
  // Order replies are snapshots made for the requester (see ExchangeService.handle): no copy needed.
  const commandReplies = { queue, freshReplies: true };
  return Promise.all([
    bus.respond(EXCHANGE_SUBJECTS.command, (msg) => service.handle(validate(orderCommandSchema, msg.data)), commandReplies),
    bus.respond(EXCHANGE_SUBJECTS.commandBatch, async (msg): Promise<CommandBatchReply> => {
      const { commands } = validate(commandBatch, msg.data);
      return { results: await service.handleBatch(commands.map(parseCommand)) };
    }, commandReplies),
    bus.respond<{ orderId: number }, OrderRecord>(EXCHANGE_SUBJECTS.getOrder, async (msg) => {
      const { orderId } = validate(z.object({ orderId: z.number().int().positive() }), msg.data);
      const order = await service.repo.getOrder(orderId);
      if (!order) throw new NotFound(`order ${orderId} not found`);
      return order;
    }, { queue }),
    bus.respond<{ tradeId: number }, TradeRecord>(EXCHANGE_SUBJECTS.getTrade, async (msg) => {
      const { tradeId } = validate(z.object({ tradeId: z.number().int().positive() }), msg.data);
      const trade = await service.repo.getTrade(tradeId);
      if (!trade) throw new NotFound(`trade ${tradeId} not found`);
      return trade;
    }, { queue }),
    bus.respond(EXCHANGE_SUBJECTS.failures, async (msg) => {
      const q = validate(z.object({ limit }), msg.data);
      return service.failures.latest(q.limit, await service.repo.listOrders({ ...q, status: 'rejected' }));
    }, { queue }),
    bus.respond(EXCHANGE_SUBJECTS.listOrders, (msg) => service.repo.listOrders(validate(orderQuery, msg.data)), { queue }),
    bus.respond(EXCHANGE_SUBJECTS.listTrades, (msg) => service.repo.listTrades(validate(tradeQuery, msg.data)), { queue }),
    bus.respond(EXCHANGE_SUBJECTS.status, () => service.status(), { queue }),
    bus.respond(EXCHANGE_SUBJECTS.bookSnapshot, (msg) => {
      const { symbol, levels } = validate(bookRequest, msg.data);
      const book = service.bookSnapshot(symbol, levels);
      if (!book) throw new TradewatchError('UNKNOWN_SYMBOL', `unknown symbol ${symbol}`, 404);
      return book;
    }, { queue }),
    bus.respond(EXCHANGE_SUBJECTS.halt, (msg) => {
      const { symbol, halted, reason } = validate(haltRequest, msg.data);
      return service.setHalt(symbol, halted, reason);
    }, { queue }),
    bus.respond(EXCHANGE_SUBJECTS.maintenance, (msg) => {
      const { enabled, reason } = validate(z.object({ enabled: z.boolean(), reason: z.string().max(200).optional() }), msg.data);
      service.setMaintenance(enabled ? reason ?? 'operator' : null);
      return service.status();
    }),
  ]);
}
