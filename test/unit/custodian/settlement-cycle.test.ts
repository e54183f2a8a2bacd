import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CUSTODY_CONFIG, SETTLEMENT_CODES } from '../../../src/services/custodian/core/index.js';
import { AAPL, ALWAYS_FAIL, BTC, dollars, newCustody, trade, USDC } from './helpers.js';

const DAY_MS = 86_400_000;

describe('settlement timing', () => {
  it('settles crypto and stablecoins T+0 after 2 s and equities T+1, on the injected clock', () => {
    const custody = newCustody();
    const btc = custody.onTrade(trade({ timeMs: 1_000 }));
    const usdc = custody.onTrade(trade({ symbol: USDC.symbol, priceTicks: 10_000, timeMs: 1_000 }));
    const aapl = custody.onTrade(trade({ symbol: AAPL.symbol, priceTicks: 19_000, timeMs: 1_000 }));
    assert.deepEqual([btc.dueMs, usdc.dueMs, aapl.dueMs], [3_000, 3_000, 1_000 + DAY_MS]);
    assert.deepEqual(custody.tick(2_999), []);
    assert.deepEqual(custody.tick(3_000).map((e) => [e.type, e.settlement.tradeId]), [['settled', btc.tradeId], ['settled', usdc.tradeId]]);
    assert.deepEqual(custody.tick(DAY_MS), []);
    const [late] = custody.tick(DAY_MS + 1_000);
    assert.equal(late?.settlement.tradeId, aapl.tradeId);
    assert.equal(late?.settlement.settledMs, DAY_MS + 1_000);
  });

  it('honours a T+2 equity configuration', () => {
    const custody = newCustody({ settleAfterMs: { ...DEFAULT_CUSTODY_CONFIG.settleAfterMs, equity: 2 * DAY_MS } });
    assert.equal(custody.onTrade(trade({ symbol: AAPL.symbol, priceTicks: 19_000 })).dueMs, 2 * DAY_MS);
  });

  it('attempts due settlements in due order, then trade id', () => {
    const custody = newCustody();
    const ids = [trade({ tradeId: 10_003, timeMs: 5 }), trade({ tradeId: 10_002, timeMs: 5 }), trade({ tradeId: 10_001, timeMs: 7 })]
      .map((t) => custody.onTrade(t).tradeId);
    assert.deepEqual(ids, [10_003, 10_002, 10_001]);
    assert.deepEqual(custody.tick(10_000).map((e) => e.settlement.tradeId), [10_002, 10_003, 10_001]);
  });

  it('attempts the due set fixed when attemptsDue is called, one per step: trades and retries meanwhile wait for a later tick', () => {
    const config = { retryDelayMs: 0, settleAfterMs: { ...DEFAULT_CUSTODY_CONFIG.settleAfterMs, crypto: 0 } };
    const draws = [0.999, 0, 0.999, 0.999]; // the second attempt fails and is retried with no delay
    const custody = newCustody(config, () => draws.shift() ?? 0.999);
    const twin = newCustody(config, () => 0.999);
    const ids = [1, 2, 3].map(() => custody.onTrade(trade()).tradeId);
    const steps = custody.attemptsDue(0);
    assert.equal(steps.next().value?.type, 'settled');
    assert.equal(custody.settlement(ids[1]!)?.state, 'pending', 'nothing is attempted before its step');
    assert.equal(steps.next().value?.type, 'retried');
    const late = custody.onTrade(trade()); // due at once, but after the set was fixed
    assert.deepEqual([...steps].map((e) => [e.type, e.settlement.tradeId]), [['settled', ids[2]]]);
    assert.deepEqual(custody.tick(0).map((e) => [e.type, e.settlement.tradeId]), [['settled', ids[1]], ['settled', late.tradeId]]);
    assert.equal(twin.tick(0).length, 0, 'an empty queue yields nothing');
  });
});

describe('settlement outcomes', () => {
  it('settles both legs: the buyer gets the base asset, the seller the dollars', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(100) });
    custody.openAccount('bob', { BTC: 500 });
    custody.reserve({ orderId: 1, account: 'alice', symbol: BTC.symbol, side: 'buy', priceTicks: 6_500_000, qtyLots: 2 });
    custody.reserve({ orderId: 2, account: 'bob', symbol: BTC.symbol, side: 'sell', priceTicks: 6_500_000, qtyLots: 2 });
    const s = custody.onTrade(trade({ qtyLots: 2 }));
    assert.deepEqual([s.state, s.qtyMicros, s.quoteMicros, s.baseAsset, s.settlementId], ['pending', 200, dollars(13), 'BTC', `stl-${s.tradeId}`]);
    const [event] = custody.tick(2_000);
    assert.equal(event?.type, 'settled');
    assert.deepEqual(custody.balances('alice'), {
      BTC: { total: 200, available: 200, reserved: 0, pendingIn: 0, pendingOut: 0 },
      USD: { total: dollars(87), available: dollars(87), reserved: 0, pendingIn: 0, pendingOut: 0 },
    });
    assert.deepEqual(custody.balances('bob'), {
      BTC: { total: 300, available: 300, reserved: 0, pendingIn: 0, pendingOut: 0 },
      USD: { total: dollars(13), available: dollars(13), reserved: 0, pendingIn: 0, pendingOut: 0 },
    });
    assert.deepEqual(custody.settlement(s.tradeId)?.history.map((h) => h.state), ['pending', 'settled']);
  });

  it('with every attempt failing, retries maxAttempts - 1 times, then fails for good and returns the assets', () => {
    const custody = newCustody({}, ALWAYS_FAIL);
    custody.openAccount('alice', { USD: dollars(100) });
    custody.openAccount('bob', { BTC: 500 });
    const before = { alice: custody.balances('alice'), bob: custody.balances('bob') };
    custody.reserve({ orderId: 1, account: 'alice', symbol: BTC.symbol, side: 'buy', priceTicks: 6_500_000, qtyLots: 1 });
    custody.reserve({ orderId: 2, account: 'bob', symbol: BTC.symbol, side: 'sell', priceTicks: 6_500_000, qtyLots: 1 });
    const s = custody.onTrade(trade());
    custody.release(1);
    custody.release(2);
    const events = [...custody.tick(2_000), ...custody.tick(31_999), ...custody.tick(32_000), ...custody.tick(62_000), ...custody.tick(10 ** 9)];
    assert.deepEqual(events.map((e) => [e.type, e.timeMs, e.settlement.attempts]), [['retried', 2_000, 1], ['retried', 32_000, 2], ['failed', 62_000, 3]]);
    const final = custody.settlement(s.tradeId)!;
    assert.deepEqual([final.state, final.reason, final.settledMs, final.dueMs], ['failed', 'SETTLEMENT_COUNTERPARTY_TIMEOUT', null, 62_000]);
    assert.deepEqual(final.history.map((h) => [h.state, h.timeMs]), [['pending', 0], ['retried', 2_000], ['retried', 32_000], ['failed', 62_000]]);
    assert.deepEqual({ alice: custody.balances('alice'), bob: custody.balances('bob') }, {
      alice: { ...before.alice, BTC: { total: 0, available: 0, reserved: 0, pendingIn: 0, pendingOut: 0 } },
      bob: { ...before.bob, USD: { total: 0, available: 0, reserved: 0, pendingIn: 0, pendingOut: 0 } },
    });
    assert.equal(events[0]!.settlement.state, 'retried', 'events keep the state they reported');
  });

  it('fails an unfunded trade for good at its first attempt with SETTLEMENT_INSUFFICIENT_BALANCE', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(5) });
    custody.openAccount('bob', { BTC: 100 });
    custody.onTrade(trade({ buyOrderId: 80, sellOrderId: 81 }));
    assert.equal(custody.balances('alice').USD!.available, dollars(-1.5));
    const [event] = custody.tick(2_000);
    assert.deepEqual([event?.type, event?.settlement.reason, event?.settlement.attempts], ['failed', 'SETTLEMENT_INSUFFICIENT_BALANCE', 1]);
    assert.ok('SETTLEMENT_INSUFFICIENT_BALANCE' in SETTLEMENT_CODES);
    assert.deepEqual(custody.balances('alice').USD, { total: dollars(5), available: dollars(5), reserved: 0, pendingIn: 0, pendingOut: 0 });
    assert.equal(custody.balances('bob').BTC!.available, 100);
  });
});

describe('bookkeeping', () => {
  it('onTrade is idempotent by trade id', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(100) });
    const t = trade();
    const first = custody.onTrade(t);
    assert.deepEqual(custody.onTrade(t), first);
    assert.equal(custody.balances('alice').USD!.pendingOut, dollars(6.5));
    assert.equal(custody.tick(2_000).length, 1);
    assert.equal(custody.onTrade(t).state, 'settled');
    assert.equal(custody.tick(10 ** 9).length, 0);
  });

  it('counts pending, retrying and finished settlements and ages the oldest unfinished one', () => {
    const custody = newCustody({ failureRate: 0.5 }, (() => { const draws = [0.9, 0.1, 0.0]; return () => draws.shift() ?? 0.9; })());
    custody.onTrade(trade({ timeMs: 0 }));
    custody.onTrade(trade({ timeMs: 0 }));
    custody.onTrade(trade({ symbol: AAPL.symbol, priceTicks: 19_000, timeMs: 500 }));
    assert.deepEqual(custody.stats(1_000), { pending: 3, retrying: 0, settled: 0, failed: 0, oldestPendingAgeMs: 1_000 });
    assert.deepEqual(custody.tick(2_000).map((e) => e.type), ['settled', 'retried']);
    assert.deepEqual(custody.stats(3_000), { pending: 1, retrying: 1, settled: 1, failed: 0, oldestPendingAgeMs: 3_000 });
    custody.tick(40_000);
    assert.deepEqual(custody.stats(40_000), { pending: 1, retrying: 0, settled: 2, failed: 0, oldestPendingAgeMs: 39_500 });
  });

  it('forgets the oldest finished settlements beyond retainFinished, never unfinished ones', () => {
    const custody = newCustody({ retainFinished: 2 });
    const ids = [0, 1, 2].map(() => custody.onTrade(trade()).tradeId);
    const equity = custody.onTrade(trade({ symbol: AAPL.symbol, priceTicks: 19_000 })).tradeId;
    custody.tick(2_000);
    assert.deepEqual([...ids, equity].map((id) => custody.settlement(id)?.state), [undefined, 'settled', 'settled', 'pending']);
    assert.equal(custody.stats(2_000).settled, 3);
  });

  it('validates the failure rate and the configuration', () => {
    const custody = newCustody({}, ALWAYS_FAIL);
    assert.throws(() => custody.setFailureRate(1.5), /between 0 and 1/);
    assert.throws(() => custody.setFailureRate(Number.NaN), RangeError);
    custody.setFailureRate(0);
    custody.onTrade(trade());
    assert.equal(custody.tick(2_000)[0]?.type, 'settled', 'rate 0 never fails, even on a draw of 0');
    assert.throws(() => newCustody({ maxAttempts: 0 }), /maxAttempts/);
    assert.throws(() => newCustody({ retryDelayMs: -1 }), /retryDelayMs/);
    assert.throws(() => newCustody({ settleAfterMs: { crypto: 2_000, stablecoin: 2_000 } as never }), /settleAfterMs.equity/);
    assert.throws(() => newCustody({ defaultBalances: { USD: 0.5 } }), /USD/);
    assert.throws(() => custody.onTrade(trade({ symbol: 'NOPE' })), /unknown instrument/);
    assert.throws(() => custody.onTrade(trade({ qtyLots: 0 })), /qtyLots/);
  });
});
