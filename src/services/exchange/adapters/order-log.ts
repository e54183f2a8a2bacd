import { LogBudget } from '../../../platform/telemetry/log-budget.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { TradewatchError } from '../../../platform/errors/index.js';
import type { OrderCommand, OrderReply } from '../../../contracts/orders.js';

/** Refusal lines per account and code per second; past them, one line a second says how many more. */
export const REFUSAL_LINES_PER_SECOND = 10;

/**
 * The exchange's log lines about orders. A refused order is logged at info (an SRE looks for
 * those): each names the order, its account and the request behind it. An account that keeps
 * sending orders refused for the same reason gets REFUSAL_LINES_PER_SECOND lines a second of it,
 * and the rest are counted: `reportSuppressed` (called every second) logs how many were held
 * back, so a client stuck in a loop cannot rotate everyone else's lines out of the log files.
 */
export class OrderLog {
  private readonly refusals: LogBudget;

  constructor(private readonly logger: Logger, now: () => number) {
    this.refusals = new LogBudget({ linesPerWindow: REFUSAL_LINES_PER_SECOND, windowMs: 1000, now });
  }

  /**
   * A handled order command, once it is durable: at info when the book turned it down, at debug
   * otherwise (one line per order is too many at full rate; `--log-level debug` shows them). The
   * trace id comes from the active span, the order's own.
   */
  outcome(cmd: OrderCommand, reply: OrderReply, refusal: TradewatchError | null): void {
    if (refusal === null && !this.logger.isLevelEnabled('debug')) return;
    if (refusal !== null && !this.refusals.admit(refusalKey(cmd.account, refusal.code))) return;
    const o = reply.order;
    // The command's own ids: the context a bus batch of commands runs in carries one command's only.
    const fields = {
      order_id: String(o.orderId), client_order_id: o.clientOrderId, account: o.account, symbol: o.symbol, command: cmd.kind, status: o.status,
      request_id: cmd.requestId, correlation_id: cmd.correlationId,
    };
    if (refusal) this.logger.info({ ...fields, code: refusal.code }, refusal.message);
    else this.logger.debug({ ...fields, filled_lots: o.filled, trades: reply.trades.length }, `order ${o.orderId} ${cmd.kind}: ${o.status}`);
  }

  /**
   * A command the exchange turned away before any book (not journaled: a full book, a duplicate
   * client order id, an order worth too much ...), at info like a book's refusals.
   */
  refused(cmd: OrderCommand, error: { code: string; message: string }): void {
    if (!this.refusals.admit(refusalKey(cmd.account, error.code))) return;
    this.logger.info({ account: cmd.account, command: cmd.kind, code: error.code, request_id: cmd.requestId, correlation_id: cmd.correlationId }, error.message);
  }

  /** One line per account and code whose refusals went unlogged since the last call. */
  reportSuppressed(): void {
    for (const [key, count] of this.refusals.takeSuppressed()) {
      const { account, code } = JSON.parse(key) as { account: string; code: string };
      this.logger.info({ account, code, suppressed: count }, `${count} more ${code} refusals of account ${account} were not logged (at most ${REFUSAL_LINES_PER_SECOND} a second are)`);
    }
  }
}

/** JSON, so that no account name can make two keys collide. */
const refusalKey = (account: string, code: string) => JSON.stringify({ account, code });
