import type { Bus, Subscription } from '../../platform/bus/bus.js';
import type { Clock } from '../../platform/clock/index.js';
import type { Logger } from '../../platform/telemetry/index.js';
import type { BookSnapshot, InstrumentSpec, MarketUpdate } from '../../contracts/market-data.js';
import { SUBJECTS } from '../../contracts/subjects.js';
import { MarketBookCache } from './market-book-cache.js';
import type { FeedMetrics } from './metrics.js';

export type FeedEvent =
  | { kind: 'update'; update: MarketUpdate }
  | { kind: 'resync'; snapshot: BookSnapshot };

/**
 * Follows the market-data feed over the bus: keeps the book cache in sequence, detects gaps and
 * resynchronises from a snapshot (buffering updates that arrive meanwhile), and tells listeners.
 * The bus is looked up at start(): routes are built before the bus module has connected.
 */
export class MarketFeedFollower {
  readonly cache = new MarketBookCache();
  instruments = new Map<string, InstrumentSpec>();
  private readonly resyncing = new Map<string, MarketUpdate[]>();
  private readonly listeners = new Set<(e: FeedEvent) => void>();
  private sub?: Subscription;
  private stopped = false;

  constructor(private readonly ports: { readonly bus: Bus }, private readonly clock: Clock, private readonly metrics: FeedMetrics, private readonly logger: Logger) {}

  /** In sync: every instrument has a book and at least one update (so a quote can be served). */
  get ready(): boolean {
    return this.instruments.size > 0 && [...this.instruments.keys()].every((s) => this.cache.lastUpdate(s) !== null);
  }

  onEvent(listener: (e: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    this.sub = await this.ports.bus.subscribe<MarketUpdate>(SUBJECTS.marketUpdates, (msg) => this.receive(msg.data));
    void this.loadInstruments();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.sub?.unsubscribe();
  }

  /** Market data may start after the gateway (distributed mode): keep asking until it answers. */
  private async loadInstruments(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const reply = await this.ports.bus.request<object, InstrumentSpec[]>(SUBJECTS.marketInstruments, {}, { timeoutMs: 2000 });
        this.instruments = new Map(reply.data.map((i) => [i.symbol, i]));
        await Promise.all(reply.data.map((i) => this.resync(i.symbol)));
        return;
      } catch (err) {
        if (attempt % 10 === 0) this.logger.warn({ err: (err as Error).message }, 'waiting for market-data to answer');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private receive(update: MarketUpdate): void {
    const buffered = this.resyncing.get(update.symbol);
    if (buffered) { buffered.push(update); return; }
    const result = this.cache.apply(update);
    if (result === 'applied') {
      const nowMs = this.clock.now();
      this.metrics.feedLag.observe({ symbol: update.symbol }, Math.max(0, nowMs - update.ts) / 1000);
      this.metrics.lastUpdateAge.set({ symbol: update.symbol }, nowMs / 1000);
      this.emit({ kind: 'update', update });
    } else if (result === 'gap' && this.instruments.has(update.symbol)) {
      if (this.cache.has(update.symbol)) {
        this.metrics.gaps.inc({ symbol: update.symbol });
        this.logger.warn({ symbol: update.symbol, seq: update.seq }, 'market-data sequence gap: resynchronising');
      }
      void this.resync(update.symbol, [update]);
    }
  }

  private async resync(symbol: string, initial: MarketUpdate[] = []): Promise<void> {
    if (this.resyncing.has(symbol)) return;
    this.resyncing.set(symbol, initial);
    try {
      const reply = await this.ports.bus.request<{ symbol: string }, BookSnapshot>(SUBJECTS.marketSnapshot, { symbol }, { timeoutMs: 2000 });
      this.cache.loadSnapshot(reply.data);
      const buffered = this.resyncing.get(symbol) ?? [];
      this.resyncing.delete(symbol);
      this.emit({ kind: 'resync', snapshot: this.cache.snapshot(symbol)! });
      for (const u of buffered) if (u.seq > reply.data.seq) this.receive(u);
    } catch (err) {
      this.resyncing.delete(symbol);
      this.logger.warn({ symbol, err: (err as Error).message }, 'snapshot request failed; will retry on the next update');
    }
  }

  private emit(e: FeedEvent): void {
    for (const l of this.listeners) l(e);
  }
}
