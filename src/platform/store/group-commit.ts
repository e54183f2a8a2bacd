import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Statement, Store } from './store.js';

export interface GroupCommitOptions<T> {
  /** Most items written in one transaction. */
  maxBatch?: number;
  /** Longest wait for more items before a commit (see gather()); 2 ms. */
  gatherMs?: number;
  /**
   * Shortest time between the starts of two commits (0, the default: no minimum). Under a steady
   * stream, items then wait up to this long to share a commit: fewer, larger transactions, so
   * less work per item. An item after a quiet spell commits at once.
   */
  minIntervalMs?: number;
  /** Called after each commit, before the submitters hear of it: the items, and how long the transaction took. */
  onCommit?(items: readonly T[], seconds: number): void;
}

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Durable writes in batches: `submit` resolves only once the item is committed. Items that
 * arrive while a transaction runs form the next one, so under load one commit (one fsync)
 * serves many items, and order is kept: batches commit one after another, in submit order.
 */
export class GroupCommitter<T> {
  private queue: Pending<T>[] = [];
  private running: Promise<void> | null = null;
  private readonly maxBatch: number;
  private readonly gatherMs: number;
  private readonly minIntervalMs: number;
  private lastCommitStarted = -Infinity;

  constructor(
    private readonly store: Store,
    /** The writes that make a batch of items durable, committed together (see Store.commit). */
    private readonly writesOf: (items: T[]) => Statement[],
    private readonly opts: GroupCommitOptions<T> = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 1024;
    this.gatherMs = opts.gatherMs ?? 2;
    this.minIntervalMs = opts.minIntervalMs ?? 0;
  }

  get backlog(): number {
    return this.queue.length;
  }

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue({ item, resolve, reject }));
  }

  /**
   * submit() for each item, in order, with one promise for them all (a caller with many items
   * pays for one instead of one each): it resolves once every item is committed or has failed,
   * with each item's error, or undefined for an item that is durable. It never rejects.
   */
  submitAll(items: readonly T[]): Promise<unknown[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<unknown[]>((resolve) => {
      const errors = new Array<unknown>(items.length).fill(undefined);
      let left = items.length;
      const settled = () => { if (--left === 0) resolve(errors); };
      items.forEach((item, i) => this.enqueue({ item, resolve: settled, reject: (err) => { errors[i] = err; settled(); } }));
    });
  }

  /** Resolves when everything submitted so far is committed (or has failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue(pending: Pending<T>): void {
    this.queue.push(pending);
    if (!this.running) this.running = this.drain();
  }

  private async drain(): Promise<void> {
    await this.gather();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const items = batch.map((p) => p.item);
      const started = performance.now();
      this.lastCommitStarted = started;
      try {
        await this.store.commit(this.writesOf(items));
      } catch (err) {
        for (const p of batch) p.reject(err);
        continue;
      }
      // The items are durable whatever onCommit does; a throw there must not un-acknowledge them.
      try {
        this.opts.onCommit?.(items, (performance.now() - started) / 1000);
      } catch (err) {
        process.stderr.write(`group commit: onCommit failed: ${(err as Error).message}\n`);
      }
      for (const p of batch) p.resolve();
    }
    this.running = null;
  }

  /**
   * Lets the current turn add its items, then waits a turn at a time while items keep arriving
   * (up to maxBatch items or gatherMs): under load, orders read from different sockets reach the
   * committer in consecutive turns, and this lets them share one commit instead of paying for one
   * each. A turn that adds nothing ends the wait, so a lone item waits two turns (microseconds
   * when the process is idle). Before that, it waits out the rest of minIntervalMs.
   */
  private async gather(): Promise<void> {
    const early = this.lastCommitStarted + this.minIntervalMs - performance.now();
    if (early > 0) await sleep(early);
    const started = performance.now();
    await nextTurn();
    let seen: number;
    do {
      seen = this.queue.length;
      await nextTurn();
    } while (this.queue.length > seen && this.queue.length < this.maxBatch && performance.now() - started < this.gatherMs);
  }
}
