import type { Logger } from '../../../platform/telemetry/index.js';
import type { TradewatchError } from '../../../platform/errors/index.js';
import type { OrderCommand, OrderReply } from '../../../contracts/orders.js';

/**
 * The log line of one handled order command, once it is durable: at info when the book turned it
 * down (an SRE looks for those), at debug otherwise (one line per order is too many at full rate;
 * `--log-level debug` shows them). Each names the order, its account and the request behind the
 * command; the trace id comes from the active span, the order's own.
 */
export function logOrderOutcome(logger: Logger, cmd: OrderCommand, reply: OrderReply, refusal: TradewatchError | null): void {
  if (refusal === null && !logger.isLevelEnabled('debug')) return;
  const o = reply.order;
  // The command's own ids: the context a bus batch of commands runs in carries one command's only.
  const fields = {
    order_id: String(o.orderId), client_order_id: o.clientOrderId, account: o.account, symbol: o.symbol, command: cmd.kind, status: o.status,
    request_id: cmd.requestId, correlation_id: cmd.correlationId,
  };
  if (refusal) logger.info({ ...fields, code: refusal.code }, refusal.message);
  else logger.debug({ ...fields, filled_lots: o.filled, trades: reply.trades.length }, `order ${o.orderId} ${cmd.kind}: ${o.status}`);
}

/**
 * The log line of a command the exchange turned away before any book (not journaled: a full
 * book, a duplicate client order id, an order worth too much ...), at info like a book's
 * rejections, so that an operator can find who sends them.
 */
export function logRefusedCommand(logger: Logger, cmd: OrderCommand, error: { code: string; message: string }): void {
  logger.info({ account: cmd.account, command: cmd.kind, code: error.code, request_id: cmd.requestId, correlation_id: cmd.correlationId }, error.message);
}
