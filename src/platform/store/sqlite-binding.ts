import type { SqlParam } from './store.js';

/** Portable SQL made ready for SQLite: its placeholders rewritten, and how to bind its parameters. */
export interface SqliteSql {
  sql: string;
  /** Highest $N the SQL references: exactly that many parameters must be given (as in PostgreSQL). */
  arity: number;
  /**
   * True when the SQL uses $1..$N once each, in order (multi-row inserts): the parameters are then
   * bound as a plain list, which the driver takes much faster than numbered ones.
   */
  positional: boolean;
}

/** A quoted string or identifier (left as it is), or a $N parameter (N captured). */
const PLACEHOLDER = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g;

/**
 * $N becomes ?N (bound by number, so one parameter may appear twice), or a plain ? when the
 * numbers run 1..N in order; quoted text is left alone.
 */
export function sqliteSql(portable: string): SqliteSql {
  const placeholders = [...portable.matchAll(PLACEHOLDER)].flatMap((m) => (m[1] === undefined ? [] : [Number(m[1])]));
  const arity = Math.max(0, ...placeholders);
  const positional = placeholders.length > 0 && placeholders.every((n, i) => n === i + 1);
  const sql = portable.replace(PLACEHOLDER, (match, n: string | undefined) => (n === undefined ? match : positional ? '?' : `?${n}`));
  return { sql, arity, positional };
}

/** Throws when `params` does not give exactly the parameters the SQL references. */
export function checkArity({ arity }: SqliteSql, portable: string, params: readonly SqlParam[]): void {
  if (params.length !== arity) throw new RangeError(`the SQL references ${arity} parameters but ${params.length} were given: ${portable}`);
}

/** The parameters as the driver binds them: a list, or by number (?1, ?2 ...). */
export function bound(params: readonly SqlParam[], positional: boolean): unknown[] | Record<number, unknown> {
  if (positional) return params.map(toSqlite);
  const numbered: Record<number, unknown> = {};
  params.forEach((p, i) => { numbered[i + 1] = toSqlite(p); });
  return numbered;
}

/**
 * The driver binds every JS number as a REAL, so 1 stored in a TEXT column would read back '1.0'
 * (PostgreSQL gives '1'): whole numbers are bound as 64-bit integers instead. Booleans become 1/0.
 */
function toSqlite(p: SqlParam): unknown {
  if (typeof p === 'boolean') return p ? 1n : 0n;
  return typeof p === 'number' && Number.isSafeInteger(p) ? BigInt(p) : p;
}

/** Statements by SQL text, the oldest dropped past `max`: the texts are few; this bounds a runaway. */
export class StatementCache<V> {
  private readonly byText = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(text: string, make: (text: string) => V): V {
    let value = this.byText.get(text);
    if (value === undefined) {
      value = make(text);
      if (this.byText.size >= this.max) this.byText.delete(this.byText.keys().next().value!);
      this.byText.set(text, value);
    }
    return value;
  }
}
