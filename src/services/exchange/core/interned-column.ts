import { PagedColumn } from './paged-column.js';

/**
 * A column of values drawn from a small set (account names, symbols, statuses, reason codes),
 * each row holding the number of its value. The values themselves are kept once, so a row costs
 * four bytes and no object of its own.
 */
export class InternedColumn<T extends string | null> {
  /** Sized by the owner through reserve(). */
  private codes = new PagedColumn(Int32Array, 0);
  private readonly values: T[] = [];
  private readonly numbers = new Map<T, number>();

  get(row: number): T {
    return this.values[this.codes.get(row)]!;
  }

  set(row: number, value: T): void {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.length;
      this.values.push(value);
      this.numbers.set(value, n);
    }
    this.codes.set(row, n);
  }

  /** An independent copy. */
  copy(): InternedColumn<T> {
    const c = new InternedColumn<T>();
    c.codes = this.codes.copy();
    for (const [value, n] of this.numbers) {
      c.values.push(value);
      c.numbers.set(value, n);
    }
    return c;
  }

  /** Makes rows 0 .. rows - 1 usable. */
  reserve(rows: number): void {
    this.codes.reserve(rows);
  }
}
