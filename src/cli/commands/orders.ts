import { Option, type Command } from 'commander';
import { orderStatusSchema } from '../../contracts/orders.js';
import type { orderView } from '../../services/gateway/order-translate.js';
import { addListCommand } from '../exchange-options.js';

/** One order as GET /api/v1/orders shows it: prices and quantities are decimals (text). */
type OrderView = ReturnType<typeof orderView>;

export function registerOrders(program: Command): void {
  addListCommand<OrderView>(program, {
    noun: 'orders',
    shows: 'id, time, account, symbol, side, type, price, quantity, filled, status and why it was rejected or cancelled',
    filters: [
      new Option('--account <account>', 'only this account (house strategies trade as strat-<name>)'),
      new Option('--symbol <symbol>', 'only this symbol, e.g. BTC-USD'),
      new Option('--status <status>', 'only orders in this state').choices(orderStatusSchema.options),
    ],
    headers: ['ORDER ID', 'TIME', 'ACCOUNT', 'SYMBOL', 'SIDE', 'TYPE', 'PRICE', 'QTY', 'FILLED', 'STATUS', 'REASON'],
    row: (o) => [o.order_id, o.created_at, o.account, o.symbol, o.side, o.type, o.price ?? 'market', o.quantity, o.filled_quantity, o.status, o.reason ?? ''],
  });
}
