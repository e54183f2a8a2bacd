/** Deterministic client order ids of one strategy: `${name}-1`, `${name}-2`, ... */
export class OrderIds {
  private counter = 0;

  constructor(private readonly name: string) {}

  next(): string {
    this.counter += 1;
    return `${this.name}-${this.counter}`;
  }
}
