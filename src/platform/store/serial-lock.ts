/** A FIFO async lock: one holder at a time, in arrival order. */
export class SerialLock {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => { release = r; });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
