import { context, trace, type Tracer } from '@opentelemetry/api';
import { z } from 'zod';
import type { StrategyOrderRequest } from '../../../contracts/lifecycle.js';
import type { MarketUpdate } from '../../../contracts/market-data.js';
import type { OrderRecord, OrderReply, OrderUpdateBatch, SubmitOrder, TradeBatch } from '../../../contracts/orders.js';
import { EXCHANGE_SUBJECTS, RISK_SUBJECTS, STRATEGY_SUBJECTS, SUBJECTS } from '../../../contracts/subjects.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import { TradewatchError, validate } from '../../../platform/errors/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import { fillsOf, orderUpdateOf, splitSignalKey, type RoutedIntent, type StrategyRunner, type StrategyStatus } from '../core/index.js';
import type { StrategyMetrics } from '../metrics.js';

const RISK_TIMEOUT_MS = 5000;
const EXCHANGE_TIMEOUT_MS = 5000;
/** Orders per page of the exchange's order listing (its maximum). */
const LIST_PAGE = 1000;
const controlRequest = z.object({ name: z.string().min(1), action: z.enum(['pause', 'resume']) });
const rateRequest = z.object({ name: z.string().min(1), multiplier: z.number().int().min(1).max(1000) });

/**
 * Runs the strategies live: market-data updates in, intents out through risk (one trace per
 * order, started here), the exchange's order and trade events back in. Controls (pause, resume,
 * runaway rate) and status over the bus.
 */
export class StrategyService {
  private readonly subs: Subscription[] = [];
  private readonly marks = new Map<string, number>();
  private lastStatus: StrategyStatus[] = [];
  /** Each strategy's orders go out one after another, in the order it decided them. */
  private readonly queues = new Map<string, Promise<void>>();
  /**
   * Set by stop(). In one process the exchange and risk stop alongside this service, so an order
   * still queued is not sent, and one in flight may find them gone: neither is an incident.
   */
  private stopping = false;

  constructor(
    private readonly runner: StrategyRunner,
    private readonly deps: { bus: Bus; clock: Clock; logger: Logger; metrics: StrategyMetrics; tracer: Tracer },
  ) {}

  async start(): Promise<void> {
    const { bus } = this.deps;
    this.subs.push(await bus.subscribe<OrderUpdateBatch>(EXCHANGE_SUBJECTS.orderUpdates, (m) => {
      for (const o of m.data.orders) this.runner.onOrderUpdate(orderUpdateOf(o));
    }, { readOnly: true }));
    // Before the first market view, so that no strategy quotes without knowing what it has out.
    await this.takeOverOpenOrders();
    this.subs.push(
      await bus.subscribe<MarketUpdate>(SUBJECTS.marketUpdates, (m) => this.onMarket(m.data)),
      await bus.subscribe<TradeBatch>(EXCHANGE_SUBJECTS.trades, (m) => {
        for (const t of m.data.trades) for (const fill of fillsOf(t)) this.runner.onFill(fill);
      }, { readOnly: true }),
      await bus.respond(STRATEGY_SUBJECTS.status, () => this.refreshStatus()),
      await bus.respond(STRATEGY_SUBJECTS.control, (m) => {
        const { name, action } = validate(controlRequest, m.data);
        this.guard(() => (action === 'pause' ? this.runner.pause(name) : this.runner.resume(name)));
        this.deps.logger.warn({ strategy: name }, `strategy ${name} ${action === 'pause' ? 'paused' : 'resumed'} by an operator`);
        return this.statusOf(name);
      }),
      await bus.respond(STRATEGY_SUBJECTS.rate, (m) => {
        const { name, multiplier } = validate(rateRequest, m.data);
        this.guard(() => this.runner.setRateMultiplier(name, multiplier));
        this.deps.logger.warn({ strategy: name, multiplier }, `strategy ${name} order rate multiplied by ${multiplier}`);
        return this.statusOf(name);
      }),
    );
  }

  /**
   * The orders the strategies' accounts still have open at the exchange, left by an earlier run
   * on the same store: the exchange recovered them, but a strategy starts knowing nothing. Left
   * unknown they rest at the old run's prices, and new post-only quotes that would trade with
   * them are refused on every view until risk takes the repeats for a runaway. Handed to their
   * strategies as open orders, they are dealt with as any other: a market maker cancels quotes it
   * did not place. Updates are followed from before the listing, so none is missed; an order
   * listed open that closed meanwhile is forgotten once its cancel comes back ORDER_NOT_FOUND.
   */
  private async takeOverOpenOrders(): Promise<void> {
    try {
      for (const { strategy, account } of this.runner.accounts()) {
        const open = [...await this.listOrders(account, 'open'), ...await this.listOrders(account, 'partially_filled')];
        for (const o of open) this.runner.onOrderUpdate(orderUpdateOf(o));
        if (open.length > 0) this.deps.logger.info({ strategy, account, orders: open.length }, `strategy ${strategy} takes over ${open.length} open orders of account ${account} from an earlier run`);
      }
    } catch (err) {
      // The exchange is not answering (in distributed mode it may start later): the strategies
      // trade on, and learn of an order left open when it next changes.
      this.deps.logger.warn({ err: (err as Error).message }, 'could not list the strategies\' open orders at the exchange: orders an earlier run left open stay unknown to them');
    }
  }

  /** Every order of `account` in `status`, newest first, page by page. */
  private async listOrders(account: string, status: 'open' | 'partially_filled'): Promise<OrderRecord[]> {
    const orders: OrderRecord[] = [];
    for (let before: number | undefined; ;) {
      const page = (await this.deps.bus.request<unknown, OrderRecord[]>(EXCHANGE_SUBJECTS.listOrders, { account, status, before, limit: LIST_PAGE }, { timeoutMs: EXCHANGE_TIMEOUT_MS })).data;
      orders.push(...page);
      if (page.length < LIST_PAGE) return orders;
      before = page[page.length - 1]!.orderId;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.subs.splice(0).map((s) => s.unsubscribe()));
    await Promise.all(this.queues.values());
  }

  /** Recomputes P&L at the latest mids and updates the gauges. */
  refreshStatus(): StrategyStatus[] {
    this.lastStatus = this.runner.status(this.marks);
    this.deps.metrics.observe(this.lastStatus);
    return this.lastStatus;
  }

  private onMarket(u: MarketUpdate): void {
    this.marks.set(u.symbol, Math.round((u.bid + u.ask) / 2));
    for (const routed of this.runner.onMarket({ symbol: u.symbol, bid: u.bid, ask: u.ask, timeMs: this.deps.clock.now() })) this.enqueue(routed);
  }

  /**
   * A requote is "cancel the old quotes, then place new ones": sent concurrently, a new quote
   * could reach the exchange before the cancel of the old one on the other side and trade with it.
   */
  private enqueue(routed: RoutedIntent): void {
    const previous = this.queues.get(routed.strategy) ?? Promise.resolve();
    const next = previous.then(() => this.send(routed));
    this.queues.set(routed.strategy, next);
    void next.finally(() => { if (this.queues.get(routed.strategy) === next) this.queues.delete(routed.strategy); });
  }

  /** One order's trace starts here: risk, exchange and custodian spans join it over bus headers. */
  private async send({ strategy, account, intent }: RoutedIntent): Promise<void> {
    const { bus, metrics, tracer } = this.deps;
    if (this.stopping) {
      this.refused(strategy, intent, 'NOT_READY');
      return;
    }
    const span = tracer.startSpan(`strategy ${intent.type}`, { attributes: { strategy, symbol: intent.symbol } });
    const traceId = span.spanContext().traceId;
    const command = intent.type === 'cancel'
      ? { kind: 'cancel' as const, account, orderId: intent.orderId, requestId: `strat-cancel-${intent.orderId}`, correlationId: `cancel-${intent.orderId}`, traceId }
      : {
        kind: 'submit' as const, account, symbol: intent.symbol, side: intent.side, type: intent.priceTicks === null ? 'market' as const : 'limit' as const,
        price: intent.priceTicks, qty: intent.qtyLots, tif: intent.tif, postOnly: intent.postOnly, clientOrderId: intent.clientOrderId,
        requestId: `strat-${intent.clientOrderId}`, correlationId: intent.clientOrderId, traceId,
      } satisfies SubmitOrder;
    const request: StrategyOrderRequest = { strategy, command, signals: this.signalsOf(strategy, intent.symbol), decidedMs: this.deps.clock.now() };
    metrics.intents.inc({ strategy, kind: intent.type });
    try {
      await context.with(trace.setSpan(context.active(), span), () => bus.request<StrategyOrderRequest, OrderReply>(RISK_SUBJECTS.order, request, { timeoutMs: RISK_TIMEOUT_MS }));
    } catch (err) {
      const code = err instanceof TradewatchError ? err.code : 'INTERNAL';
      this.refused(strategy, intent, code);
      const failed = !(err instanceof TradewatchError) || err.status >= 500;
      if (failed && this.stopping) this.deps.logger.info({ strategy, code, err: (err as Error).message }, 'strategy order dropped: the venue is stopping');
      else if (failed) this.deps.logger.warn({ strategy, code, err: (err as Error).message }, 'strategy order failed');
    } finally {
      span.end();
    }
  }

  private refused(strategy: string, intent: RoutedIntent['intent'], code: string): void {
    this.deps.metrics.rejected.inc({ strategy, code });
    if (intent.type === 'place') this.runner.onRejected(strategy, intent.clientOrderId, code);
    else this.runner.onCancelRefused(strategy, intent.orderId, code);
  }

  /** The strategy's latest signals for `symbol` (as of the last status refresh). */
  private signalsOf(strategy: string, symbol: string): Record<string, number> {
    const signals = this.lastStatus.find((s) => s.name === strategy)?.signals ?? {};
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(signals)) {
      const parts = splitSignalKey(key);
      if (parts.symbol === symbol && Number.isFinite(value)) out[parts.signal] = value;
    }
    return out;
  }

  private statusOf(name: string): StrategyStatus {
    return this.refreshStatus().find((s) => s.name === name)!;
  }

  /** The core's RangeError (unknown strategy, bad value) is the caller's mistake: 400/404. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (err instanceof RangeError) throw new TradewatchError(/unknown strategy/.test(err.message) ? 'NOT_FOUND' : 'INVALID_REQUEST', err.message, /unknown strategy/.test(err.message) ? 404 : 400);
      throw err;
    }
  }
}
