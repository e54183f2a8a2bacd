import { Option, type Command } from 'commander';
import type { tradeView } from '../../services/gateway/order-translate.js';
import { addListCommand } from '../exchange-options.js';

/** One trade as GET /api/v1/trades shows it: price and quantity are decimals (text). */
type TradeView = ReturnType<typeof tradeView>;

export function registerTrades(program: Command): void {
  addListCommand<TradeView>(program, {
    noun: 'trades',
    shows: 'id, time, symbol, price, quantity, which side took liquidity, buyer and seller, and the maker and taker orders '
      + '(follow one with "tradewatch find-trade --id")',
    filters: [
      new Option('--account <account>', 'only trades this account bought or sold in (house strategies trade as strat-<name>)'),
      new Option('--symbol <symbol>', 'only this symbol, e.g. BTC-USD'),
    ],
    headers: ['TRADE ID', 'TIME', 'SYMBOL', 'PRICE', 'QTY', 'AGGRESSOR', 'BUYER', 'SELLER', 'MAKER ORDER', 'TAKER ORDER'],
    row: (t) => [t.trade_id, t.time, t.symbol, t.price, t.quantity, t.aggressor, t.buy_account, t.sell_account, t.maker_order_id, t.taker_order_id],
  });
}
