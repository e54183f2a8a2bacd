import type { SqlParam, Statement } from './store.js';

/**
 * Rows per statement, largest first. A fixed set of sizes keeps the number of distinct SQL texts
 * (and so of prepared statements) small; 256 rows x 18 columns stays under both databases' limits.
 */
const CHUNK_SIZES = [256, 64, 16, 4, 1];
const statements = new Map<string, string>();

function statementFor(prefix: string, suffix: string, rows: number, width: number): string {
  const key = `${prefix}|${suffix}|${rows}`;
  let sql = statements.get(key);
  if (!sql) {
    const tuples = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: width }, (_c, c) => `$${r * width + c + 1}`).join(', ')})`);
    sql = `${prefix} ${tuples.join(', ')} ${suffix}`;
    statements.set(key, sql);
  }
  return sql;
}

/**
 * `prefix (..), (..), ... suffix` in a few statements instead of one per row: e.g. prefix
 * "INSERT INTO s.t (a, b) VALUES", suffix "ON CONFLICT (a) DO UPDATE SET b = excluded.b".
 * Rows must all have the same width, and no two rows of one call may hit the same conflict key.
 */
export function rowInserts(prefix: string, suffix: string, rows: readonly SqlParam[][]): Statement[] {
  const out: Statement[] = [];
  let start = 0;
  while (start < rows.length) {
    const size = CHUNK_SIZES.find((n) => n <= rows.length - start)!;
    const width = rows[start]!.length;
    // The chunk's rows laid end to end, in an array made at its final size: growing it push by
    // push (or slice + flat) allocates several times over, for thousands of values per commit.
    const params = new Array<SqlParam>(size * width);
    let at = 0;
    for (let r = start; r < start + size; r++) for (const value of rows[r]!) params[at++] = value;
    out.push({ sql: statementFor(prefix, suffix, size, width), params });
    start += size;
  }
  return out;
}
