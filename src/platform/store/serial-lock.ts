const ignore = (): void => undefined;

/** A FIFO async lock: one holder at a time, in arrival order. */
export class SerialLock {
  /** Settles when the last holder so far is done, whatever its outcome. */
  private tail: Promise<void> = Promise.resolve();

  /** Runs `fn` once every earlier holder is done; its result or error is the caller's. */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    // Two promises per holder, the result and the tail that waits for it whatever its outcome:
    // every group commit of the exchange takes this lock.
    const result = this.tail.then(fn);
    this.tail = result.then(ignore, ignore);
    return result;
  }
}
