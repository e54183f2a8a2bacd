import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { wholeNumberParam } from '../../../src/platform/http/index.js';

describe('wholeNumberParam', () => {
  const query = z.object({ limit: wholeNumberParam(1, 1000, 100) });

  it('takes a whole number in range from the query string, and the fallback when absent', () => {
    assert.deepEqual(query.parse({ limit: '7' }), { limit: 7 });
    assert.deepEqual(query.parse({}), { limit: 100 });
  });

  it('says the same thing however the value is wrong: not a number, not whole, out of range, given twice', () => {
    for (const limit of ['abc', '1.5', '0', '1001', ['1', '2']]) {
      const r = query.safeParse({ limit });
      assert.ok(!r.success, String(limit));
      assert.equal(r.error.issues[0]!.message, 'expected a whole number from 1 to 1000', String(limit));
    }
  });
});
