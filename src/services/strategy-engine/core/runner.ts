import { PositionBook, type Position, type TradingInstrument } from '../../../contracts/trading.js';
import type { Rng } from '../../../platform/random/index.js';
import { validateStrategyConfigs, type StrategyConfig, type StrategyKind } from './config.js';
import { createStrategy } from './create-strategy.js';
import { OrderIds } from './order-ids.js';
import { OrderTracker, type OrderUpdate } from './order-tracker.js';
import type { Intent, MarketView, Strategy } from './types.js';

/** A fill of one of the strategies' orders (the adapter maps trades to accounts). */
export interface StrategyFill {
  account: string;
  symbol: string;
  side: 'buy' | 'sell';
  priceTicks: number;
  qtyLots: number;
  timeMs: number;
}

/** One intent and who sent it. */
export interface RoutedIntent {
  strategy: string;
  account: string;
  intent: Intent;
}

/** A strategy's state for the API and metrics; money in dollar micros. */
export interface StrategyStatus {
  name: string;
  kind: StrategyKind;
  account: string;
  symbols: string[];
  paused: boolean;
  rateMultiplier: number;
  positions: Position[];
  realized: number;
  /** Against the given marks; positions without a mark count as worth their entry price. */
  unrealized: number;
  fills: number;
  /** Place intents emitted, repeats included. */
  ordersSent: number;
  cancelsSent: number;
  openOrders: number;
  rejects: number;
  rejectsByCode: Record<string, number>;
  signals: Record<string, number>;
}

/** A runaway strategy is simulated up to this many copies of each order. */
const MAX_RATE_MULTIPLIER = 1_000;

interface Slot {
  config: StrategyConfig;
  account: string;
  symbols: ReadonlySet<string>;
  strategy: Strategy;
  ids: OrderIds;
  orders: OrderTracker;
  book: PositionBook;
  paused: boolean;
  rateMultiplier: number;
  fills: number;
  ordersSent: number;
  cancelsSent: number;
  rejectsByCode: Map<string, number>;
}

/**
 * Runs the configured strategies: hands each market view to the strategies trading its symbol,
 * tracks their orders, positions and P&L from the exchange's answers, and simulates operator
 * controls (pause) and failures (a runaway rate multiplier). Pure and deterministic.
 */
export class StrategyRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly byAccount = new Map<string, Slot>();

  /** `runTag` goes into every client order id (see OrderIds): a run of a venue on a store that outlives it gives one. */
  constructor(configs: StrategyConfig[], instruments: ReadonlyMap<string, TradingInstrument>, rng: (name: string) => Rng, runTag?: string) {
    validateStrategyConfigs(configs, new Set(instruments.keys()));
    for (const config of configs) {
      const ids = new OrderIds(config.name, runTag);
      const slot: Slot = {
        config, account: `strat-${config.name}`, symbols: new Set(config.symbols), strategy: createStrategy(config, ids, rng(config.name)),
        ids, orders: new OrderTracker(), book: new PositionBook(instruments), paused: false, rateMultiplier: 1,
        fills: 0, ordersSent: 0, cancelsSent: 0, rejectsByCode: new Map(),
      };
      this.slots.set(config.name, slot);
      this.byAccount.set(slot.account, slot);
    }
  }

  /** Every strategy and the exchange account it trades on. */
  accounts(): { strategy: string; account: string }[] {
    return [...this.slots.values()].map((slot) => ({ strategy: slot.config.name, account: slot.account }));
  }

  /** The exchange account a strategy trades on: `strat-<name>`. */
  accountOf(strategy: string): string {
    return this.slot(strategy).account;
  }

  /** The intents of every running strategy trading `view.symbol`, in configuration order. */
  onMarket(view: MarketView): RoutedIntent[] {
    // A one-sided or crossed book has no meaningful mid: nobody trades on it.
    if (!(view.bid > 0 && view.ask > view.bid)) return [];
    const out: RoutedIntent[] = [];
    for (const slot of this.slots.values()) {
      if (slot.paused || !slot.symbols.has(view.symbol)) continue;
      const state = { position: slot.book.get(view.symbol).qty, ...slot.orders.snapshot(view.symbol, view.timeMs) };
      const emit = (intent: Intent) => out.push({ strategy: slot.config.name, account: slot.account, intent });
      for (const intent of slot.strategy.decide(view, state)) {
        if (intent.type === 'cancel') {
          if (!slot.orders.startCancel(intent.orderId, view.timeMs)) continue;
          slot.cancelsSent += 1;
          emit(intent);
          continue;
        }
        for (let i = 0; i < slot.rateMultiplier; i++) {
          const copy = i === 0 ? intent : { ...intent, clientOrderId: slot.ids.next() };
          slot.orders.placed(copy, view.timeMs);
          slot.ordersSent += 1;
          emit(copy);
        }
      }
    }
    return out;
  }

  /** An order of a strategy changed (updates for other accounts are ignored). */
  onOrderUpdate(update: OrderUpdate): void {
    this.byAccount.get(update.account)?.orders.update(update);
  }

  /** A strategy's order traded (fills for other accounts are ignored). */
  onFill(fill: StrategyFill): void {
    const slot = this.byAccount.get(fill.account);
    if (!slot) return;
    slot.book.fill(fill.symbol, fill.side, fill.priceTicks, fill.qtyLots);
    slot.fills += 1;
  }

  /** Risk or the exchange refused a placement of `strategy`. */
  onRejected(strategy: string, clientOrderId: string, code: string): void {
    const slot = this.slot(strategy);
    slot.orders.rejected(clientOrderId);
    slot.rejectsByCode.set(code, (slot.rejectsByCode.get(code) ?? 0) + 1);
  }

  /** Risk or the exchange refused a cancel of `strategy`; ORDER_NOT_FOUND means it is no longer open. */
  onCancelRefused(strategy: string, orderId: number, code: string): void {
    const slot = this.slot(strategy);
    slot.orders.cancelRefused(orderId, code === 'ORDER_NOT_FOUND');
    slot.rejectsByCode.set(code, (slot.rejectsByCode.get(code) ?? 0) + 1);
  }

  /** A paused strategy sees no views and sends nothing; its resting orders stay. */
  pause(name: string): void {
    this.slot(name).paused = true;
  }

  resume(name: string): void {
    this.slot(name).paused = false;
  }

  /** Runaway simulation: every place intent goes out `k` times (copies get fresh ids); 1 is normal. */
  setRateMultiplier(name: string, k: number): void {
    const slot = this.slot(name);
    if (!Number.isSafeInteger(k) || k < 1 || k > MAX_RATE_MULTIPLIER) throw new RangeError(`rate multiplier must be an integer from 1 to ${MAX_RATE_MULTIPLIER}, got ${k}`);
    slot.rateMultiplier = k;
  }

  /** Every strategy's state, P&L marked at `marks` (ticks by symbol). */
  status(marks: ReadonlyMap<string, number>): StrategyStatus[] {
    return [...this.slots.values()].map((slot) => {
      const positions = slot.book.all().map((p) => ({ ...p }));
      let unrealized = 0;
      for (const p of positions) {
        const mark = marks.get(p.symbol);
        if (mark !== undefined) unrealized += slot.book.unrealized(p.symbol, mark);
      }
      const rejectsByCode = Object.fromEntries(slot.rejectsByCode);
      return {
        name: slot.config.name, kind: slot.config.kind, account: slot.account, symbols: [...slot.config.symbols],
        paused: slot.paused, rateMultiplier: slot.rateMultiplier, positions, realized: slot.book.realizedTotal(), unrealized,
        fills: slot.fills, ordersSent: slot.ordersSent, cancelsSent: slot.cancelsSent, openOrders: slot.orders.openCount,
        rejects: Object.values(rejectsByCode).reduce((a, b) => a + b, 0), rejectsByCode, signals: slot.strategy.signals(),
      };
    });
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new RangeError(`unknown strategy "${name}"; known: ${[...this.slots.keys()].join(', ') || 'none'}`);
    return slot;
  }
}
