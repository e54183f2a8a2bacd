/**
 * The newest `capacity` values of a series (a ring buffer). Statistics are computed by walking
 * the window: windows are short, and two-pass sums stay exact enough where running sums of
 * squares of large tick prices would not.
 */
export class RollingWindow {
  private readonly values: Float64Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.values = new Float64Array(capacity);
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  /** Mean of the newest `n` values (all of them by default). */
  mean(n = this.count): number {
    const k = Math.min(n, this.count);
    let sum = 0;
    for (let i = 1; i <= k; i++) sum += this.at(i);
    return k === 0 ? 0 : sum / k;
  }

  /** Population standard deviation of the whole window. */
  stdev(): number {
    const mean = this.mean();
    let squares = 0;
    for (let i = 1; i <= this.count; i++) squares += (this.at(i) - mean) ** 2;
    return this.count === 0 ? 0 : Math.sqrt(squares / this.count);
  }

  /** The i-th newest value (1 = newest). */
  private at(i: number): number {
    return this.values[(this.next - i + this.capacity) % this.capacity]!;
  }
}
