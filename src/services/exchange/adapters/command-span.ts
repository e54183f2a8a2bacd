import { context, trace, SpanStatusCode, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { OrderCommand, OrderReply } from '../../../contracts/orders.js';
import { contextOfTraceparent } from '../../../platform/telemetry/index.js';

/**
 * The exchange's span of one order command. It joins the trace the command was sent in, so each
 * command of a batch keeps its own trace, and it ends with the command's outcome.
 */
export class CommandSpan {
  readonly span: Span;
  private readonly active: Context;

  constructor(tracer: Tracer, cmd: OrderCommand) {
    const parent = contextOfTraceparent(cmd.traceparent);
    this.span = tracer.startSpan(`exchange ${cmd.kind}`, { attributes: { 'tradewatch.account': cmd.account, ...(cmd.kind === 'submit' ? { 'tradewatch.symbol': cmd.symbol } : { 'tradewatch.order_id': cmd.orderId }) } }, parent);
    this.active = trace.setSpan(parent, this.span);
  }

  /** Runs `fn` in the span's context: its logs and spans belong to the command's trace. */
  run<T>(fn: () => T): T {
    return context.with(this.active, fn);
  }

  succeeded(reply: OrderReply): OrderReply {
    this.span.setAttribute('tradewatch.order_id', reply.order.orderId);
    this.span.end();
    return reply;
  }

  /** Ends the span as failed; returns the error, for the caller to throw or answer with. */
  failed(err: unknown): unknown {
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    this.span.end();
    return err;
  }
}
