import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QUOTE_ASSET } from '../../../src/contracts/trading.js';
import { newCustody, trade } from './helpers.js';

describe('custody: resuming unfinished settlements after a restart', () => {
  it('a pending settlement from the last run settles when due, with both sides paid', () => {
    const before = newCustody();
    const pending = before.onTrade(trade({ timeMs: 1_000 }));
    const after = newCustody();
    const usdBefore = after.balances('alice')[QUOTE_ASSET]!.available;
    after.resume(pending);
    assert.equal(after.balances('alice')[QUOTE_ASSET]!.available, usdBefore - pending.quoteMicros, 'the buyer pays out of available');
    assert.equal(after.balances('bob')[QUOTE_ASSET]!.pendingIn, pending.quoteMicros);
    after.resume(pending);
    assert.equal(after.stats(0).pending, 1, 'resuming twice is harmless');
    const [event] = after.tick(pending.dueMs);
    assert.equal(event!.type, 'settled');
    assert.equal(after.balances('bob')[QUOTE_ASSET]!.pendingIn, 0);
  });

  it('refuses a final settlement', () => {
    const c = newCustody();
    const s = c.onTrade(trade());
    const [settled] = c.tick(s.dueMs);
    assert.throws(() => newCustody().resume(settled!.settlement), /only pending or retried/);
  });
});
