import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { BadRequest, validate } from '../../../src/platform/errors/index.js';

const schema = z.strictObject({
  symbol: z.string(), side: z.enum(['buy', 'sell']), quantity: z.union([z.string(), z.number()]), post_only: z.boolean().optional(),
});

/** The BadRequest validate throws for `data`. */
function refusal(data: unknown): BadRequest {
  try {
    validate(schema, data);
  } catch (err) {
    if (err instanceof BadRequest) return err;
    throw err;
  }
  assert.fail(`${JSON.stringify(data)} was accepted`);
}

describe('validate', () => {
  it('returns what the schema parses', () => {
    assert.deepEqual(validate(schema, { symbol: 'BTC-USD', side: 'buy', quantity: 1 }), { symbol: 'BTC-USD', side: 'buy', quantity: 1 });
  });

  it('says a missing field is required, naming it, whatever its type', () => {
    const err = refusal({ side: 'buy', quantity: 1 });
    assert.equal(err.message, 'symbol: required');
    assert.equal(err.field, 'symbol');
    assert.equal(refusal({ symbol: 'BTC-USD', quantity: 1 }).message, 'side: required');
    assert.equal(refusal({ symbol: 'BTC-USD', side: 'buy' }).message, 'quantity: required');
  });

  it('keeps the schema\'s own message for a field that is there but wrong, and names unknown fields', () => {
    assert.match(refusal({ symbol: 7, side: 'buy', quantity: 1 }).message, /^symbol: .*expected string, received number/);
    assert.match(refusal({ symbol: 'BTC-USD', side: 'hold', quantity: 1 }).message, /^side: .*"buy"\|"sell"/);
    assert.match(refusal({ symbol: 'BTC-USD', side: 'buy', quantity: 1, post_only: 'yes' }).message, /^post_only: .*expected boolean/);
    assert.match(refusal({ symbol: 'BTC-USD', side: 'buy', quantity: 1, colour: 'red' }).message, /^colour: /);
  });
});
