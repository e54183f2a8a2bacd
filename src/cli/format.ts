/**
 * Number and money formatting shared by the operator commands (health, orders, positions,
 * pnl, kill-switch, halt). The API's risk figures are integers: money in dollar micro-units
 * (1e-6 $), prices in ticks and quantities in lots; these helpers turn them into what a person reads.
 */
import { MICROS } from '../contracts/trading.js';

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
