import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bookLines } from '../../../src/cli/commands/halt.js';

const book = { symbol: 'BTC-USD', seq: 7, best_bid: '64000.00', best_ask: '64000.05', reference_price: '64000.00', last_trade_price: null, resting_orders: 3 };

describe('halt and resume output', () => {
  it('an open book says so, with its resting orders', () => {
    assert.match(bookLines({ ...book, halted: false, halt_level: 0, halt_until: null }), /^BTC-USD: .*OPEN.*\n {2}halted: false\n {2}resting orders: 3\n$/);
  });

  it('a circuit-breaker halt shows its level and when it ends; an operator halt how to resume it', () => {
    const breaker = bookLines({ ...book, halted: true, halt_level: 2, halt_until: '2026-12-07T02:15:00.000Z' });
    assert.match(breaker, /^ {2}level: {2}2 \(circuit breaker\)$/m);
    assert.match(breaker, /^ {2}until: {2}2026-12-07T02:15:00\.000Z$/m);
    const operator = bookLines({ ...book, halted: true, halt_level: 0, halt_until: null });
    assert.match(operator, /^ {2}level: {2}0 \(operator halt\)$/m);
    assert.match(operator, /^ {2}until: {2}resumed by an operator: tradewatch resume --symbol BTC-USD$/m);
  });
});
