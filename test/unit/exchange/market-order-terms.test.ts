import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SubmitOrder } from '../../../src/contracts/orders.js';
import { ExchangeState, type JournalEntry } from '../../../src/services/exchange/core/index.js';

const market = (over: Partial<SubmitOrder> = {}): JournalEntry => ({
  kind: 'order', timeMs: 0,
  command: { kind: 'submit', account: 'alice', symbol: 'AAA', side: 'buy', type: 'market', price: null, qty: 1, tif: 'IOC', postOnly: false, clientOrderId: null, ...over },
});

describe('the terms a market order takes', () => {
  it('is IOC and never post-only: anything else is refused (400) naming the field', () => {
    const state = new ExchangeState(['AAA'], {}, {});
    for (const [over, message] of [
      [{ tif: 'GTC' }, /^time_in_force: a market order is IOC .*not GTC/],
      [{ tif: 'FOK' }, /^time_in_force: a market order is IOC .*not FOK; for all or nothing, send a limit order with FOK$/],
      [{ postOnly: true }, /^post_only: a market order takes liquidity/],
    ] as const) {
      const r = state.process(market(over));
      assert.ok(!r.journal, `${JSON.stringify(over)} refused`);
      assert.deepEqual([r.error.code, r.error.status], ['INVALID_REQUEST', 400]);
      assert.match(r.error.message, message);
    }
    const ioc = state.process(market());
    assert.ok(ioc.journal);
    assert.deepEqual([ioc.reply?.order.tif, ioc.reply?.order.status, ioc.reply?.order.reason], ['IOC', 'cancelled', 'market-remainder']);
  });

  it('replays a journaled market order marked GTC as it went then (journals from before the rule)', () => {
    const state = new ExchangeState(['AAA'], {}, {});
    const r = state.process(market({ tif: 'GTC' }), 'replay');
    assert.ok(r.journal);
    assert.equal(r.reply?.order.status, 'cancelled');
  });
});
