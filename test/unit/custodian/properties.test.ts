import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRng } from '../../../src/platform/random/index.js';
import type { Custody, SettlementEvent } from '../../../src/services/custodian/core/index.js';
import { AAPL, BTC, dollars, newCustody, trade, USDC } from './helpers.js';

const ACCOUNTS = ['a', 'b', 'c'] as const;
const SYMBOLS = [BTC.symbol, USDC.symbol, AAPL.symbol] as const;
/** Prices near each instrument's level, in its ticks. */
const PRICES: Record<string, fc.Arbitrary<number>> = {
  [BTC.symbol]: fc.integer({ min: 6_000_000, max: 7_000_000 }),
  [USDC.symbol]: fc.integer({ min: 9_900, max: 10_100 }),
  [AAPL.symbol]: fc.integer({ min: 18_000, max: 20_000 }),
};

type Side = 'buy' | 'sell';
type Op =
  | { kind: 'reserve'; orderId: number; account: string; symbol: string; side: Side; priceTicks: number; qtyLots: number }
  | { kind: 'trade'; buyOrderId: number; sellOrderId: number; buyAccount: string; sellAccount: string; symbol: string; priceTicks: number; qtyLots: number }
  | { kind: 'release'; orderId: number }
  | { kind: 'tick'; advanceMs: number };

const account = fc.constantFrom(...ACCOUNTS);
const orderId = fc.integer({ min: 1, max: 12 });
const qtyLots = fc.integer({ min: 1, max: 12 });
const symbolAndPrice = fc.constantFrom(...SYMBOLS).chain((symbol) => PRICES[symbol]!.map((priceTicks) => ({ symbol, priceTicks })));

const reserveOp: fc.Arbitrary<Op> = fc.tuple(orderId, account, fc.constantFrom<Side>('buy', 'sell'), qtyLots, symbolAndPrice)
  .map(([id, acc, side, qty, sp]) => ({ kind: 'reserve', orderId: id, account: acc, side, qtyLots: qty, ...sp }));
const tradeOp: fc.Arbitrary<Op> = fc.tuple(orderId, orderId, account, account, qtyLots, symbolAndPrice)
  .map(([buyOrderId, sellOrderId, buyAccount, sellAccount, qty, sp]) => ({ kind: 'trade', buyOrderId, sellOrderId, buyAccount, sellAccount, qtyLots: qty, ...sp }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: reserveOp },
  { weight: 5, arbitrary: tradeOp },
  { weight: 2, arbitrary: orderId.map((id): Op => ({ kind: 'release', orderId: id })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 40_000 }).map((advanceMs): Op => ({ kind: 'tick', advanceMs })) },
);

/** Small starting balances, so some orders are refused and some unreserved trades go unfunded. */
const startingBalances = fc.record({
  USD: fc.integer({ min: 0, max: dollars(5_000) }), BTC: fc.integer({ min: 0, max: 5_000 }), USDC: fc.integer({ min: 0, max: dollars(2_000) }), AAPL: fc.integer({ min: 0, max: dollars(20) }),
});

function totalsByAsset(custody: Custody): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const a of ACCOUNTS) for (const [asset, b] of Object.entries(custody.balances(a))) sums[asset] = (sums[asset] ?? 0) + b.total;
  for (const asset of Object.keys(sums)) if (sums[asset] === 0) delete sums[asset];
  return sums;
}

/** Runs the ops; a trade uses an order's reservation only when it fits the trade (else a fresh order id), as the exchange would. */
function run(custody: Custody, ops: Op[], afterEach: () => void): number {
  const reserved = new Map<number, { account: string; symbol: string; side: Side }>();
  let nowMs = 0;
  let tradeId = 0;
  for (const o of ops) {
    if (o.kind === 'reserve') {
      if (reserved.has(o.orderId)) continue;
      const { kind: _kind, ...request } = o;
      if (custody.reserve(request).ok) reserved.set(o.orderId, o);
    } else if (o.kind === 'release') {
      custody.release(o.orderId);
      reserved.delete(o.orderId);
    } else if (o.kind === 'tick') {
      nowMs += o.advanceMs;
      custody.tick(nowMs);
    } else {
      const buy = reserved.get(o.buyOrderId);
      const sell = reserved.get(o.sellOrderId);
      const buyFits = buy?.side === 'buy';
      const sellFits = sell?.side === 'sell' && sell.symbol === o.symbol;
      tradeId++;
      custody.onTrade(trade({
        tradeId, symbol: o.symbol, priceTicks: o.priceTicks, qtyLots: o.qtyLots, timeMs: nowMs,
        buyOrderId: buyFits ? o.buyOrderId : 1_000 + 2 * tradeId, buyAccount: buyFits ? buy.account : o.buyAccount,
        sellOrderId: sellFits ? o.sellOrderId : 1_001 + 2 * tradeId, sellAccount: sellFits ? sell.account : o.sellAccount,
      }));
    }
    afterEach();
  }
  for (const id of reserved.keys()) custody.release(id);
  return nowMs;
}

describe('custody properties', () => {
  it('conserves every asset: the sum of totals over accounts never changes; at the end nothing is held or pending and nobody is overdrawn', () => {
    fc.assert(fc.property(
      fc.tuple(startingBalances, startingBalances, startingBalances), fc.array(op, { maxLength: 120 }), fc.integer(), fc.double({ min: 0, max: 0.6, noNaN: true }),
      (starts, ops, seed, failureRate) => {
        const custody = newCustody({ failureRate, retryDelayMs: 10_000 }, createRng(seed).next);
        ACCOUNTS.forEach((a, i) => custody.openAccount(a, starts[i]));
        const initial = totalsByAsset(custody);
        const nowMs = run(custody, ops, () => assert.deepEqual(totalsByAsset(custody), initial));
        // Every retry is due 10 s after its attempt: a few more ticks finish everything.
        for (let i = 1; i <= 3; i++) custody.tick(nowMs + i * 2 * 86_400_000);
        assert.deepEqual(totalsByAsset(custody), initial);
        for (const a of ACCOUNTS) {
          for (const [asset, b] of Object.entries(custody.balances(a))) {
            assert.deepEqual([b.reserved, b.pendingIn, b.pendingOut], [0, 0, 0], `${a} ${asset}`);
            assert.ok(b.available >= 0, `${a} ${asset} overdrawn: ${b.available}`);
          }
        }
        assert.deepEqual([custody.stats(nowMs).pending, custody.stats(nowMs).retrying], [0, 0]);
      },
    ), { numRuns: 200 });
  });

  it('with failureRate 0.02 and seed 42, 1-3% of 5,000 settlements fail at least once and fewer fail for good', () => {
    const custody = newCustody({ failureRate: 0.02 }, createRng(42).next);
    const ids = Array.from({ length: 5_000 }, () => custody.onTrade(trade({ timeMs: 0 })).tradeId);
    for (let nowMs = 2_000; nowMs <= 200_000; nowMs += 1_000) custody.tick(nowMs);
    const all = ids.map((id) => custody.settlement(id)!);
    const failedOnce = all.filter((s) => s.history.some((h) => h.state !== 'pending' && h.state !== 'settled')).length;
    const failedForGood = all.filter((s) => s.state === 'failed').length;
    assert.equal(all.filter((s) => s.state === 'settled').length + failedForGood, 5_000, 'every settlement finished');
    assert.ok(failedOnce >= 50 && failedOnce <= 150, `failed at least once: ${failedOnce} of 5000`);
    assert.ok(failedForGood < failedOnce, `failed for good ${failedForGood} < failed once ${failedOnce}`);
  });

  it('is deterministic: the same seed and inputs give the same events, another seed different ones', () => {
    const events = (seed: number): SettlementEvent[] => {
      const custody = newCustody({ failureRate: 0.3 }, createRng(seed).next);
      const out: SettlementEvent[] = [];
      for (let i = 0; i < 300; i++) {
        custody.onTrade(trade({ tradeId: i, timeMs: i * 100, qtyLots: 1 + (i % 7), symbol: i % 5 === 0 ? AAPL.symbol : BTC.symbol, priceTicks: i % 5 === 0 ? 19_000 : 6_500_000 }));
        out.push(...custody.tick(i * 100));
      }
      for (let t = 30_000; t <= 200_000_000; t *= 2) out.push(...custody.tick(t));
      return out;
    };
    const first = events(7);
    assert.ok(first.some((e) => e.type === 'retried'));
    assert.deepEqual(events(7), first);
    assert.notDeepEqual(events(8), first);
  });
});
