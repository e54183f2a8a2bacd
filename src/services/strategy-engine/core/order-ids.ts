/**
 * Deterministic client order ids of one strategy: `${name}-1`, `${name}-2`, ... or, with a run
 * tag, `${name}-${run}-1`, ... The exchange refuses an id its account used within the last hour,
 * and the counter starts again at 1 in every run: a venue restarted on the same store tags its
 * ids with the run, or every order of the new run would be refused as a duplicate.
 */
export class OrderIds {
  private counter = 0;
  private readonly prefix: string;

  constructor(name: string, run?: string) {
    this.prefix = run === undefined ? name : `${name}-${run}`;
  }

  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}
