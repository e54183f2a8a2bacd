import type { MarketUpdate } from '../../contracts/market-data.js';
import type { OrderCommand, OrderRecord, TradeRecord } from '../../contracts/orders.js';
import { tradingInstrument } from '../../contracts/trading.js';
import { RandomStreams } from '../../platform/random/index.js';
import { custodyConfigOf } from '../../services/custodian/config.js';
import { Custody, ExchangeFollower } from '../../services/custodian/core/index.js';
import { bookConfigOf } from '../../services/exchange/config.js';
import { ExchangeState, type Applied, type JournalEntry } from '../../services/exchange/core/index.js';
import { MarketFeed } from '../../services/market-data/core/index.js';
import { riskEngineOf } from '../../services/risk-monitor/config.js';
import { trackedOrderOf, type RiskEngine } from '../../services/risk-monitor/core/index.js';
import { defaultStrategies, fillsOf, orderUpdateOf, StrategyRunner, type RoutedIntent, type StrategyConfig } from '../../services/strategy-engine/core/index.js';
import type { AppConfig } from '../config.js';
import { SimTally } from './sim-tally.js';

const EVALUATE_EVERY_MS = 1000;

/**
 * The whole trading loop on one simulated clock, without a bus or a store: market data ->
 * strategies -> risk -> exchange -> positions -> custodian, every step synchronous and in a fixed
 * order. Same configuration and seed, same trades: a run can be compared by its trade hash. It
 * uses the services' own cores and configuration, so it answers "what would the venue do?".
 */
export class TradingLoopSim {
  readonly runner: StrategyRunner;
  readonly risk: RiskEngine;
  readonly custody: Custody;
  readonly tally = new SimTally();
  private readonly feed: MarketFeed;
  private readonly exchange: ExchangeState;
  private readonly follower: ExchangeFollower;
  private readonly strategyOf = new Map<string, string>();
  private readonly referenced = new Map<string, number>();
  private nowMs: number;
  private lastEvaluateMs: number;

  constructor(private readonly config: AppConfig, startMs = Date.UTC(2026, 0, 5, 14, 30)) {
    const streams = new RandomStreams(config.seed);
    const specs = config.marketData.instruments;
    const instruments = new Map(specs.map((s) => [s.symbol, tradingInstrument(s)]));
    this.feed = new MarketFeed({ instruments: specs, streams, model: config.marketData.model, depthLevels: config.marketData.depthLevels, startMs });
    this.exchange = new ExchangeState(specs.map((s) => s.symbol), bookConfigOf(config.exchange), { clientOrderIdWindowMs: config.exchange.clientOrderIdWindowMs });
    const configured = config.strategyEngine.strategies as unknown as StrategyConfig[];
    this.runner = new StrategyRunner(configured.length > 0 ? configured : defaultStrategies(specs), instruments, (name) => streams.get(`strategy:${name}`));
    this.risk = riskEngineOf(config.riskMonitor, instruments);
    const custodyRng = streams.get('custodian');
    this.custody = new Custody(instruments, custodyConfigOf(config.custodian), () => custodyRng.next());
    this.follower = new ExchangeFollower(this.custody);
    for (const s of this.runner.status(new Map())) this.strategyOf.set(s.account, s.name);
    this.nowMs = startMs;
    this.lastEvaluateMs = startMs;
  }

  get now(): number {
    return this.nowMs;
  }

  /** Runs `durationMs` of market time in market-data ticks; `onProgress` gets the fraction done. */
  run(durationMs: number, onProgress?: (done: number) => void): void {
    const step = this.config.marketData.tickIntervalMs;
    const end = this.nowMs + durationMs;
    let reported = 0;
    while (this.nowMs + step <= end) {
      this.step(step);
      const done = 1 - (end - this.nowMs) / durationMs;
      if (onProgress && done - reported >= 0.01) { reported = done; onProgress(done); }
    }
  }

  private step(dtMs: number): void {
    this.nowMs += dtMs;
    for (const u of this.feed.tick(this.nowMs, dtMs)) this.onMarket(u);
    for (const e of this.custody.tick(this.nowMs)) this.tally.settlement(e.type);
    if (this.nowMs - this.lastEvaluateMs >= EVALUATE_EVERY_MS) {
      this.lastEvaluateMs = this.nowMs;
      for (const symbol of this.exchange.engine.symbols) this.apply({ kind: 'advance', timeMs: this.nowMs, symbol });
      for (const e of this.risk.evaluate(this.nowMs)) this.tally.riskEvent(e.type, e.severity);
    }
  }

  private onMarket(u: MarketUpdate): void {
    const mid = Math.round((u.bid + u.ask) / 2);
    this.risk.onReference(u.symbol, mid, this.nowMs);
    const last = this.referenced.get(u.symbol);
    if (last === undefined || this.nowMs - last >= this.config.exchange.referenceIntervalMs) {
      this.referenced.set(u.symbol, this.nowMs);
      this.apply({ kind: 'reference', timeMs: this.nowMs, symbol: u.symbol, price: mid });
    }
    for (const s of this.exchange.engine.symbols) this.risk.setHalted(s, this.exchange.engine.book(s)!.haltStatus.halted);
    for (const routed of this.runner.onMarket({ symbol: u.symbol, bid: u.bid, ask: u.ask, timeMs: this.nowMs })) this.send(routed);
  }

  private send({ strategy, account, intent }: RoutedIntent): void {
    if (intent.type === 'cancel') {
      this.apply({ kind: 'order', timeMs: this.nowMs, command: { kind: 'cancel', account, orderId: intent.orderId } });
      return;
    }
    const verdict = this.risk.check({
      strategy, account, kind: 'submit', symbol: intent.symbol, side: intent.side, type: intent.priceTicks === null ? 'market' : 'limit',
      priceTicks: intent.priceTicks, qtyLots: intent.qtyLots, clientOrderId: intent.clientOrderId,
    }, this.nowMs, this.custody.buyingPower(account, intent.symbol));
    if (!verdict.ok) {
      this.tally.rejected('risk', verdict.code);
      this.runner.onRejected(strategy, intent.clientOrderId, verdict.code);
      return;
    }
    const command: OrderCommand = {
      kind: 'submit', account, symbol: intent.symbol, side: intent.side, type: intent.priceTicks === null ? 'market' : 'limit', price: intent.priceTicks,
      qty: intent.qtyLots, tif: intent.tif, postOnly: intent.postOnly, clientOrderId: intent.clientOrderId,
    };
    const outcome = this.apply({ kind: 'order', timeMs: this.nowMs, command });
    const code = !outcome ? 'REFUSED' : outcome.refused ?? (outcome.reply?.order.status === 'rejected' ? outcome.reply.order.reason ?? 'REJECTED' : null);
    if (code) {
      this.tally.rejected('exchange', code);
      this.runner.onRejected(strategy, intent.clientOrderId, code);
    } else this.tally.accepted();
  }

  /** Runs one journal entry through the exchange and hands its changes to everyone downstream. */
  private apply(entry: JournalEntry): Applied | null {
    const outcome = this.exchange.process(entry);
    if (!outcome.journal) return null;
    for (const t of outcome.changes.trades) this.onTrade(t);
    for (const o of outcome.changes.orders) this.onOrder(o);
    return outcome;
  }

  private onTrade(t: TradeRecord): void {
    this.tally.trade(t);
    for (const fill of fillsOf(t)) {
      this.runner.onFill(fill);
      const strategy = this.strategyOf.get(fill.account);
      if (strategy) this.risk.onFill({ strategy, symbol: fill.symbol, side: fill.side, priceTicks: fill.priceTicks, qtyLots: fill.qtyLots, timeMs: fill.timeMs });
    }
    this.follower.onTrade(t);
  }

  private onOrder(o: OrderRecord): void {
    this.runner.onOrderUpdate(orderUpdateOf(o));
    const strategy = this.strategyOf.get(o.account);
    if (strategy) this.risk.trackOrder(trackedOrderOf(o, strategy));
    this.follower.onOrder(o);
  }
}
