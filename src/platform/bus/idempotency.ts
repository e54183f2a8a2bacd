import type { BusMessage, Handler } from './bus.js';

/**
 * Remembers the ids of messages already processed (at most `capacity`; the least recently seen
 * go first), so a redelivered message is recognised and skipped.
 */
export class IdempotencyFilter {
  // A Set iterates in insertion order: re-inserting an id on a hit keeps the oldest first.
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 100_000) {
    if (!(capacity >= 1)) throw new RangeError(`IdempotencyFilter capacity must be at least 1, got ${capacity}`);
  }

  /** True if `id` was seen before; otherwise records it and returns false. */
  seen(id: string): boolean {
    const hit = this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return hit;
  }

  /** Forgets `id`, e.g. when its handler failed and the message should be processed again. */
  forget(id: string): void {
    this.ids.delete(id);
  }

  get size(): number {
    return this.ids.size;
  }
}

/**
 * Wraps a handler so each message id is processed once, even if delivered again. A handler that
 * throws has not processed the message: its id is forgotten, so the redelivery runs it again.
 */
export function idempotent<T>(handler: Handler<T>, filter = new IdempotencyFilter()): Handler<T> {
  return async (msg: BusMessage<T>) => {
    if (filter.seen(msg.id)) return;
    try {
      await handler(msg);
    } catch (err) {
      filter.forget(msg.id);
      throw err;
    }
  };
}
