/**
 * Number, money and status formatting shared by the operator commands (health, orders, positions,
 * pnl, kill-switch, halt). The API's risk figures are integers: money in dollar micro-units
 * (1e-6 $), prices in ticks and quantities in lots; these helpers turn them into what a person reads.
 */
import { MICROS } from '../contracts/trading.js';
import { formatTable } from './output.js';
import { colour, paint } from './terminal.js';

/** Dollar micro-units as dollars with 2 decimals and thousands separators: -1234567890 -> "-1,234.57". */
export function dollars(micros: number): string {
  const cents = Math.round((micros * 100) / MICROS);
  const text = (Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return cents < 0 ? `-${text}` : text;
}

/** Dollar micro-units as a JSON number of dollars, rounded to the cent. */
export function dollarValue(micros: number): number {
  return Math.round((micros * 100) / MICROS) / 100 || 0;
}

/** Digits after the point of a decimal increment: "0.01" -> 2, "1" -> 0, 1e-7 -> 7. */
function scaleOf(increment: string | number): number {
  const text = typeof increment === 'number' ? increment.toFixed(20).replace(/0+$/, '') : increment;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * A count of increments (ticks, lots; may be fractional, as an average price is) as a decimal
 * with at least `minDecimals` and at most the increment's own decimals: (650123.5, "0.01") -> "6501.24".
 */
export function fromUnits(units: number, increment: string | number, minDecimals = 0): string {
  const value = units * Number(increment);
  const text = value.toFixed(Math.max(minDecimals, scaleOf(increment)));
  return Number(text) === 0 ? text.replace(/^-/, '') : text;
}

/** A percentage with one decimal: 42.456 -> "42.5%". */
export const percent = (pct: number): string => `${pct.toFixed(1)}%`;

/** Milliseconds, or "-" when unknown. */
export const millis = (ms: number | undefined | null): string => (ms === undefined || ms === null ? '-' : `${Math.round(ms)} ms`);

/** Milliseconds since the epoch as ISO time, or "-". */
export const isoTime = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '-' : new Date(ms).toISOString());

/** OK green, WARN and DEGRADED yellow, FAIL, CRIT and DOWN red (on a terminal only). */
export function statusWord(word: string): string {
  if (word === 'FAIL' || word === 'DOWN') return paint(word, 'red');
  if (word === 'DEGRADED') return paint(word, 'yellow');
  return colour(word);
}

/**
 * formatTable, with the cells of column `col` coloured by statusWord: the padding is worked out on
 * the plain text first, so colour codes never shift the columns.
 */
export function formatStatusTable(headers: string[], rows: string[][], col: number): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const offset = widths.slice(0, col).reduce((sum, w) => sum + w + 2, 0);
  const [head = '', ...body] = formatTable(headers, rows).split('\n');
  return [head, ...body.map((line, i) => {
    const word = rows[i]?.[col] ?? '';
    return word ? `${line.slice(0, offset)}${statusWord(word)}${line.slice(offset + word.length)}` : line;
  })].join('\n');
}
