import type { MarketUpdate } from '../../../contracts/market-data.js';
import { SUBJECTS } from '../../../contracts/subjects.js';
import type { Bus } from '../../../platform/bus/bus.js';
import type { Logger } from '../../../platform/telemetry/index.js';
import type { MarketFeed } from '../core/index.js';
import type { MarketDataMetrics } from '../metrics.js';

/** Runs one tick of the feed and publishes its updates, keeping the metrics. */
export class MarketFeedPublisher {
  private inFlight = new Set<Promise<void>>();
  private readonly specs: Map<string, { tick: number }>;

  constructor(
    private readonly feed: MarketFeed,
    private readonly ports: { readonly bus: Bus },
    private readonly metrics: MarketDataMetrics,
    private readonly logger: Logger,
  ) {
    this.specs = new Map(feed.instruments.map((i) => [i.symbol, { tick: Number(i.tickSize) }]));
  }

  tick(nowMs: number, dtMs: number): MarketUpdate[] {
    const stop = this.metrics.tickDuration.startTimer();
    const updates = this.feed.tick(nowMs, dtMs);
    for (const u of updates) {
      const p = this.ports.bus.publish(SUBJECTS.marketUpdate(u.symbol), u, { id: `md-${u.symbol}-${u.seq}` })
        .catch((err: unknown) => {
          this.metrics.publishErrors.inc();
          this.logger.warn({ symbol: u.symbol, seq: u.seq, err: (err as Error).message }, 'market-data publish failed');
        })
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
      this.observe(u);
    }
    stop();
    return updates;
  }

  /** Waits for publishes still in flight (on stop). */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private observe(u: MarketUpdate): void {
    // Float prices for metrics only: gauges are for dashboards and alerts, not for accounting.
    const tick = this.specs.get(u.symbol)!.tick;
    this.metrics.updates.inc({ symbol: u.symbol });
    this.metrics.lastPrice.set({ symbol: u.symbol }, u.last * tick);
    this.metrics.midPrice.set({ symbol: u.symbol }, ((u.bid + u.ask) / 2) * tick);
    this.metrics.spread.set({ symbol: u.symbol }, u.ask - u.bid);
  }
}
