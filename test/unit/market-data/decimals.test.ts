import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decimalToTicks, positiveDecimalSchema, ticksToDecimal } from '../../../src/contracts/market-data.js';

/** Increments as instruments configure them, from coarse to very fine (the finest need BigInt). */
const INCREMENTS = ['1', '25', '0.5', '0.01', '0.0001', '0.00000001', '0.000000000000000001', '12345678.9'];

/** A decimal string as an exact fraction: digits / 10^scale. */
function exact(decimal: string): { digits: bigint; scale: bigint } {
  const [whole = '', fraction = ''] = decimal.split('.');
  return { digits: BigInt(whole + fraction), scale: BigInt(fraction.length) };
}

const decimalText = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 })).map(([digits, scale]) => {
  const text = digits.toString().padStart(scale + 1, '0');
  return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
});

describe('decimal conversions at the API edge', () => {
  it('ticksToDecimal is exactly units x increment, whether numbers or BigInt do the work', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), fc.constantFrom(...INCREMENTS), (units, increment) => {
      const text = ticksToDecimal(units, increment);
      const got = exact(text.replace('-', ''));
      const inc = exact(increment);
      assert.equal(got.scale, inc.scale, 'as many decimal places as the increment');
      assert.equal((text.startsWith('-') ? -1n : 1n) * got.digits, BigInt(units) * inc.digits, text);
    }), { numRuns: 3000 });
  });

  it('decimalToTicks rounds value / increment half up, exactly, whether numbers or BigInt do the work', () => {
    fc.assert(fc.property(decimalText, fc.constantFrom(...INCREMENTS), (value, increment) => {
      const v = exact(value);
      const inc = exact(increment);
      const numerator = v.digits * 10n ** inc.scale;
      const denominator = inc.digits * 10n ** v.scale;
      assert.equal(decimalToTicks(value, increment), Number((2n * numerator + denominator) / (2n * denominator)), `${value} / ${increment}`);
    }), { numRuns: 3000 });
  });

  it('takes exact halves up and values next to a whole increment to it, including past 15 digits', () => {
    assert.equal(decimalToTicks('0.005', '0.01'), 1);
    assert.equal(decimalToTicks('0.0049999999999999', '0.01'), 0);
    assert.equal(decimalToTicks('9007199254740.99', '0.01'), 900719925474099);
    assert.equal(decimalToTicks('1e2', '0.5'), 200);
    assert.equal(ticksToDecimal(-12, '0.5'), '-6.0');
    assert.equal(ticksToDecimal(Number.MAX_SAFE_INTEGER, '0.01'), '90071992547409.91');
  });

  it('a positive decimal: text or number above zero; a negative or zero one is told to be above zero, other text to be a decimal', () => {
    assert.equal(positiveDecimalSchema.parse('0.01'), '0.01');
    assert.equal(positiveDecimalSchema.parse(2), 2);
    // The API answers with the first issue.
    const message = (v: unknown) => positiveDecimalSchema.safeParse(v).error?.issues[0]?.message;
    for (const v of ['-5', '-0.01', '0', '0.000', -1, 0]) assert.equal(message(v), 'must be greater than zero', String(v));
    for (const v of ['1e3', '0x10', '.5', '5.', ' 5', '+5', '']) assert.equal(message(v), 'expected a decimal such as "0.01"', v);
  });
});
