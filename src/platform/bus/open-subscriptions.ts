import type { Subscription } from './bus.js';

/** The subscriptions a bus has open, so close() can stop them all; unsubscribing twice is harmless. */
export class OpenSubscriptions {
  private readonly open = new Set<Subscription>();

  track(subject: string, stop: () => Promise<void>): Subscription {
    let stopping: Promise<void> | undefined;
    const sub: Subscription = { subject, unsubscribe: () => (stopping ??= stop().finally(() => this.open.delete(sub))) };
    this.open.add(sub);
    return sub;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.open].map((s) => s.unsubscribe()));
  }
}
