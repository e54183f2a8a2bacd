import type { TradingInstrument } from '../../../contracts/trading.js';
import { KillSwitchBoard } from './kill-switches.js';
import { copyLimits, validLimits, validLimitsPatch, type RiskLimits } from './limits.js';
import { checkOrder } from './pre-trade.js';
import { strategyRisk, type StrategyRisk } from './snapshot.js';
import { StrategyState } from './strategy-state.js';
import { ALLOW, reject, type BuyingPower, type RiskDecision, type RiskEvent, type RiskOrder, type TrackedOrder } from './types.js';
import { LIMIT_NAMES, usageOf } from './utilization.js';
import { RUNAWAY_WINDOW_MS } from './throttle.js';

/** The kill-switch reason a daily-loss breach gives. */
export const DAILY_LOSS_REASON = 'daily loss limit';

/**
 * Risk for every strategy: pre-trade checks on each order, positions and P&L from fills, kill
 * switches, and post-trade limit evaluation. Pure and deterministic: time comes in as arguments.
 */
export class RiskEngine {
  private defaults: RiskLimits;
  private readonly overrides = new Map<string, Partial<RiskLimits>>();
  private readonly states = new Map<string, StrategyState>();
  /** Last reference price per symbol (ticks): the marks positions are valued at. */
  private readonly marks = new Map<string, number>();
  private readonly markTimes = new Map<string, number>();
  private readonly halted = new Set<string>();
  private readonly untradable = new Set<string>();
  private readonly kills = new KillSwitchBoard();
  /** Kill switches engaged by check() (daily loss, runaway): their events come out of the next evaluate(). */
  private pending: RiskEvent[] = [];

  constructor(private readonly instruments: ReadonlyMap<string, TradingInstrument>, defaults: RiskLimits) {
    this.defaults = validLimits(defaults);
  }

  /** Pre-trade verdict on an order. Cancels always pass; the rest go through every check in RISK_CODES order. */
  check(order: RiskOrder, nowMs: number, power: BuyingPower): RiskDecision {
    if (order.kind === 'cancel') return ALLOW;
    checkShape(order);
    const { strategy, symbol } = order;
    const state = this.stateOf(strategy);
    const limits = this.effectiveLimits(strategy);
    const blocked = this.kills.blocking(strategy);
    if (blocked) return reject('RISK_KILL_SWITCH', `kill switch engaged ${blocked.scope === 'global' ? '(global)' : `for strategy ${strategy}`}: ${blocked.reason}`);
    const daily = state.dailyPnl(nowMs, this.marks);
    if (daily < -limits.dailyLossLimit) {
      this.pending.push(this.engage(strategy, DAILY_LOSS_REASON, 'daily_loss', nowMs));
      return reject('RISK_DAILY_LOSS_LIMIT', `daily P&L ${daily} micros is below -dailyLossLimit ${limits.dailyLossLimit}; kill switch engaged for ${strategy}`);
    }
    const instrument = this.instruments.get(symbol);
    if (!instrument || this.untradable.has(symbol)) return reject('RISK_INSTRUMENT_NOT_TRADABLE', `${symbol} is ${instrument ? 'not enabled for trading' : 'not a known instrument'}`);
    if (this.halted.has(symbol)) return reject('RISK_INSTRUMENT_HALTED', `${symbol} is halted`);
    const referenceTicks = this.marks.get(symbol);
    if (referenceTicks === undefined) return reject('RISK_REFERENCE_STALE', `no reference price for ${symbol} yet`);
    const ageMs = nowMs - this.markTimes.get(symbol)!;
    if (ageMs > limits.staleReferenceMs) return reject('RISK_REFERENCE_STALE', `reference price of ${symbol} is ${ageMs} ms old, over staleReferenceMs ${limits.staleReferenceMs}`);
    if (!state.bucket.take(nowMs, limits.maxOrdersPerSecond)) return this.throttled(strategy, state, limits, nowMs);
    const id = order.clientOrderId;
    if (id !== null && state.clientOrderIds.has(id)) return reject('RISK_DUPLICATE_CLIENT_ORDER_ID', `client order id ${id} was already used by ${strategy}`);
    const verdict = checkOrder({
      order, instrument, referenceTicks, limits, power,
      position: state.positions.get(symbol).qty,
      openSameSide: state.openOrders.lotsOn(symbol, order.side),
      openOrderCount: state.openOrders.count,
      exposure: state.positions.exposure(this.marks),
    });
    // Only accepted orders use up their id: a rejected order may be corrected and sent again.
    if (verdict.ok && id !== null) state.clientOrderIds.add(id);
    return verdict;
  }

  /** A new reference (mark) price; one older than the price held is ignored. */
  onReference(symbol: string, priceTicks: number, timeMs: number): void {
    if (!Number.isSafeInteger(priceTicks) || priceTicks <= 0) throw new RangeError(`reference price of ${symbol} must be a positive whole number of ticks, got ${priceTicks}`);
    if (timeMs < (this.markTimes.get(symbol) ?? -Infinity)) return;
    // Close every strategy's P&L day at the old marks before the new mark moves it.
    for (const state of this.states.values()) state.rollDay(timeMs, this.marks);
    this.marks.set(symbol, priceTicks);
    this.markTimes.set(symbol, timeMs);
  }

  setHalted(symbol: string, halted: boolean): void {
    if (halted) this.halted.add(symbol);
    else this.halted.delete(symbol);
  }

  /** Instruments given to the constructor start tradable; unknown symbols never are, whatever this says. */
  setTradable(symbol: string, tradable: boolean): void {
    if (tradable) this.untradable.delete(symbol);
    else this.untradable.add(symbol);
  }

  /** Inserts or updates a strategy's resting order; openLots 0 removes it. */
  trackOrder(order: TrackedOrder): void {
    this.stateOf(order.strategy).openOrders.upsert(order);
  }

  /** Applies a fill to the strategy's positions; returns its position and realized P&L after it. */
  onFill(f: { strategy: string; symbol: string; side: 'buy' | 'sell'; priceTicks: number; qtyLots: number; timeMs: number }): { positionAfter: number; realized: number; realizedTotal: number } {
    if (!Number.isSafeInteger(f.qtyLots) || f.qtyLots <= 0) throw new RangeError(`fill qtyLots must be a positive whole number, got ${f.qtyLots}`);
    const state = this.stateOf(f.strategy);
    state.rollDay(f.timeMs, this.marks);
    const realized = state.positions.fill(f.symbol, f.side, f.priceTicks, f.qtyLots);
    return { positionAfter: state.positions.get(f.symbol).qty, realized, realizedTotal: state.positions.realizedTotal() };
  }

  /** Engages or releases the global switch or a strategy's; returns the event to record. */
  setKillSwitch(scope: { strategy: string } | 'global', engaged: boolean, reason: string, nowMs: number): RiskEvent {
    const strategy = scope === 'global' ? null : scope.strategy;
    if (strategy !== null) this.stateOf(strategy);
    this.kills.set(strategy, engaged, reason, nowMs);
    const which = strategy === null ? 'global' : `strategy ${strategy}`;
    return {
      type: 'kill_switch', strategy, limit: null, severity: engaged ? 'critical' : 'info', utilizationPct: null,
      message: `kill switch ${engaged ? 'engaged' : 'released'} (${which}): ${reason}`, timeMs: nowMs,
    };
  }

  /** The global switch, then every strategy switch ever set. */
  killSwitches(): { scope: string; engaged: boolean; reason: string | null; sinceMs: number | null }[] {
    return this.kills.list();
  }

  /**
   * Changes the defaults (strategy null) or a strategy's overrides; a strategy's limits are its
   * overrides over the current defaults. Throws a RangeError naming a bad field. Returns the result.
   */
  setLimits(strategy: string | null, patch: Partial<RiskLimits>): RiskLimits {
    const valid = validLimitsPatch(patch);
    if (strategy === null) {
      this.defaults = { ...this.defaults, ...valid };
      return copyLimits(this.defaults);
    }
    this.overrides.set(strategy, { ...this.overrides.get(strategy), ...valid });
    return this.limits(strategy);
  }

  /** A strategy's limits (the defaults for a strategy without overrides); null: the defaults. */
  limits(strategy: string | null): RiskLimits {
    return copyLimits(strategy === null ? this.defaults : this.effectiveLimits(strategy));
  }

  /**
   * Post-trade: kill switches check() engaged since the last call, edge-triggered breach and
   * recovery events per strategy and limit, and the daily-loss kill switch.
   */
  evaluate(nowMs: number): RiskEvent[] {
    const events = this.pending;
    this.pending = [];
    for (const [strategy, state] of this.states) {
      const limits = this.effectiveLimits(strategy);
      const daily = state.dailyPnl(nowMs, this.marks);
      const usage = usageOf(state, limits, this.marks, daily);
      for (const limit of LIMIT_NAMES) {
        const event = state.breaches.update(strategy, limit, usage[limit], nowMs);
        if (event) events.push(event);
      }
      if (daily < -limits.dailyLossLimit && !this.kills.get(strategy).engaged) events.push(this.engage(strategy, DAILY_LOSS_REASON, 'daily_loss', nowMs));
    }
    return events;
  }

  /** Positions, P&L, utilization, kill switch and open orders of a strategy (empty if never seen). */
  snapshot(strategy: string, nowMs: number): StrategyRisk {
    // An unknown name gets a throwaway state: a query must not add strategies (or metric labels).
    const state = this.states.get(strategy) ?? new StrategyState(this.instruments);
    return strategyRisk(strategy, state, this.effectiveLimits(strategy), this.marks, this.kills, nowMs);
  }

  /** Strategies seen in orders, fills or kill switches, or given limits; sorted. */
  strategies(): string[] {
    return [...new Set([...this.states.keys(), ...this.overrides.keys()])].sort();
  }

  private effectiveLimits(strategy: string): RiskLimits {
    const own = this.overrides.get(strategy);
    return own ? { ...this.defaults, ...own } : this.defaults;
  }

  private stateOf(strategy: string): StrategyState {
    let state = this.states.get(strategy);
    if (!state) {
      state = new StrategyState(this.instruments);
      this.states.set(strategy, state);
    }
    return state;
  }

  private throttled(strategy: string, state: StrategyState, limits: RiskLimits, nowMs: number): RiskDecision {
    const count = state.throttles.record(nowMs, limits.throttleKillAfter + 1);
    if (count > limits.throttleKillAfter) {
      state.throttles.clear();
      this.pending.push(this.engage(strategy, `runaway: throttled ${count} times in ${RUNAWAY_WINDOW_MS / 1000} s`, 'orders_per_second', nowMs));
    }
    return reject('RISK_THROTTLED', `${strategy} is over maxOrdersPerSecond ${limits.maxOrdersPerSecond}`);
  }

  /** Engages a strategy's kill switch for a limit: a critical event naming the limit. */
  private engage(strategy: string, reason: string, limit: string, nowMs: number): RiskEvent {
    return { ...this.setKillSwitch({ strategy }, true, reason, nowMs), limit };
  }
}

/** Orders reach risk validated: a malformed one is a broken invariant. */
function checkShape(order: RiskOrder): void {
  if (!Number.isSafeInteger(order.qtyLots) || order.qtyLots <= 0) throw new RangeError(`order qtyLots must be a positive whole number, got ${order.qtyLots}`);
  if (order.type === 'limit' && (order.priceTicks === null || !Number.isSafeInteger(order.priceTicks) || order.priceTicks <= 0)) {
    throw new RangeError(`limit order priceTicks must be a positive whole number, got ${order.priceTicks}`);
  }
}
