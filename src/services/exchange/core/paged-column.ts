import { grown, type Column } from './typed-arrays.js';

/** Rows per page, as a power of two: 65,536 rows, a 256 KB page of 32-bit numbers. */
const DEFAULT_PAGE_BITS = 16;

/**
 * A column of numbers that grows by adding pages, so that a large column never copies what it
 * holds. One array that doubles copies all of it each time: in the venue, a table of a few
 * hundred thousand client order ids took 13 ms to grow, a stall in the middle of the order
 * stream that every order queued behind it waited out. Only the first page starts small and
 * doubles up to a full page, so a small column stays small and no copy is larger than a page.
 */
export class PagedColumn<T extends Column> {
  private readonly pages: T[];
  private readonly pageBits: number;
  private readonly rowMask: number;

  constructor(private readonly newArray: new (length: number) => T, initialRows = 1024, pageBits = DEFAULT_PAGE_BITS) {
    this.pageBits = pageBits;
    this.rowMask = (1 << pageBits) - 1;
    this.pages = [new newArray(Math.min(Math.max(1, initialRows), 1 << pageBits))];
    this.reserve(initialRows);
  }

  /** Rows 0 .. capacity - 1 may be read and written. */
  get capacity(): number {
    return this.pages.length === 1 ? this.pages[0]!.length : this.pages.length << this.pageBits;
  }

  get(row: number): number {
    return this.pages[row >>> this.pageBits]![row & this.rowMask]!;
  }

  set(row: number, value: number): void {
    this.pages[row >>> this.pageBits]![row & this.rowMask] = value;
  }

  /** An independent copy: a copy of each page. */
  copy(): PagedColumn<T> {
    const c = new PagedColumn(this.newArray, 1, this.pageBits);
    c.pages.splice(0, c.pages.length, ...this.pages.map((page) => page.slice() as T));
    return c;
  }

  /** Makes rows 0 .. rows - 1 addressable; rows added read 0. */
  reserve(rows: number): void {
    const pageRows = this.rowMask + 1;
    const first = this.pages[0]!;
    if (this.pages.length === 1 && first.length < pageRows && rows > first.length) {
      let length = first.length;
      while (length < rows && length < pageRows) length *= 2;
      this.pages[0] = grown(first, Math.min(length, pageRows));
    }
    while (this.pages.length * pageRows < rows) this.pages.push(new this.newArray(pageRows));
  }
}
