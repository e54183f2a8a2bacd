import { TraceFlags, type Span, type SpanContext, type Tracer } from '@opentelemetry/api';
import type { LabelValues } from 'prom-client';
import { drawOrderFault, type ChaosEffects, type OrderFault } from '../../../contracts/chaos.js';
import { ticksToDecimal, type Decimal } from '../../../contracts/market-data.js';
import { BOOK_FEED_LEVELS, type ExchangeBook, type ExchangeStatus, type OrderCommand, type OrderRecord, type OrderReply, type OrderUpdateBatch, type TradeBatch, type TradeRecord } from '../../../contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../contracts/subjects.js';
import { failedReply, replyOf, type Bus, type ReplyEnvelope } from '../../../platform/bus/index.js';
import type { Clock } from '../../../platform/clock/index.js';
import { StoreUnavailable, TradewatchError } from '../../../platform/errors/index.js';
import { GroupCommitter, type GroupCommitOptions, type Store } from '../../../platform/store/index.js';
import { withTraces, type Logger } from '../../../platform/telemetry/index.js';
import { ExchangeState, SIDE, snapshotJson, type Applied, type BookConfig, type ExchangeEvent, type ExchangeSnapshot, type ExchangeStateOptions, type JournalEntry } from '../core/index.js';
import { DEFAULT_SNAPSHOT_EVERY_ENTRIES } from '../config.js';
import type { ExchangeMetrics } from '../metrics.js';
import { CommandFailures } from './command-failures.js';
import { CommandSpan } from './command-span.js';
import { ExchangeRepository, type JournalItem } from './exchange-repository.js';
import { OrderLog } from './order-log.js';
import { rejectionMessage } from './rejection-messages.js';

/**
 * The state hash at the last clean stop, as `<last journal seq>:<hash>`: a start compares it with
 * the rebuilt books only if the journal still ends there. After a crash or kill the journal has
 * grown past it, and a comparison would report a mismatch that is none.
 */
const STATE_AT_STOP_KEY = 'state_hash_at_stop';

/**
 * A snapshot captures the state in one pause of the event loop that grows with the live orders
 * (27,000: 15 ms; 92,000: 27 ms, state hash included). While the exchange runs, one is taken only
 * with at most this many live orders; with more, it waits for them to fall or for a clean stop.
 */
export const MAX_LIVE_ORDERS_WHILE_RUNNING = 50_000;
/**
 * A stop has 5 s in all (SIGTERM contract): it takes a snapshot only with at most this many live
 * orders (92,000 took 0.6 s to write out and store, in a stop of 2.5 s in all on SQLite).
 */
export const MAX_LIVE_ORDERS_AT_STOP = 75_000;

/** A journal item plus the events to act on once it is durable, and the order's span if any. */
interface CommitItem extends JournalItem {
  events: ExchangeEvent[];
  span?: SpanContext;
}

/** An order command its book took: what it changed waits for the commit that makes it durable. */
interface BookedOrder {
  cmd: OrderCommand;
  /** When the exchange received it (performance.now()). */
  received: number;
  outcome: Applied;
  /** The book's rejection in words, made while the book was as it was then. */
  rejected: { code: string; message: string } | null;
  item: CommitItem;
}

/**
 * The exchange around its pure state: every change is journaled with its projections in a group
 * commit, and a command is answered only once durable. On start the state is rebuilt by
 * replaying the journal. If a commit ever fails, memory is ahead of the store: the exchange stops
 * taking orders (503) until restarted, which rebuilds it from what is durable.
 */
export class ExchangeService {
  readonly repo: ExchangeRepository;
  readonly failures: CommandFailures;
  private state: ExchangeState;
  private committer: GroupCommitter<CommitItem>;
  private nextSeq = 1;
  private failure: Error | null = null;
  /** Set by an operator: the exchange refuses new orders (cancels too) until lifted. */
  private maintenance: string | null = null;
  /** Books changed since the last publishBooks(). */
  private readonly changedBooks = new Set<string>();
  private readonly orderLog: OrderLog;
  /** The entry the newest stored snapshot was taken after (0: none). */
  private snapshotSeq = 0;
  /** The snapshot being taken, if one is. */
  private snapshotRun: Promise<void> | null = null;
  /** What the newest submission to the committer resolves with: once it has, everything before it is committed too. */
  private lastSubmission: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: Store; bus: Bus; clock: Clock; logger: Logger; metrics: ExchangeMetrics; tracer: Tracer;
      /** Chaos mode as last announced (null: off), and the seeded draws of its faults. */
      chaos: { readonly effects: ChaosEffects | null }; random: () => number;
      /** Each book's tick as a decimal ("0.01"), for prices in words; without it prices are shown in ticks. */
      tickSizes?: ReadonlyMap<string, Decimal>;
    },
    private readonly symbols: readonly string[],
    private readonly bookConfig: BookConfig,
    private readonly settings: Pick<GroupCommitOptions<CommitItem>, 'maxBatch' | 'minIntervalMs'> & ExchangeStateOptions & {
      /** Journal entries between snapshots of the state (see snapshotIfDue). */
      snapshotEveryEntries?: number;
    },
  ) {
    this.repo = new ExchangeRepository(deps.store);
    this.failures = new CommandFailures(deps.store);
    this.orderLog = new OrderLog(deps.logger, () => deps.clock.now());
    this.state = this.newState();
    this.committer = new GroupCommitter(deps.store, (items) => this.repo.writesOf(items), {
      maxBatch: settings.maxBatch, minIntervalMs: settings.minIntervalMs,
      onCommit: (items, seconds) => {
        deps.metrics.commitBatch.observe(items.length);
        deps.metrics.commitLatency.observe(seconds);
        this.publish(items);
      },
    });
  }

  get available(): boolean {
    return this.failure === null && this.maintenance === null;
  }

  get failureReason(): string | null {
    return this.failure?.message ?? (this.maintenance === null ? null : `maintenance: ${this.maintenance}`);
  }

  /** Maintenance mode on (with a reason) or off: while on, every order command answers 503. */
  setMaintenance(reason: string | null): void {
    this.maintenance = reason;
    this.deps.metrics.available.set(this.available ? 1 : 0);
    this.deps.logger.warn({ maintenance: reason !== null, reason }, reason === null ? 'exchange maintenance ended: taking orders' : `exchange in maintenance (${reason}): refusing orders`);
  }

  /**
   * An operator halts (halted: true) or resumes a book. Journaled like any book change, so a
   * restart replays it; resolves once durable with the book's status. Refused with 400
   * UNKNOWN_SYMBOL, or 409 BOOK_HALTED (already halted) / BOOK_NOT_HALTED (resume of an open book).
   */
  async setHalt(symbol: string, halted: boolean, reason?: string): Promise<ReturnType<ExchangeService['status']>['books'][number]> {
    if (this.failure) throw new StoreUnavailable(`the exchange stopped after a store failure (${this.failure.message}); restart it to recover`);
    const entry: JournalEntry = { kind: 'halt', timeMs: this.deps.clock.now(), symbol, halted, ...(reason === undefined ? {} : { reason }) };
    const outcome = this.state.process(entry);
    if (!outcome.journal) throw new TradewatchError(outcome.error.code, outcome.error.message, outcome.error.status);
    await this.commit(this.journalItem(entry, outcome));
    this.refreshBookMetrics();
    const book = this.status().books.find((b) => b.symbol === symbol)!;
    if (outcome.refused) {
      const why = outcome.refused === 'BOOK_HALTED' ? `is already halted${book.haltLevel === 0 ? ' by an operator' : ` by circuit breaker level ${book.haltLevel}`}` : 'is not halted';
      throw new TradewatchError(outcome.refused, `${symbol}: the book ${why}`, 409);
    }
    if (halted) this.deps.logger.warn({ symbol, reason: reason ?? null }, `trading halted by operator (${reason ?? 'no reason given'})`);
    else this.deps.logger.info({ symbol, reason: reason ?? null }, `trading resumed by operator${reason === undefined ? '' : ` (${reason})`}`);
    return book;
  }

  /**
   * Rebuilds the books: from the newest snapshot, if one can be used, and the journal entries
   * after it; returns how many entries were replayed. A long journal takes a while (about 160,000
   * entries a second on a 2-core machine): progress is logged every `progressEveryMs`.
   */
  async recover(progressEveryMs = 5000): Promise<{ fromSnapshot: number | null; entries: number; stateHash: string; matchesLastStop: boolean | null }> {
    await this.repo.migrate();
    const lastSeq = await this.repo.lastSeq();
    this.snapshotSeq = await this.restoreSnapshot(lastSeq);
    this.nextSeq = this.snapshotSeq + 1;
    let entries = 0;
    let reported = performance.now();
    for await (const page of this.repo.journalPages(this.snapshotSeq)) {
      for (const { entry } of page) this.state.process(entry, 'replay');
      const seq = page[page.length - 1]!.seq;
      this.nextSeq = seq + 1;
      entries += page.length;
      if (seq < lastSeq && performance.now() - reported >= progressEveryMs) {
        reported = performance.now();
        this.deps.logger.info({ seq, lastSeq }, `replaying the journal: at entry ${seq} of ${lastSeq}`);
      }
    }
    const saved = parseStateAtStop(await this.repo.loadState(STATE_AT_STOP_KEY));
    const stateHash = this.state.stateHash();
    this.refreshBookMetrics();
    const comparable = saved !== null && (saved.seq === null || saved.seq === lastSeq);
    return { fromSnapshot: this.snapshotSeq || null, entries, stateHash, matchesLastStop: comparable ? saved.hash === stateHash : null };
  }

  /**
   * A new state, restored from the newest snapshot within the journal if it can be; returns the
   * entry the snapshot was taken after (0: none used, the whole journal is to be replayed).
   * A snapshot taken under other books or settings, or one that does not restore to the hash it
   * was taken with, is passed over with a warning: the journal alone is the source of truth.
   */
  private async restoreSnapshot(lastSeq: number): Promise<number> {
    this.state = this.newState();
    let seq: number | null = null;
    let why: string;
    try {
      const stored = await this.repo.latestSnapshot(lastSeq);
      if (!stored) return 0;
      seq = stored.seq;
      const snapshot = JSON.parse(stored.body) as ExchangeSnapshot;
      const mismatch = this.state.snapshotMismatch(snapshot);
      if (mismatch === null) {
        this.state.restore(snapshot);
        const hash = this.state.stateHash();
        if (hash === stored.stateHash) return stored.seq;
        why = `it restores to state hash ${hash}, not the ${stored.stateHash} it was taken with`;
      } else why = mismatch;
    } catch (err) {
      why = `it could not be read (${(err as Error).message})`;
    }
    this.deps.logger.warn({ snapshotSeq: seq }, `not starting from the newest snapshot${seq === null ? '' : ` (after journal entry ${seq})`}: ${why}; replaying the whole journal instead`);
    this.state = this.newState();
    return 0;
  }

  /** An exchange state with nothing in it yet, under this exchange's books and settings. */
  private newState(): ExchangeState {
    return new ExchangeState(this.symbols, this.bookConfig, this.settings);
  }

  /**
   * Takes a snapshot once the journal has grown by exchange.snapshotEveryEntries since the last,
   * so that a start replays at most about that many entries, unless it would pause order entry
   * too long (see MAX_LIVE_ORDERS_WHILE_RUNNING). Called every second; one snapshot at a time.
   */
  async snapshotIfDue(): Promise<void> {
    const since = this.nextSeq - 1 - this.snapshotSeq;
    if (since < (this.settings.snapshotEveryEntries ?? DEFAULT_SNAPSHOT_EVERY_ENTRIES) || this.state.ledger.liveCount > MAX_LIVE_ORDERS_WHILE_RUNNING) return;
    await this.snapshot();
  }

  /**
   * Stores a snapshot of the state as it is now, after the newest journal entry, once that entry
   * is durable (never one ahead of the journal). The state is captured at once, in one short
   * pause of the event loop; writing it out and storing it runs in pieces beside order entry. A
   * failure to store it is logged: the journal still holds everything, a start replays more of it.
   */
  private snapshot(): Promise<void> {
    this.snapshotRun ??= this.storeSnapshot().finally(() => { this.snapshotRun = null; });
    return this.snapshotRun;
  }

  private async storeSnapshot(): Promise<void> {
    if (this.failure || this.nextSeq - 1 === this.snapshotSeq) return;
    try {
      const seq = this.nextSeq - 1;
      const started = performance.now();
      const stateHash = this.state.stateHash();
      const liveOrders = this.state.ledger.liveCount;
      const capture = this.state.capture();
      const pauseMs = Math.round((performance.now() - started) * 10) / 10;
      await this.lastSubmission.catch(() => undefined);
      // A failed commit leaves memory ahead of the store: a snapshot of it would be too.
      if (this.failure || !(await this.repo.hasEntry(seq))) return;
      const { bytes } = await this.repo.saveSnapshot(seq, this.deps.clock.now(), stateHash, snapshotJson(capture));
      this.snapshotSeq = seq;
      this.deps.logger.info({ seq, stateHash, liveOrders, bytes, pauseMs, tookMs: Math.round(performance.now() - started) },
        `snapshot of the exchange state after journal entry ${seq} stored: a start replays only the entries after it`);
    } catch (err) {
      this.deps.logger.warn({ err: (err as Error).message }, 'could not store a snapshot of the exchange state: a start will replay more of the journal');
    }
  }

  /**
   * Handles an order command; resolves once it is durable, or rejects with a coded error. The reply
   * is made of the ledger's copies of the records (OrderLedger.apply), which the exchange does not
   * touch once they are durable and published: so the bus may pass it on uncopied.
   */
  async handle(cmd: OrderCommand): Promise<OrderReply> {
    const span = new CommandSpan(this.deps.tracer, cmd);
    try {
      return span.succeeded(await span.run(() => this.process(cmd, span.span)));
    } catch (err) {
      throw span.failed(err);
    }
  }

  /**
   * handle() for each command of a batch, in order, in one pass: each reaches its book in turn,
   * they are committed together, and each gets its own reply (a refused command fails alone).
   * The outcomes are those of handle(), with a few promises per batch instead of several per
   * command: with async context tracking on, every promise costs. A command that failed
   * validation comes as its error. In chaos mode, whose faults delay single orders, the commands
   * go through handle() one by one.
   */
  async handleBatch(commands: readonly (OrderCommand | Error)[]): Promise<ReplyEnvelope<OrderReply>[]> {
    if (this.deps.chaos.effects) return Promise.all(commands.map((cmd) => replyOf(() => (cmd instanceof Error ? Promise.reject(cmd) : this.handle(cmd)))));
    const replies = new Array<ReplyEnvelope<OrderReply>>(commands.length);
    const booked: { index: number; span: CommandSpan; order: BookedOrder }[] = [];
    commands.forEach((cmd, index) => {
      if (cmd instanceof Error) {
        replies[index] = failedReply(cmd);
        return;
      }
      const span = new CommandSpan(this.deps.tracer, cmd);
      try {
        booked.push({ index, span, order: span.run(() => this.book(cmd, this.admit(cmd), span.span)) });
      } catch (err) {
        replies[index] = failedReply(span.failed(err));
      }
    });
    const commitErrors = await (this.lastSubmission = this.committer.submitAll(booked.map((b) => b.order.item)));
    booked.forEach(({ index, span, order }, i) => {
      try {
        if (commitErrors[i] !== undefined) throw this.storeFailed(commitErrors[i], order.item.seq);
        replies[index] = { ok: true, data: span.succeeded(span.run(() => this.acknowledge(order))) };
      } catch (err) {
        replies[index] = failedReply(span.failed(err));
      }
    });
    return replies;
  }

  private async process(cmd: OrderCommand, span: Span): Promise<OrderReply> {
    const received = this.admit(cmd);
    const chaos = this.deps.chaos.effects;
    if (chaos) await this.injectFault(cmd, drawOrderFault(chaos, this.deps.random));
    const order = this.book(cmd, received, span);
    await this.commit(order.item);
    return this.acknowledge(order);
  }

  /** Counts a command in, and refuses it while the exchange takes no orders; returns when it came. */
  private admit(cmd: OrderCommand): number {
    const received = performance.now();
    this.deps.metrics.received.inc({ command: cmd.kind });
    if (this.failure) throw new StoreUnavailable(`the exchange stopped taking orders after a store failure (${this.failure.message}); restart it to recover`);
    if (this.maintenance !== null) throw this.refused(cmd, new TradewatchError('EXCHANGE_UNAVAILABLE', `the exchange is in maintenance (${this.maintenance}); retry later`, 503));
    return received;
  }

  /** Puts a command to its book. What it changed waits for its commit; a command the book turned away outright (not journaled) throws. */
  private book(cmd: OrderCommand, received: number, span: Span): BookedOrder {
    const { metrics } = this.deps;
    const entry: JournalEntry = { kind: 'order', timeMs: this.deps.clock.now(), command: cmd };
    const outcome = this.state.process(entry);
    metrics.matchLatency.observe((performance.now() - received) / 1000);
    if (!outcome.journal) {
      metrics.rejected.inc({ reason: outcome.error.code });
      this.orderLog.refused(cmd, outcome.error);
      throw new TradewatchError(outcome.error.code, outcome.error.message, outcome.error.status);
    }
    // In words now, while the book is as it was when it rejected the order (the commit lets others in).
    const rejected = outcome.reply?.order.status === 'rejected' ? this.rejection(outcome.reply.order) : null;
    return { cmd, received, outcome, rejected, item: this.journalItem(entry, outcome, span.spanContext()) };
  }

  /** Once the command is durable: its reply, or the refusal it ended in (journaled all the same). */
  private acknowledge({ cmd, received, outcome, rejected, item }: BookedOrder): OrderReply {
    const { metrics } = this.deps;
    // The exemplar links a slow bucket on a dashboard straight to the trace of an order in it.
    metrics.ackLatency.observe({ labels: { command: cmd.kind }, value: (performance.now() - received) / 1000, exemplarLabels: exemplar(item.span!) });
    const reply = outcome.reply!;
    const refusal = outcome.refused ? new TradewatchError(outcome.refused, `order ${reply.order.orderId}: ${cmd.kind} refused by the book (${outcome.refused})`, 422)
      : rejected ? new TradewatchError(rejected.code, rejected.message, 422) : null;
    this.orderLog.outcome(cmd, reply, refusal);
    if (refusal) {
      metrics.rejected.inc({ reason: refusal.code });
      throw refusal;
    }
    return reply;
  }

  private rejection(order: OrderRecord): { code: string; message: string } {
    const code = order.reason ?? 'ORDER_REJECTED';
    const book = this.state.engine.book(order.symbol)!;
    return { code, message: rejectionMessage(order, code, book, (symbol, ticks) => ticksToDecimal(ticks, this.tickSize(symbol))) };
  }

  /** Chaos mode: the order waits, and sometimes fails before it reaches the book. */
  private async injectFault(cmd: OrderCommand, fault: OrderFault): Promise<void> {
    if (fault.delayMs > 0) await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, fault.delayMs));
    if (fault.fail) throw this.refused(cmd, new TradewatchError('CHAOS_ORDER_FAULT', 'chaos mode is on: this order failed on purpose (an injected fault); "tradewatch chaos off" ends it', 500));
  }

  /** A command refused before a book saw it is not journaled, but it is a failure on record. */
  private refused(cmd: OrderCommand, err: TradewatchError): TradewatchError {
    this.deps.metrics.rejected.inc({ reason: err.code });
    this.failures.record(cmd, err.code, err.message, this.deps.clock.now())
      .catch((e: unknown) => this.deps.logger.warn({ err: (e as Error).message, code: err.code }, 'could not record a refused command'));
    return err;
  }

  /** Journals a book-level entry (reference price, time passing) the same way as orders. */
  async applyMarketEntry(entry: Extract<JournalEntry, { kind: 'reference' | 'advance' }>): Promise<void> {
    if (this.failure) return;
    const outcome = this.state.process(entry);
    if (outcome.journal) await this.commit(this.journalItem(entry, outcome)).catch(() => undefined);
  }

  /** A book's tick as a decimal; "1" (prices in ticks) when none was given. */
  private tickSize(symbol: string): Decimal {
    return this.deps.tickSizes?.get(symbol) ?? '1';
  }

  status(): ExchangeStatus {
    return {
      available: this.available, failure: this.failureReason, stateHash: this.state.stateHash(), liveOrders: this.state.ledger.liveCount,
      books: this.symbols.map((symbol) => {
        const b = this.state.engine.book(symbol)!;
        const halt = b.haltStatus;
        return {
          symbol, tickSize: this.tickSize(symbol), seq: b.sequence, bestBid: b.bestBid ?? null, bestAsk: b.bestAsk ?? null, referencePrice: b.referencePrice ?? null,
          lastTradePrice: b.lastTradePrice ?? null, restingOrders: b.orderCount,
          halted: halt.halted, haltLevel: halt.level, haltUntilMs: halt.halted && Number.isFinite(halt.untilMs) ? halt.untilMs : null,
        };
      }),
    };
  }

  /** Books that are halted with a halt whose time is up (the caller journals an advance). */
  dueHalts(nowMs: number): string[] {
    return this.symbols.filter((s) => { const h = this.state.engine.book(s)!.haltStatus; return h.halted && h.untilMs <= nowMs; });
  }

  /**
   * Waits for pending commits, records the state hash for the next start to compare, and takes a
   * snapshot (unless the newest is of this state, or it would not fit in the time a stop has),
   * so that the next start replays nothing.
   */
  async stop(): Promise<void> {
    await this.committer.flush();
    if (this.failure) return;
    await this.repo.saveState(STATE_AT_STOP_KEY, `${this.nextSeq - 1}:${this.state.stateHash()}`);
    await this.snapshotRun;
    const live = this.state.ledger.liveCount;
    if (live <= MAX_LIVE_ORDERS_AT_STOP) return this.snapshot();
    const since = this.nextSeq - 1 - this.snapshotSeq;
    this.deps.logger.info({ liveOrders: live, entriesSinceSnapshot: since },
      `no snapshot at this stop: ${live} live orders are more than a stop has time to store (${MAX_LIVE_ORDERS_AT_STOP}); the next start replays the ${since} journal entries since the last`);
  }

  /** Publishes the top levels of every book that changed since the last call. */
  publishBooks(levels = BOOK_FEED_LEVELS): void {
    for (const symbol of this.changedBooks) {
      const book = this.bookSnapshot(symbol, levels);
      if (book) void this.deps.bus.publish(EXCHANGE_SUBJECTS.book(symbol), book, { id: `book-${symbol}-${book.seq}` }).catch(() => undefined);
    }
    this.changedBooks.clear();
  }

  /** The top `levels` price levels of each side of a book now (undefined for a symbol it does not list). */
  bookSnapshot(symbol: string, levels: number): ExchangeBook | undefined {
    const b = this.state.engine.book(symbol);
    if (!b) return undefined;
    return { symbol, seq: b.sequence, timeMs: this.deps.clock.now(), bids: b.depth(SIDE.BUY, levels), asks: b.depth(SIDE.SELL, levels) };
  }

  /** Logs how many refusal lines were held back since the last call (see OrderLog); every second. */
  reportSuppressedLogs(): void {
    this.orderLog.reportSuppressed();
  }

  refreshBookMetrics(): void {
    const { metrics } = this.deps;
    metrics.available.set(this.available ? 1 : 0);
    metrics.entriesSinceSnapshot.set(this.nextSeq - 1 - this.snapshotSeq);
    for (const symbol of this.symbols) {
      const b = this.state.engine.book(symbol)!;
      metrics.restingOrders.set({ symbol }, b.orderCount);
      metrics.halted.set({ symbol }, b.haltStatus.halted ? 1 : 0);
      const sum = (levels: [number, number][]) => levels.reduce((s, [, q]) => s + q, 0);
      metrics.bookDepth.set({ symbol, side: 'bid' }, sum(b.depth(SIDE.BUY, 10)));
      metrics.bookDepth.set({ symbol, side: 'ask' }, sum(b.depth(SIDE.SELL, 10)));
      if (b.bestBid !== undefined && b.bestAsk !== undefined) metrics.spread.set({ symbol }, b.bestAsk - b.bestBid);
    }
  }

  /** The journal item of an entry, numbered in the order items are submitted. */
  private journalItem(entry: JournalEntry, outcome: Applied, span?: SpanContext): CommitItem {
    return { seq: this.nextSeq++, entry, changes: outcome.changes, events: outcome.events, span };
  }

  private async commit(item: CommitItem): Promise<void> {
    try {
      await (this.lastSubmission = this.committer.submit(item));
    } catch (err) {
      throw this.storeFailed(err, item.seq);
    }
  }

  /** A commit failed, so memory is ahead of the store: the exchange stops taking orders. */
  private storeFailed(err: unknown, seq: number): StoreUnavailable {
    if (!this.failure) {
      this.failure = err as Error;
      this.deps.metrics.available.set(0);
      this.deps.logger.error({ err: (err as Error).message, seq }, 'journal write failed: the exchange stops taking orders');
    }
    return new StoreUnavailable(`order could not be made durable: ${(err as Error).message}`, { cause: err });
  }

  /**
   * After a commit (never before: nothing unrecorded leaves the exchange), its trades and order
   * changes go out on the bus, one batch per book and kind, so the bus carries a few messages per
   * commit rather than several per order.
   */
  private publish(items: readonly CommitItem[]): void {
    const { metrics, logger } = this.deps;
    const trades = new Map<string, TradeRecord[]>();
    const orders = new Map<string, Map<number, OrderRecord>>();
    const spans = new Map<string, SpanContext[]>();
    for (const { changes, events, span } of items) {
      if (span && (changes.trades.length > 0 || changes.orders.length > 0)) groupOf(spans, changes.orders[0]?.symbol ?? changes.trades[0]!.symbol, () => []).push(span);
      for (const t of changes.trades) {
        metrics.trades.inc({ symbol: t.symbol });
        metrics.tradedQty.inc({ symbol: t.symbol }, t.qty);
        groupOf(trades, t.symbol, () => []).push(t);
      }
      // An order changed twice in one commit goes out once, in its latest state.
      for (const o of changes.orders) groupOf(orders, o.symbol, () => new Map()).set(o.orderId, o);
      for (const e of events) {
        this.changedBooks.add(e.symbol);
        if (e.type === 'accepted') metrics.accepted.inc({ symbol: e.symbol });
        else if (e.type === 'halted') {
          metrics.halts.inc({ symbol: e.symbol, level: String(e.level) });
          // Level 0 is an operator halt: setHalt() logs it, with its reason.
          if (e.level > 0) logger.warn({ symbol: e.symbol, level: e.level, untilMs: e.untilMs }, 'trading halted by circuit breaker');
        } else if (e.type === 'resumed') logger.info({ symbol: e.symbol }, 'trading resumed');
      }
    }
    const batchId = `${items[0]!.seq}-${items[items.length - 1]!.seq}`;
    // Each batch goes out in the trace of the first order behind it, linked to the others'.
    for (const [symbol, list] of trades) {
      this.send(EXCHANGE_SUBJECTS.trade(symbol), { symbol, trades: list } satisfies TradeBatch, `trades-${symbol}-${batchId}`, spans.get(symbol));
    }
    for (const [symbol, byId] of orders) {
      this.send(EXCHANGE_SUBJECTS.orderUpdate(symbol), { symbol, orders: [...byId.values()] } satisfies OrderUpdateBatch, `orders-${symbol}-${batchId}`, spans.get(symbol));
    }
  }

  private send(subject: string, data: unknown, id: string, spans: readonly SpanContext[] = []): void {
    withTraces(spans, (headers) => this.deps.bus.publish(subject, data, { id, headers }))
      .catch((err: unknown) => this.deps.logger.warn({ subject, err: (err as Error).message }, 'exchange event publish failed'));
  }
}

/**
 * The trace id of a recorded (sampled) span; none for an unsampled one, whose trace no store
 * holds. prom-client types exemplar labels as the metric's own label names; a trace id is its own.
 */
const exemplar = (span: SpanContext) => ((span.traceFlags & TraceFlags.SAMPLED) !== 0 ? { trace_id: span.traceId } : {}) as LabelValues<string>;

function groupOf<V>(groups: Map<string, V>, key: string, create: () => V): V {
  let group = groups.get(key);
  if (group === undefined) {
    group = create();
    groups.set(key, group);
  }
  return group;
}

/** `<seq>:<hash>`, or a bare hash as stores written before the seq was recorded hold (seq unknown). */
function parseStateAtStop(value: string | null): { seq: number | null; hash: string } | null {
  if (value === null) return null;
  const colon = value.indexOf(':');
  return colon < 0 ? { seq: null, hash: value } : { seq: Number(value.slice(0, colon)), hash: value.slice(colon + 1) };
}
