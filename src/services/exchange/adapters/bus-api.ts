import { z } from 'zod';
import { orderCommandSchema, orderStatusSchema, type OrderRecord } from '../../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../contracts/subjects.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import { NotFound, validate } from '../../../platform/errors/index.js';
import type { ExchangeService } from './exchange-service.js';

const limit = z.number().int().min(1).max(1000).default(100);
const orderQuery = z.object({ account: z.string().optional(), symbol: z.string().optional(), status: orderStatusSchema.optional(), limit });
const tradeQuery = z.object({ symbol: z.string().optional(), account: z.string().optional(), limit });

/** The exchange's request/reply surface on the bus: commands (queue group) and queries. */
export async function serveExchangeApi(bus: Bus, service: ExchangeService): Promise<Subscription[]> {
  const queue = 'exchange';
  return Promise.all([
    bus.respond(EXCHANGE_SUBJECTS.command, (msg) => service.handle(validate(orderCommandSchema, msg.data)), { queue }),
    bus.respond<{ orderId: number }, OrderRecord>(EXCHANGE_SUBJECTS.getOrder, async (msg) => {
      const { orderId } = validate(z.object({ orderId: z.number().int().positive() }), msg.data);
      const order = await service.repo.getOrder(orderId);
      if (!order) throw new NotFound(`order ${orderId} not found`);
      return order;
    }, { queue }),
    bus.respond(EXCHANGE_SUBJECTS.listOrders, (msg) => service.repo.listOrders(validate(orderQuery, msg.data)), { queue }),
    bus.respond(EXCHANGE_SUBJECTS.listTrades, (msg) => service.repo.listTrades(validate(tradeQuery, msg.data)), { queue }),
    bus.respond(EXCHANGE_SUBJECTS.status, () => service.status(), { queue }),
  ]);
}
