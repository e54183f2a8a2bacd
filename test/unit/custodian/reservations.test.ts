import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SETTLEMENT_CODES } from '../../../src/services/custodian/core/index.js';
import { AAPL, BTC, dollars, newCustody, trade } from './helpers.js';

describe('accounts', () => {
  it('opens unknown accounts with the default balances on first use', () => {
    const custody = newCustody({ defaultBalances: { USD: dollars(500) } });
    assert.deepEqual(custody.balances('carol'), { USD: { total: dollars(500), available: dollars(500), reserved: 0, pendingIn: 0, pendingOut: 0 } });
    assert.deepEqual(custody.buyingPower('carol', BTC.symbol), { quoteAvailable: dollars(500), baseAvailable: 0 });
  });

  it('openAccount sets the starting balances once and is idempotent', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(10), BTC: 300 });
    custody.openAccount('alice', { USD: dollars(99) });
    assert.deepEqual(custody.buyingPower('alice', BTC.symbol), { quoteAvailable: dollars(10), baseAvailable: 300 });
    assert.throws(() => custody.openAccount('bob', { USD: -1 }), RangeError);
    assert.throws(() => custody.openAccount('', {}), TypeError);
  });
});

describe('reserve and release', () => {
  it('a buy reserves its notional of USD, a sell its quantity of the base asset', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(100), BTC: 1_000 });
    assert.deepEqual(custody.reserve({ orderId: 1, account: 'alice', symbol: BTC.symbol, side: 'buy', priceTicks: 6_500_000, qtyLots: 2 }), { ok: true });
    assert.deepEqual(custody.reserve({ orderId: 2, account: 'alice', symbol: BTC.symbol, side: 'sell', priceTicks: 6_600_000, qtyLots: 3 }), { ok: true });
    const b = custody.balances('alice');
    assert.deepEqual(b.USD, { total: dollars(100), available: dollars(87), reserved: dollars(13), pendingIn: 0, pendingOut: 0 });
    assert.deepEqual(b.BTC, { total: 1_000, available: 700, reserved: 300, pendingIn: 0, pendingOut: 0 });
  });

  it('release returns what is still reserved; releasing again or an unknown order changes nothing', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(1_000) });
    custody.reserve({ orderId: 5, account: 'alice', symbol: AAPL.symbol, side: 'buy', priceTicks: 19_000, qtyLots: 3 });
    assert.equal(custody.balances('alice').USD!.reserved, dollars(570));
    custody.release(5);
    custody.release(5);
    custody.release(404);
    assert.deepEqual(custody.balances('alice').USD, { total: dollars(1_000), available: dollars(1_000), reserved: 0, pendingIn: 0, pendingOut: 0 });
  });

  it('refuses with CUSTODY_INSUFFICIENT_FUNDS, naming account, asset, needed and available, and reserves nothing', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(100), BTC: 50 });
    const buy = custody.reserve({ orderId: 1, account: 'alice', symbol: AAPL.symbol, side: 'buy', priceTicks: 19_000, qtyLots: 1 });
    assert.equal(buy.ok, false);
    assert.ok(!buy.ok && buy.code === 'CUSTODY_INSUFFICIENT_FUNDS');
    assert.match(buy.message, /alice/);
    assert.match(buy.message, /USD/);
    assert.match(buy.message, new RegExp(`${dollars(190)}\\b`));
    assert.match(buy.message, new RegExp(`${dollars(100)}\\b`));
    const sell = custody.reserve({ orderId: 2, account: 'alice', symbol: BTC.symbol, side: 'sell', priceTicks: 6_500_000, qtyLots: 1 });
    assert.ok(!sell.ok && /BTC/.test(sell.message) && /\b100\b/.test(sell.message) && /\b50\b/.test(sell.message));
    assert.deepEqual(custody.buyingPower('alice', BTC.symbol), { quoteAvailable: dollars(100), baseAvailable: 50 });
    assert.ok('CUSTODY_INSUFFICIENT_FUNDS' in SETTLEMENT_CODES);
  });

  it('reserves exactly the available amount, then refuses the next micro', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(190) });
    const order = { account: 'alice', symbol: AAPL.symbol, side: 'buy' as const, priceTicks: 19_000, qtyLots: 1 };
    assert.deepEqual(custody.reserve({ ...order, orderId: 1 }), { ok: true });
    assert.equal(custody.reserve({ ...order, orderId: 2, priceTicks: 1 }).ok, false);
  });

  it('throws on caller bugs: unknown symbol, bad quantity, a second reservation for one order', () => {
    const custody = newCustody();
    const order = { orderId: 1, account: 'alice', symbol: BTC.symbol, side: 'buy' as const, priceTicks: 100, qtyLots: 1 };
    assert.throws(() => custody.reserve({ ...order, symbol: 'NOPE' }), /unknown instrument NOPE/);
    assert.throws(() => custody.reserve({ ...order, qtyLots: 0 }), /qtyLots/);
    assert.throws(() => custody.reserve({ ...order, priceTicks: 1.5 }), /priceTicks/);
    custody.reserve(order);
    assert.throws(() => custody.reserve(order), /already holds a reservation/);
  });
});

describe('reservations and trades', () => {
  it('a buy filled below its limit keeps the difference reserved until release', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(1_000) });
    custody.openAccount('bob', { BTC: 1_000 });
    custody.reserve({ orderId: 1, account: 'alice', symbol: BTC.symbol, side: 'buy', priceTicks: 6_600_000, qtyLots: 4 }); // $26.40
    custody.reserve({ orderId: 2, account: 'bob', symbol: BTC.symbol, side: 'sell', priceTicks: 6_500_000, qtyLots: 4 });
    custody.onTrade(trade({ priceTicks: 6_500_000, qtyLots: 3 })); // $19.50 at the better price
    assert.deepEqual(custody.balances('alice').USD, { total: dollars(1_000), available: dollars(973.6), reserved: dollars(6.9), pendingIn: 0, pendingOut: dollars(19.5) });
    assert.deepEqual(custody.balances('bob').BTC, { total: 1_000, available: 600, reserved: 100, pendingIn: 0, pendingOut: 300 });
    assert.equal(custody.balances('alice').BTC!.pendingIn, 300);
    assert.equal(custody.balances('bob').USD!.pendingIn, dollars(19.5));
    custody.release(1);
    custody.release(2);
    assert.deepEqual(custody.balances('alice').USD, { total: dollars(1_000), available: dollars(980.5), reserved: 0, pendingIn: 0, pendingOut: dollars(19.5) });
    assert.equal(custody.balances('bob').BTC!.available, 700);
  });

  it('takes an unreserved trade from available', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(100) });
    custody.openAccount('bob', { BTC: 100 });
    custody.onTrade(trade({ buyOrderId: 70, sellOrderId: 71 }));
    assert.deepEqual(custody.balances('alice').USD, { total: dollars(100), available: dollars(93.5), reserved: 0, pendingIn: 0, pendingOut: dollars(6.5) });
    assert.deepEqual(custody.balances('bob').BTC, { total: 100, available: 0, reserved: 0, pendingIn: 0, pendingOut: 100 });
  });

  it('refuses a trade against another account or asset\'s reservation, before changing anything', () => {
    const custody = newCustody();
    custody.openAccount('alice', { USD: dollars(100) });
    custody.reserve({ orderId: 1, account: 'alice', symbol: BTC.symbol, side: 'buy', priceTicks: 6_500_000, qtyLots: 1 });
    const before = custody.balances('alice');
    assert.throws(() => custody.onTrade(trade({ buyAccount: 'carol' })), /order 1 reserved USD of account "alice"/);
    assert.throws(() => custody.onTrade(trade({ buyOrderId: 9, sellOrderId: 1, sellAccount: 'alice' })), /needs BTC/);
    assert.deepEqual(custody.balances('alice'), before);
  });
});
