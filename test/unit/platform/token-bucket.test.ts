import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../../../src/platform/rate/index.js';

describe('token bucket', () => {
  it('says how long until the next token once empty, and nothing while one is there', () => {
    const bucket = new TokenBucket();
    assert.equal(bucket.lastTakeMs, null);
    assert.ok(bucket.take(1000, 2));
    assert.equal(bucket.msUntilNext(2), 0, 'a second token is left');
    assert.ok(bucket.take(1000, 2));
    assert.ok(!bucket.take(1100, 2));
    assert.equal(bucket.msUntilNext(2), 400, '100 ms refilled 0.2 of a token; the other 0.8 take 400 ms at 2 a second');
    assert.equal(bucket.lastTakeMs, 1100);
  });
});
