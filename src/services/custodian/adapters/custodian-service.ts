import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import type { SettlementRecord } from '../../../contracts/lifecycle.js';
import type { OrderRecord, OrderUpdateBatch, TradeBatch, TradeRecord } from '../../../contracts/orders.js';
import { CUSTODIAN_SUBJECTS, EXCHANGE_SUBJECTS } from '../../../contracts/subjects.js';
import type { Bus, Subscription } from '../../../platform/bus/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import { NotFound, validate } from '../../../platform/errors/index.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import { ExchangeFollower, type Custody, type SettlementEvent } from '../core/index.js';
import type { CustodianMetrics } from '../metrics.js';
import type { SettlementRepository } from './settlement-repository.js';

/**
 * Settlements attempted, written and published per turn of the event loop at a tick. A tick after
 * a busy stretch may settle thousands at once; in chunks, orders that arrive meanwhile wait for
 * one chunk (about a millisecond) instead of all of them.
 */
const SETTLE_CHUNK = 128;

const limitQuery = z.object({ limit: z.number().int().min(1).max(1000).default(100) });

/**
 * The custodian around its core: follows the exchange's order and trade events (reserving on
 * acceptance, releasing when an order closes, opening a settlement per trade), attempts due
 * settlements on a timer, persists every settlement transition and publishes it.
 */
export class CustodianService {
  private readonly follower: ExchangeFollower;
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly custody: Custody,
    private readonly repo: SettlementRepository,
    private readonly deps: { bus: Bus; clock: Clock; logger: Logger; metrics: CustodianMetrics; assetClassOf: (symbol: string) => string },
  ) {
    this.follower = new ExchangeFollower(custody);
  }

  async start(): Promise<void> {
    const { bus } = this.deps;
    // Settlements the last run left unfinished go on where they stopped.
    const unfinished = await this.repo.unfinished();
    for (const s of unfinished) this.custody.resume(s);
    if (unfinished.length > 0) this.deps.logger.info({ settlements: unfinished.length }, 'resumed unfinished settlements from the store');
    // Trades before order updates of the same commit: the exchange publishes them in that order.
    this.subs.push(
      await bus.subscribe<TradeBatch>(EXCHANGE_SUBJECTS.trades, (m) => this.onTrades(m.data.trades), { readOnly: true }),
      await bus.subscribe<OrderUpdateBatch>(EXCHANGE_SUBJECTS.orderUpdates, (m) => { for (const o of m.data.orders) this.onOrder(o); }, { readOnly: true }),
      await bus.respond<unknown, { quoteAvailable: number; baseAvailable: number }>(CUSTODIAN_SUBJECTS.buyingPower, (m) => {
        const { account, symbol } = validate(z.object({ account: z.string().min(1), symbol: z.string().min(1) }), m.data);
        return this.custody.buyingPower(account, symbol);
      }),
      await bus.respond(CUSTODIAN_SUBJECTS.balances, (m) => this.custody.balances(validate(z.object({ account: z.string().min(1) }), m.data).account)),
      await bus.respond<unknown, SettlementRecord>(CUSTODIAN_SUBJECTS.settlement, async (m) => {
        const { tradeId } = validate(z.object({ tradeId: z.number().int().positive() }), m.data);
        const found = await this.repo.get(tradeId);
        if (!found) throw new NotFound(`no settlement for trade ${tradeId}`);
        return found;
      }),
      await bus.respond(CUSTODIAN_SUBJECTS.failures, (m) => this.repo.failures(validate(limitQuery, m.data).limit)),
      await bus.respond(CUSTODIAN_SUBJECTS.failureRate, (m) => {
        const { rate } = validate(z.object({ rate: z.number().min(0).max(1) }), m.data);
        this.custody.setFailureRate(rate);
        this.deps.logger.warn({ rate }, 'settlement failure rate changed');
        return { rate };
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.subs.splice(0).map((s) => s.unsubscribe()));
  }

  /** Attempts the due settlements; persists and publishes what changed. */
  async tick(): Promise<void> {
    const now = this.deps.clock.now();
    let chunk: SettlementRecord[] = [];
    for (const e of this.custody.attemptsDue(now)) {
      this.count(e);
      chunk.push(e.settlement);
      if (chunk.length < SETTLE_CHUNK) continue;
      await this.persist(chunk);
      chunk = [];
      await nextTurn();
    }
    await this.persist(chunk);
    const stats = this.custody.stats(now);
    this.deps.metrics.pending.set(stats.pending + stats.retrying);
    this.deps.metrics.oldestPendingAge.set(stats.oldestPendingAgeMs / 1000);
  }

  private onOrder(o: OrderRecord): void {
    const result = this.follower.onOrder(o);
    if (result && !result.ok) {
      this.deps.metrics.reserveRefused.inc();
      this.deps.logger.warn({ orderId: o.orderId, account: o.account, code: result.code }, result.message);
    }
  }

  private async onTrades(trades: TradeRecord[]): Promise<void> {
    await this.persist(trades.map((t) => this.follower.onTrade(t)));
  }

  private count(e: SettlementEvent): void {
    const { metrics } = this.deps;
    metrics.settlements.inc({ outcome: e.type });
    if (e.type !== 'settled') metrics.failures.inc({ reason: e.settlement.reason ?? 'UNKNOWN' });
    if (e.type !== 'retried') metrics.latency.observe({ asset_class: this.deps.assetClassOf(e.settlement.symbol) }, (e.timeMs - e.settlement.tradeMs) / 1000);
    if (e.type === 'failed') this.deps.logger.warn({ tradeId: e.settlement.tradeId, reason: e.settlement.reason }, `settlement of trade ${e.settlement.tradeId} failed for good`);
  }

  /** Stores the settlements, then publishes them: one message per state with all of that state. */
  private async persist(settlements: SettlementRecord[]): Promise<void> {
    if (settlements.length === 0) return;
    await this.repo.save(settlements);
    const byState = new Map<string, SettlementRecord[]>();
    for (const s of settlements) {
      const list = byState.get(s.state);
      if (list) list.push(s);
      else byState.set(s.state, [s]);
    }
    for (const [state, list] of byState) {
      // A settlement's state at a step is (trade id, history length): first and last name the batch.
      const [first, last] = [list[0]!, list[list.length - 1]!];
      const id = `settlements-${state}-${first.tradeId}.${first.history.length}-${last.tradeId}.${last.history.length}-${list.length}`;
      void this.deps.bus.publish(CUSTODIAN_SUBJECTS.settlementUpdate(state), { settlements: list }, { id })
        .catch((err: unknown) => this.deps.logger.warn({ err: (err as Error).message }, 'settlement publish failed'));
    }
  }
}
