import { Option, type Command } from 'commander';
import type { orderView, tradeView } from '../../services/gateway/order-translate.js';
import { addApiOptions, apiTarget, ApiError, callApi } from '../api-client.js';
import { EXIT } from '../exit-codes.js';
import { formatTable, printJson } from '../output.js';
import { idOf } from '../exchange-options.js';
import { withSpinner } from '../terminal.js';

type OrderView = ReturnType<typeof orderView>;
type TradeView = ReturnType<typeof tradeView>;
/** What the order commands answer: the order as it is now, and the trades this command made. */
interface OrderAnswer {
  order: OrderView;
  trades?: TradeView[];
}

/** The order on one line, then its fills (if the command made any) as a table. */
function describe({ order: o, trades = [] }: OrderAnswer): string {
  const price = o.price === null ? 'at market' : `@ ${o.price}`;
  // Time in force and post-only mean something for limit orders only.
  const flags = o.type === 'limit' ? [o.type, o.time_in_force, ...(o.post_only ? ['post-only'] : [])].join(' ') : o.type;
  const lines = [
    `order ${o.order_id} ${o.status}: ${o.side} ${o.quantity} ${o.symbol} ${price} (${flags}), filled ${o.filled_quantity}, `
      + `account ${o.account}${o.client_order_id ? `, client order id ${o.client_order_id}` : ''}${o.reason ? `; reason: ${o.reason}` : ''}`,
  ];
  if (trades.length > 0) {
    lines.push(formatTable(['TRADE ID', 'PRICE', 'QTY', 'MAKER ORDER', 'TAKER ORDER', 'TIME'],
      trades.map((t) => [t.trade_id, t.price, t.quantity, t.maker_order_id, t.taker_order_id, t.time])));
  }
  return `${lines.join('\n')}\n`;
}

async function run(opts: Record<string, unknown>, label: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<void> {
  const answer = await withSpinner(label, () => callApi<OrderAnswer>(apiTarget(opts), method, path, body));
  if (opts.json) return printJson(answer);
  process.stdout.write(describe(answer));
}

const accountOption = () => new Option('--account <account>', 'the account the order belongs to').default('default');

/** The order body of `place`; --price and --market are one or the other. */
function newOrder(opts: Record<string, unknown>): Record<string, unknown> {
  if (Boolean(opts.market) === (opts.price !== undefined)) {
    throw new ApiError('give --price <price> for a limit order or --market for a market order (one of the two)', null, null, EXIT.USAGE);
  }
  return {
    account: opts.account, symbol: opts.symbol, side: opts.side, type: opts.market ? 'market' : 'limit',
    ...(opts.price === undefined ? {} : { price: opts.price }), quantity: opts.quantity,
    ...(opts.tif === undefined ? {} : { time_in_force: opts.tif }), post_only: Boolean(opts.postOnly),
    ...(opts.clientOrderId === undefined ? {} : { client_order_id: opts.clientOrderId }),
  };
}

export function registerOrder(program: Command): void {
  const order = program.command('order')
    .summary('place, show, replace or cancel one order (trader key; show: viewer)')
    .description('one order on the exchange: place it, show it, replace its price or open quantity, or cancel it. Each prints the order as '
      + 'it now is and the trades the command made (or --json). A refused order exits 1 with the book\'s reason (e.g. BOOK_HALTED, '
      + 'PRICE_OUTSIDE_BAND). Prices and quantities are decimals, as GET /api/v1/market lists the instruments');
  addApiOptions(order.command('place'))
    .description('place an order (POST /api/v1/orders); answered once it is durable. Needs a trader key')
    .requiredOption('--symbol <symbol>', 'e.g. BTC-USD')
    .addOption(new Option('--side <side>', 'buy or sell').choices(['buy', 'sell']).makeOptionMandatory())
    .requiredOption('--quantity <qty>', 'a multiple of the lot size, e.g. 0.01')
    .option('--price <price>', 'limit price on the tick grid, e.g. 64000.00')
    .option('--market', 'a market order instead (no --price)')
    .addOption(new Option('--tif <tif>', 'time in force of a limit order (default GTC; a market order is IOC)').choices(['GTC', 'IOC', 'FOK']))
    .option('--post-only', 'refuse the order if it would trade on arrival')
    .addOption(accountOption())
    .option('--client-order-id <id>', 'your id for it: a reuse within an hour is refused (409)')
    .action((opts: Record<string, unknown>) => run(opts, 'placing the order', 'POST', '/api/v1/orders', newOrder(opts)));
  addApiOptions(order.command('show'))
    .description('show one order as it is now (GET /api/v1/orders/:id). Needs a viewer key')
    .argument('<order-id>', 'the order', idOf('order'))
    .action((id: string, opts: Record<string, unknown>) => run(opts, 'fetching the order', 'GET', `/api/v1/orders/${id}`));
  addApiOptions(order.command('replace'))
    .description('change a resting order\'s price and/or open quantity (PATCH /api/v1/orders/:id). It keeps its time priority only when '
      + 'only the quantity goes down. Needs a trader key')
    .argument('<order-id>', 'the order', idOf('order'))
    .option('--price <price>', 'the new limit price')
    .option('--quantity <qty>', 'the new open (unfilled) quantity')
    .addOption(accountOption())
    .action((id: string, opts: Record<string, unknown>) => {
      if (opts.price === undefined && opts.quantity === undefined) throw new ApiError('give --price, --quantity or both', null, null, EXIT.USAGE);
      const body = { account: opts.account, ...(opts.price === undefined ? {} : { price: opts.price }), ...(opts.quantity === undefined ? {} : { quantity: opts.quantity }) };
      return run(opts, 'replacing the order', 'PATCH', `/api/v1/orders/${id}`, body);
    });
  addApiOptions(order.command('cancel'))
    .description('cancel a resting order (DELETE /api/v1/orders/:id); halted books accept cancels too. Needs a trader key')
    .argument('<order-id>', 'the order', idOf('order'))
    .addOption(accountOption())
    .action((id: string, opts: Record<string, unknown>) => run(opts, 'cancelling the order', 'DELETE', `/api/v1/orders/${id}?${new URLSearchParams({ account: String(opts.account) })}`));
}
