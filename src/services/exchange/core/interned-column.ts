import { grown } from './typed-arrays.js';

/**
 * A column of values drawn from a small set (account names, symbols, statuses, reason codes),
 * each row holding the number of its value. The values themselves are kept once, so a row costs
 * four bytes and no object of its own.
 */
export class InternedColumn<T extends string | null> {
  /** Sized by the owner through resize(). */
  private codes = new Int32Array(0);
  private readonly values: T[] = [];
  private readonly numbers = new Map<T, number>();

  get(row: number): T {
    return this.values[this.codes[row]!]!;
  }

  set(row: number, value: T): void {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    this.codes[row] = n;
  }

  resize(rows: number): void {
    this.codes = grown(this.codes, rows);
  }
}
