import { z } from 'zod';

/**
 * Market-data messages on the bus and the API. Prices are integer ticks and sizes integer lots;
 * an instrument's tickSize and lotSize turn them into decimals at the edge (ticksToDecimal).
 */

/** A sign is let through so that "-5" is told it must be positive, not that it is no decimal. */
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

/** A positive decimal, as text ("0.01", exact) or a number (0.01, converted via its shortest text). */
export const positiveDecimalSchema = z
  .union([z.string().regex(DECIMAL_TEXT, 'expected a decimal such as "0.01"'), z.number()])
  .refine((v) => Number(v) > 0, 'must be greater than zero');

export const assetClassSchema = z.enum(['crypto', 'stablecoin', 'equity']);

export const instrumentSpecSchema = z.object({
  /** Upper-case, dash-separated, no dots: symbols are bus subject tokens. */
  symbol: z.string().regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, 'expected a symbol such as "BTC-USD"'),
  assetClass: assetClassSchema,
  tickSize: positiveDecimalSchema,
  lotSize: positiveDecimalSchema,
  initialPrice: positiveDecimalSchema,
  /** Annualised volatility over a 24/7 year (the venue never closes). Ignored for stablecoins. */
  volatility: z.number().positive().max(5).optional(),
  /** Loading on the instrument's asset-class factor: sets how correlated it is with its peers. */
  beta: z.number().min(0).max(0.99).optional(),
  /** Expected number of price jumps per simulated day. */
  jumpsPerDay: z.number().min(0).max(1000).optional(),
});

const ticks = z.number().int().positive();
const lots = z.number().int().positive();
const timestampMs = z.number().nonnegative();

/** One L2 change: the level's new quantity in lots; 0 removes the level. */
export const bookChangeSchema = z.object({
  side: z.enum(['bid', 'ask']),
  price: ticks,
  qty: z.number().int().nonnegative(),
});

export const marketUpdateSchema = z
  .object({
    symbol: z.string(),
    /** Per symbol: starts at 1 and grows by exactly 1 per update. */
    seq: z.number().int().positive(),
    ts: timestampMs,
    bid: ticks,
    ask: ticks,
    last: ticks,
    bidSize: lots,
    askSize: lots,
    changes: z.array(bookChangeSchema),
  })
  .refine((u) => u.bid < u.ask, { message: 'bid must be below ask', path: ['bid'] });

/** [price in ticks, quantity in lots]. */
export const bookLevelSchema = z.tuple([ticks, lots]);

export const bookSnapshotSchema = z.object({
  symbol: z.string(),
  /** The seq of the last update this book includes (0: none yet). */
  seq: z.number().int().nonnegative(),
  ts: timestampMs,
  /** Best first: bids descending, asks ascending. */
  bids: z.array(bookLevelSchema),
  asks: z.array(bookLevelSchema),
});

export type AssetClass = z.infer<typeof assetClassSchema>;
export type Decimal = z.infer<typeof positiveDecimalSchema>;
export type InstrumentSpec = z.infer<typeof instrumentSpecSchema>;
export type BookChange = z.infer<typeof bookChangeSchema>;
export type MarketUpdate = z.infer<typeof marketUpdateSchema>;
export type BookLevel = z.infer<typeof bookLevelSchema>;
export type BookSnapshot = z.infer<typeof bookSnapshotSchema>;

/** A decimal as whole digits and a power of ten: "65123.45" -> { digits: "6512345", scale: 2 }. */
interface DecimalParts {
  digits: string;
  scale: number;
  /** `digits` as a number when that is exact (up to 15 digits), else NaN: conversions then need no BigInt. */
  small: number;
}

function decimalParts(value: Decimal): DecimalParts {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) throw new RangeError(`not a non-negative decimal: ${text}`);
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const digits = scale >= 0 ? whole + fraction : whole + fraction + '0'.repeat(-scale);
  return { digits, scale: Math.max(scale, 0), small: digits.length <= 15 ? Number(digits) : NaN };
}

/** Increments (tick and lot sizes) are few and used on every conversion: parse each once. */
const incrementCache = new Map<Decimal, DecimalParts>();

function incrementParts(increment: Decimal): DecimalParts {
  let parts = incrementCache.get(increment);
  if (parts === undefined) {
    parts = decimalParts(increment);
    if (incrementCache.size < 1024) incrementCache.set(increment, parts);
  }
  return parts;
}

/**
 * Integer units of `increment` as an exact decimal string with the increment's decimal places:
 * (6512345, "0.01") -> "65123.45"; (5, "0.0001") -> "0.0005". Works for lots and lotSize too.
 */
export function ticksToDecimal(units: number, increment: Decimal): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not an integer number of units: ${units}`);
  const { digits, scale, small } = incrementParts(increment);
  const magnitude = Math.abs(units);
  // A product that is a safe integer is exact; a larger (or NaN) one takes BigInt.
  const product = magnitude * small;
  const total = Number.isSafeInteger(product) ? String(product) : (BigInt(magnitude) * BigInt(digits)).toString();
  const text = total.padStart(scale + 1, '0');
  const sign = units < 0 ? '-' : '';
  if (scale === 0) return sign + text;
  return `${sign}${text.slice(0, -scale)}.${text.slice(-scale)}`;
}

/** A decimal price or size in whole increments, rounded half-up to the nearest one: ("65123.456", "0.01") -> 6512346. */
export function decimalToTicks(value: Decimal, increment: Decimal): number {
  const v = decimalParts(value);
  const step = incrementParts(increment);
  // value / increment = (v.digits * 10^step.scale) / (step.digits * 10^v.scale)
  const numerator = v.small * 10 ** step.scale;
  const denominator = step.small * 10 ** v.scale;
  // Exact as numbers while everything the rounding below computes stays a safe integer.
  if (denominator > 0 && Number.isSafeInteger(numerator + denominator)) return roundedQuotient(numerator, denominator);
  const big = BigInt(v.digits) * 10n ** BigInt(step.scale);
  const bigDenominator = BigInt(step.digits) * 10n ** BigInt(v.scale);
  return Number((2n * big + bigDenominator) / (2n * bigDenominator));
}

/** numerator / denominator rounded half-up, exactly, for safe non-negative integers (denominator > 0). */
function roundedQuotient(numerator: number, denominator: number): number {
  let quotient = Math.floor(numerator / denominator);
  // The float division can land one off next to a whole number: the remainder puts it right.
  let remainder = numerator - quotient * denominator;
  if (remainder < 0) {
    quotient--;
    remainder += denominator;
  } else if (remainder >= denominator) {
    quotient++;
    remainder -= denominator;
  }
  return remainder >= denominator - remainder ? quotient + 1 : quotient;
}
