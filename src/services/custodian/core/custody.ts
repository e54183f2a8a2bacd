import { notionalMicros, QUOTE_ASSET, type TradingInstrument } from '../../../contracts/trading.js';
import { BalanceLedger, type AssetBalance } from './balances.js';
import { RANDOM_FAILURE_REASONS } from './codes.js';
import { checkBalances, checkFailureRate, resolveCustodyConfig, type CustodyConfig } from './config.js';
import { DueQueue } from './due-queue.js';
import { checkAccount, checkReserveRequest, checkTrade, type CustodyTrade, type ReserveRequest } from './requests.js';
import { ReservationBook } from './reservations.js';
import { legsOf, snapshot, transition, type Settlement, type SettlementEvent } from './settlement.js';

/** The answer to a reservation: refused only when the account lacks the funds. */
export type ReserveResult = { ok: true } | { ok: false; code: 'CUSTODY_INSUFFICIENT_FUNDS'; message: string };

/** Counts of settlements (settled and failed since start) and the age of the oldest unfinished one. */
export interface CustodyStats {
  pending: number;
  retrying: number;
  settled: number;
  failed: number;
  oldestPendingAgeMs: number;
}

/**
 * The custodian: balances per account and asset, reservations per order, and the settlement of
 * every trade on the caller's clock. Pure and deterministic: time comes in as arguments and
 * randomness from the injected `random` (one draw per attempt, one more to pick a failure reason).
 */
export class Custody {
  private readonly config: Required<CustodyConfig>;
  private injectedFailureRate = 0;
  private readonly ledger: BalanceLedger;
  private readonly reservations = new ReservationBook();
  private readonly queue = new DueQueue();
  /** Pending and retried settlements by trade id. */
  private readonly open = new Map<number, Settlement>();
  /** Settled and failed ones, oldest finished first; only the most recent `retainFinished` are kept. */
  private readonly finished = new Map<number, Settlement>();
  private readonly finishedOrder: number[] = [];
  private finishedHead = 0;
  /** Trades that took a payer's available below zero: their first attempt fails for good. */
  private readonly unfunded = new Set<number>();
  private settledCount = 0;
  private failedCount = 0;

  constructor(
    private readonly instruments: ReadonlyMap<string, TradingInstrument>,
    config: CustodyConfig,
    private readonly random: () => number,
  ) {
    this.config = resolveCustodyConfig(config);
    this.ledger = new BalanceLedger(this.config.defaultBalances);
  }

  /** Opens an account with `balances` (asset -> micros; the defaults if omitted). No-op if it is already open. */
  openAccount(account: string, balances?: Record<string, number>): void {
    checkAccount(account);
    if (balances) checkBalances(`account "${account}"`, balances);
    this.ledger.open(account, balances);
  }

  /** The account's balances by asset (an account not seen yet shows the defaults). */
  balances(account: string): Record<string, AssetBalance> {
    return this.ledger.view(account);
  }

  /** What the account may still reserve for `symbol`: USD for buys, the base asset for sells. */
  buyingPower(account: string, symbol: string): { quoteAvailable: number; baseAvailable: number } {
    const inst = this.instrument(symbol);
    return { quoteAvailable: this.ledger.available(account, QUOTE_ASSET), baseAvailable: this.ledger.available(account, inst.baseAsset) };
  }

  /** Holds back the order's notional (buy, at its limit price) or quantity (sell) from available. */
  reserve(r: ReserveRequest): ReserveResult {
    checkReserveRequest(r);
    const inst = this.instrument(r.symbol);
    const asset = r.side === 'buy' ? QUOTE_ASSET : inst.baseAsset;
    const needed = r.side === 'buy' ? notionalMicros(inst, r.priceTicks, r.qtyLots) : r.qtyLots * inst.lotMicros;
    if (!Number.isSafeInteger(needed)) throw new RangeError(`custody: order ${r.orderId} is too large to reserve (${needed} micros)`);
    const available = this.ledger.available(r.account, asset);
    if (needed > available) {
      const message = `account "${r.account}" needs ${needed} ${asset} micros for order ${r.orderId} but has ${available} available`;
      return { ok: false, code: 'CUSTODY_INSUFFICIENT_FUNDS', message };
    }
    this.reservations.add({ orderId: r.orderId, account: r.account, asset, remaining: needed });
    this.ledger.hold(r.account, asset, needed);
    return { ok: true };
  }

  /** The order is closed: what it still holds returns to available. Unknown orders are ignored. */
  release(orderId: number): void {
    const r = this.reservations.remove(orderId);
    if (r) this.ledger.unhold(r.account, r.asset, r.remaining);
  }

  /**
   * Books a trade: both sides' amounts move from the orders' reservations (or, beyond them, from
   * available) to pendingOut, and the receivers get pendingIn. A repeated trade id returns the
   * settlement it created, as long as the core still holds it.
   */
  onTrade(t: CustodyTrade): Settlement {
    const known = this.open.get(t.tradeId) ?? this.finished.get(t.tradeId);
    if (known) return snapshot(known);
    const inst = this.instrument(t.symbol);
    checkTrade(t);
    this.reservations.check(t.buyOrderId, t.buyAccount, QUOTE_ASSET);
    this.reservations.check(t.sellOrderId, t.sellAccount, inst.baseAsset);
    const s: Settlement = {
      settlementId: `stl-${t.tradeId}`, tradeId: t.tradeId, symbol: t.symbol, buyAccount: t.buyAccount, sellAccount: t.sellAccount,
      baseAsset: inst.baseAsset, qtyMicros: t.qtyLots * inst.lotMicros, quoteMicros: notionalMicros(inst, t.priceTicks, t.qtyLots),
      state: 'pending', reason: null, attempts: 0, tradeMs: t.timeMs, dueMs: t.timeMs + this.config.settleAfterMs[inst.assetClass],
      settledMs: null, history: [{ state: 'pending', timeMs: t.timeMs, reason: null }],
    };
    if (!Number.isSafeInteger(s.qtyMicros) || !Number.isSafeInteger(s.quoteMicros)) throw new RangeError(`custody: trade ${t.tradeId} is too large to settle`);
    const [quote, base] = legsOf(s, QUOTE_ASSET);
    for (const [leg, orderId] of [[quote, t.buyOrderId], [base, t.sellOrderId]] as const) {
      const fromReserved = this.reservations.consume(orderId, leg.amount);
      const availableAfter = this.ledger.commit(leg, fromReserved);
      if (fromReserved < leg.amount && availableAfter < 0) this.unfunded.add(t.tradeId);
    }
    this.open.set(t.tradeId, s);
    this.queue.push(s.dueMs, t.tradeId);
    return snapshot(s);
  }

  /**
   * Takes back an unfinished settlement after a restart (from the adapter's store): its amounts
   * move from the payers' available balances to pendingOut, the receivers get pendingIn, and it is
   * attempted when due. Reservations are not restored: nothing held them in this run.
   */
  resume(s: Settlement): void {
    if (s.state !== 'pending' && s.state !== 'retried') throw new RangeError(`custody: settlement ${s.settlementId} is ${s.state}; only pending or retried ones resume`);
    if (this.open.has(s.tradeId) || this.finished.has(s.tradeId)) return;
    this.instrument(s.symbol);
    const resumed = snapshot(s);
    for (const leg of legsOf(resumed, QUOTE_ASSET)) this.ledger.commit(leg, 0);
    this.open.set(s.tradeId, resumed);
    this.queue.push(resumed.dueMs, s.tradeId);
  }

  /** Attempts every settlement due at `nowMs`, in due order then trade id; returns the outcomes. */
  tick(nowMs: number): SettlementEvent[] {
    return [...this.attemptsDue(nowMs)];
  }

  /**
   * The same attempts as `tick`, one per step of the iteration, so a caller can let other work in
   * between them (a tick after a busy stretch has thousands). Which settlements are due is fixed
   * by this call: one retried meanwhile waits for a later tick, even with no retry delay.
   */
  attemptsDue(nowMs: number): IterableIterator<SettlementEvent> {
    if (!Number.isFinite(nowMs)) throw new RangeError(`tick needs a finite time, got ${nowMs}`);
    return this.attemptEach(this.queue.popDue(nowMs), nowMs);
  }

  /** Changes the failure probability (chaos); it must be within 0..1. */
  setFailureRate(rate: number): void {
    checkFailureRate(rate);
    this.config.failureRate = rate;
  }

  /**
   * Chaos mode: an extra share of settlement attempts fail with CHAOS_SETTLEMENT_FAULT (0: off).
   * The draws are the same as without it, so a run with it off is unchanged.
   */
  setInjectedFailureRate(rate: number): void {
    checkFailureRate(rate);
    this.injectedFailureRate = rate;
  }

  /** The settlement of a trade; finished ones beyond the retention are forgotten (undefined). */
  settlement(tradeId: number): Settlement | undefined {
    const s = this.open.get(tradeId) ?? this.finished.get(tradeId);
    return s && snapshot(s);
  }

  /** Unfinished settlements by state, finished ones since start, and the oldest unfinished trade's age. */
  stats(nowMs: number): CustodyStats {
    let pending = 0;
    let oldestTradeMs = nowMs;
    for (const s of this.open.values()) {
      if (s.state === 'pending') pending++;
      oldestTradeMs = Math.min(oldestTradeMs, s.tradeMs);
    }
    return { pending, retrying: this.open.size - pending, settled: this.settledCount, failed: this.failedCount, oldestPendingAgeMs: nowMs - oldestTradeMs };
  }

  private *attemptEach(tradeIds: number[], nowMs: number): Generator<SettlementEvent> {
    for (const tradeId of tradeIds) yield this.attempt(this.open.get(tradeId)!, nowMs);
  }

  private attempt(s: Settlement, nowMs: number): SettlementEvent {
    s.attempts++;
    if (this.unfunded.delete(s.tradeId)) return this.finish(s, 'failed', nowMs, 'SETTLEMENT_INSUFFICIENT_BALANCE');
    const draw = this.random();
    if (draw >= this.config.failureRate + this.injectedFailureRate) return this.finish(s, 'settled', nowMs, null);
    const reason = draw < this.injectedFailureRate ? 'CHAOS_SETTLEMENT_FAULT' : this.randomFailureReason();
    if (s.attempts >= this.config.maxAttempts) return this.finish(s, 'failed', nowMs, reason);
    s.dueMs = nowMs + this.config.retryDelayMs;
    transition(s, 'retried', nowMs, reason);
    this.queue.push(s.dueMs, s.tradeId);
    return { settlement: snapshot(s), type: 'retried', timeMs: nowMs };
  }

  private randomFailureReason(): string {
    const pick = Math.min(RANDOM_FAILURE_REASONS.length - 1, Math.floor(this.random() * RANDOM_FAILURE_REASONS.length));
    return RANDOM_FAILURE_REASONS[pick]!;
  }

  private finish(s: Settlement, state: 'settled' | 'failed', nowMs: number, reason: string | null): SettlementEvent {
    const legs = legsOf(s, QUOTE_ASSET);
    if (state === 'settled') {
      for (const leg of legs) this.ledger.settle(leg);
      s.settledMs = nowMs;
      this.settledCount++;
    } else {
      for (const leg of legs) this.ledger.unwind(leg);
      this.failedCount++;
    }
    transition(s, state, nowMs, reason);
    this.open.delete(s.tradeId);
    this.finished.set(s.tradeId, s);
    // Bounded memory: the adapter persists finished settlements, the core keeps only the recent
    // ones. The ids go through a FIFO of their own: taking a Map's first key after many deletes
    // walks over every deleted slot.
    this.finishedOrder.push(s.tradeId);
    while (this.finished.size > this.config.retainFinished) this.finished.delete(this.finishedOrder[this.finishedHead++]!);
    if (this.finishedHead > 4096 && this.finishedHead * 2 > this.finishedOrder.length) {
      this.finishedOrder.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
    return { settlement: snapshot(s), type: state, timeMs: nowMs };
  }

  private instrument(symbol: string): TradingInstrument {
    const inst = this.instruments.get(symbol);
    if (!inst) throw new RangeError(`custody: unknown instrument ${symbol}`);
    return inst;
  }
}
