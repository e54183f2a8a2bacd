import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { idParam, wholeNumberParam } from '../../../src/platform/http/index.js';

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

describe('idParam', () => {
  const query = z.object({ before: idParam() });

  it('takes decimal digits as a number, and nothing when absent', () => {
    assert.deepEqual(query.parse({ before: '1234' }), { before: 1234 });
    assert.deepEqual(query.parse({}), {});
  });

  it('refuses anything else that Number() would take', () => {
    for (const before of ['0', '-1', '0x10', '1e3', '1.5', ' 12', '', ['1', '2']]) {
      const r = query.safeParse({ before });
      assert.ok(!r.success, String(before));
      assert.equal(r.error.issues[0]!.message, 'expected an id: a positive whole number', String(before));
    }
  });
});
