import { InvalidArgumentError, Option, type Command } from 'commander';
import { orderStatusSchema } from '../../contracts/orders.js';
import { ID_TEXT } from '../../platform/http/query.js';
import type { orderView } from '../../services/gateway/order-translate.js';
import { addApiOptions, apiTarget, callApi } from '../api-client.js';
import { formatTable, printJson } from '../output.js';
import { withSpinner } from '../terminal.js';

/** One order as GET /api/v1/orders shows it: prices and quantities are decimals (text). */
type OrderView = ReturnType<typeof orderView>;

function limitOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000.');
  return n;
}

function orderIdOf(value: string): string {
  if (!ID_TEXT.test(value)) throw new InvalidArgumentError('expected an order id: a positive whole number.');
  return value;
}

export function registerOrders(program: Command): void {
  addApiOptions(program.command('orders'))
    .summary('orders on the exchange, newest first (viewer key)')
    .description('orders on the exchange, newest first (GET /api/v1/orders): id, time, account, symbol, side, type, price, '
      + 'quantity, filled, status and why it was rejected or cancelled. Needs a viewer key')
    .option('--account <account>', 'only this account (house strategies trade as strat-<name>)')
    .option('--symbol <symbol>', 'only this symbol, e.g. BTC-USD')
    .addOption(new Option('--status <status>', 'only orders in this state').choices(orderStatusSchema.options))
    .option('--limit <n>', 'at most this many orders (1-1000)', limitOf, 50)
    .option('--before <order-id>', 'only orders older than this one: the next page (the previous page ends by naming it)', orderIdOf)
    .action(async (opts: Record<string, unknown>) => {
      const query = new URLSearchParams({ limit: String(opts.limit) });
      for (const key of ['account', 'symbol', 'status', 'before'] as const) if (typeof opts[key] === 'string') query.set(key, opts[key]);
      const res = await withSpinner('fetching orders', () => callApi<{ orders: OrderView[]; next_before: string | null }>(apiTarget(opts), 'GET', `/api/v1/orders?${query}`));
      if (opts.json) return printJson(res);
      if (res.orders.length === 0) return void process.stdout.write('no orders match\n');
      process.stdout.write(`${formatTable(['ORDER ID', 'TIME', 'ACCOUNT', 'SYMBOL', 'SIDE', 'TYPE', 'PRICE', 'QTY', 'FILLED', 'STATUS', 'REASON'],
        res.orders.map((o) => [o.order_id, o.created_at, o.account, o.symbol, o.side, o.type, o.price ?? 'market', o.quantity, o.filled_quantity, o.status, o.reason ?? '']))}\n`);
      if (res.next_before) process.stderr.write(`older orders: add --before ${res.next_before}\n`);
    });
}
