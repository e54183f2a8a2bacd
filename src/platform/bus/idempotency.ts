import type { BusMessage, Handler } from './bus.js';

/**
 * Remembers the ids of messages already processed (the newest `capacity` of them), so a
 * redelivered message is recognised and skipped.
 */
export class IdempotencyFilter {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 100_000) {}

  /** True if `id` was seen before; otherwise records it and returns false. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return false;
  }

  /** Forgets `id`, e.g. when its handler failed and the message should be processed again. */
  forget(id: string): void {
    this.ids.delete(id);
  }
}

/** Wraps a handler so each message id is processed once, even if delivered again. */
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
