import { trace } from '@opentelemetry/api';
import type { RiskDecisionRecord, StrategyOrderRequest } from '../../../contracts/lifecycle.js';
import type { MarketUpdate } from '../../../contracts/market-data.js';
import type { ExchangeStatus, OrderReply, OrderUpdateBatch, TradeBatch } from '../../../contracts/orders.js';
import { CUSTODIAN_SUBJECTS, EXCHANGE_SUBJECTS, RISK_SUBJECTS, SUBJECTS } from '../../../contracts/subjects.js';
import { MICROS } from '../../../contracts/trading.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import { TradewatchError } from '../../../platform/errors/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { CommandBatcher } from '../../exchange/client/command-batcher.js';
import { trackedOrderOf, type BuyingPower, type RiskEngine, type RiskEvent } from '../core/index.js';
import type { RiskMetrics } from '../metrics.js';
import type { RiskRepository } from './risk-repository.js';

const CUSTODIAN_TIMEOUT_MS = 1000;
const NO_POWER: BuyingPower = { quoteAvailable: 0, baseAvailable: 0 };

/**
 * Risk in the order path: every strategy order is checked (buying power asked of the custodian),
 * the verdict persisted, and only accepted orders go on to the exchange. Post-trade it follows the
 * exchange's events for positions and P&L, and evaluates limits on a timer.
 */
export class RiskService {
  private readonly subs: Subscription[] = [];
  /** Strategy by exchange account, learnt from the orders it sends. */
  private readonly strategyOf = new Map<string, string>();
  private nextDecisionId = 1;
  private nextEventId = 1;

  constructor(
    readonly engine: RiskEngine,
    readonly repo: RiskRepository,
    private readonly exchange: CommandBatcher,
    private readonly deps: { bus: Bus; clock: Clock; logger: Logger; metrics: RiskMetrics },
  ) {}

  async start(): Promise<void> {
    this.nextDecisionId = await this.repo.nextId('decisions');
    this.nextEventId = await this.repo.nextId('events');
    const { bus } = this.deps;
    this.subs.push(
      await bus.subscribe<MarketUpdate>(SUBJECTS.marketUpdates, (m) => this.engine.onReference(m.data.symbol, Math.round((m.data.bid + m.data.ask) / 2), this.deps.clock.now())),
      await bus.subscribe<OrderUpdateBatch>(EXCHANGE_SUBJECTS.orderUpdates, (m) => {
        for (const o of m.data.orders) {
          const strategy = this.strategyOf.get(o.account);
          if (strategy) this.engine.trackOrder(trackedOrderOf(o, strategy));
        }
      }, { readOnly: true }),
      await bus.subscribe<TradeBatch>(EXCHANGE_SUBJECTS.trades, async (m) => {
        for (const t of m.data.trades) {
          for (const [account, side] of [[t.buyAccount, 'buy'], [t.sellAccount, 'sell']] as const) {
            const strategy = this.strategyOf.get(account);
            if (!strategy) continue;
            const after = this.engine.onFill({ strategy, symbol: t.symbol, side, priceTicks: t.price, qtyLots: t.qty, timeMs: t.timeMs });
            await this.repo.saveFill({ tradeId: t.tradeId, strategy, symbol: t.symbol, side, price: t.price, qty: t.qty, ...after, timeMs: t.timeMs });
          }
        }
      }, { readOnly: true }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.subs.splice(0).map((s) => s.unsubscribe()));
  }

  /** Checks a strategy's order; accepted ones are sent to the exchange and its reply returned. */
  async handle(req: StrategyOrderRequest): Promise<OrderReply> {
    const { metrics, clock } = this.deps;
    const cmd = req.command;
    this.strategyOf.set(cmd.account, req.strategy);
    const stopTimer = metrics.checkLatency.startTimer();
    const verdict = cmd.kind === 'cancel'
      ? { ok: true as const }
      : this.engine.check({
        strategy: req.strategy, account: cmd.account, kind: 'submit', symbol: cmd.symbol, side: cmd.side, type: cmd.type,
        priceTicks: cmd.price, qtyLots: cmd.qty, clientOrderId: cmd.clientOrderId,
      }, clock.now(), await this.buyingPower(cmd.account, cmd.symbol));
    stopTimer();
    const record: RiskDecisionRecord = {
      decisionId: this.nextDecisionId++, strategy: req.strategy, account: cmd.account, kind: cmd.kind,
      symbol: cmd.kind === 'submit' ? cmd.symbol : null, side: cmd.kind === 'submit' ? cmd.side : null,
      clientOrderId: cmd.kind === 'submit' ? cmd.clientOrderId : null, orderId: cmd.kind === 'cancel' ? cmd.orderId : null,
      outcome: verdict.ok ? 'accepted' : 'rejected', code: verdict.ok ? null : verdict.code, message: verdict.ok ? null : verdict.message,
      signals: req.signals, decidedMs: req.decidedMs, checkedMs: clock.now(),
      requestId: cmd.requestId ?? null, correlationId: cmd.correlationId ?? null, traceId: trace.getActiveSpan()?.spanContext().traceId ?? cmd.traceId ?? null,
    };
    metrics.decisions.inc({ outcome: record.outcome, code: record.code ?? 'OK' });
    await this.repo.saveDecision(record);
    if (!verdict.ok) throw new TradewatchError(verdict.code, verdict.message, 422);
    const reply = await this.exchange.submit({ ...cmd, traceId: record.traceId ?? undefined });
    if (cmd.kind === 'submit') await this.repo.saveDecision({ ...record, orderId: reply.order.orderId });
    return reply;
  }

  /** Post-trade: limits, daily loss, utilization gauges; events persisted, published, logged. */
  async evaluate(): Promise<void> {
    const now = this.deps.clock.now();
    await this.refreshHalts();
    for (const e of this.engine.evaluate(now)) await this.record(e);
    const { metrics } = this.deps;
    for (const strategy of this.engine.strategies()) {
      const snap = this.engine.snapshot(strategy, now);
      for (const [limit, pct] of Object.entries(snap.utilization)) metrics.utilization.set({ strategy, limit }, pct / 100);
      metrics.pnl.set({ strategy, kind: 'realized' }, snap.realized / MICROS);
      metrics.pnl.set({ strategy, kind: 'unrealized' }, snap.unrealized / MICROS);
      metrics.pnl.set({ strategy, kind: 'daily' }, snap.dailyPnl / MICROS);
    }
    for (const k of this.engine.killSwitches()) metrics.killSwitch.set({ scope: k.scope }, k.engaged ? 1 : 0);
  }

  /** Persists, publishes and logs a risk event (breaches, kill switches). */
  async record(e: RiskEvent): Promise<void> {
    const { metrics, logger, bus } = this.deps;
    const row = { eventId: this.nextEventId++, type: e.type, strategy: e.strategy, limit: e.limit, severity: e.severity, utilizationPct: e.utilizationPct, message: e.message, timeMs: e.timeMs };
    if (e.type === 'breach') metrics.breaches.inc({ limit: e.limit ?? 'unknown', severity: e.severity });
    const log = e.severity === 'critical' ? logger.error.bind(logger) : e.severity === 'warning' ? logger.warn.bind(logger) : logger.info.bind(logger);
    log({ riskEvent: e.type, strategy: e.strategy, limit: e.limit, utilizationPct: e.utilizationPct }, e.message);
    await this.repo.saveEvent(row);
    await bus.publish(RISK_SUBJECTS.event, row, { id: `risk-event-${row.eventId}` }).catch(() => undefined);
  }

  private async buyingPower(account: string, symbol: string): Promise<BuyingPower> {
    try {
      return (await this.deps.bus.request<unknown, BuyingPower>(CUSTODIAN_SUBJECTS.buyingPower, { account, symbol }, { timeoutMs: CUSTODIAN_TIMEOUT_MS })).data;
    } catch (err) {
      // Without the custodian nothing can be afforded: the buying-power check refuses the order.
      this.deps.logger.warn({ account, err: (err as Error).message }, 'custodian did not answer the buying-power request');
      return NO_POWER;
    }
  }

  private async refreshHalts(): Promise<void> {
    try {
      const status = (await this.deps.bus.request<unknown, ExchangeStatus>(EXCHANGE_SUBJECTS.status, {}, { timeoutMs: CUSTODIAN_TIMEOUT_MS })).data;
      for (const b of status.books) this.engine.setHalted(b.symbol, b.halted);
    } catch {
      // The exchange is away: its books are not halted for that, and orders will fail there anyway.
    }
  }
}
