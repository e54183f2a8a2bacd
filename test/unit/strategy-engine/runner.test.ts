import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  IN_FLIGHT_TIMEOUT_MS, splitSignalKey, StrategyRunner, type OrderUpdate, type PlaceIntent, type RoutedIntent, type StrategyConfig,
} from '../../../src/services/strategy-engine/core/index.js';
import { INSTRUMENTS, streams, view } from './helpers.js';

const MM: StrategyConfig = { kind: 'market-maker', name: 'mm', symbols: ['BTC-USD'], halfSpreadBps: 10, quoteLots: 100, maxInventoryLots: 500, skewBps: 20, requoteBps: 5 };
const PEG: StrategyConfig = { kind: 'peg-arbitrage', name: 'peg', symbols: ['USDC-USD', 'USDT-USD'], pegTicks: { 'USDC-USD': 10_000, 'USDT-USD': 10_000 }, thresholdBps: 5, orderLots: 1_000, maxPositionLots: 5_000, cooldownMs: 0 };
const runner = (configs: StrategyConfig[] = [MM, PEG]) => new StrategyRunner(configs, INSTRUMENTS, streams(7));
const btc = (mid: number, timeMs = 0) => view('BTC-USD', mid - 10, mid + 10, timeMs);
const depegged = (timeMs = 0) => view('USDC-USD', 9_900, 9_901, timeMs);
const placesOf = (out: RoutedIntent[]) => out.flatMap((r) => (r.intent.type === 'place' ? [r.intent] : []));
const cancelsOf = (out: RoutedIntent[]) => out.flatMap((r) => (r.intent.type === 'cancel' ? [r.intent.orderId] : []));
const update = (p: PlaceIntent, orderId: number, status: string, filledLots = 0): OrderUpdate => ({
  account: 'strat-mm', orderId, clientOrderId: p.clientOrderId, symbol: p.symbol, side: p.side, priceTicks: p.priceTicks, qtyLots: p.qtyLots, filledLots, status,
});

describe('strategy runner: configuration', () => {
  it('refuses invalid configurations with a RangeError naming the strategy and the field', () => {
    const cases: [StrategyConfig[], RegExp][] = [
      [[{ ...MM, symbols: ['DOGE-USD'] }], /strategy "mm": symbols must be known instruments .*"DOGE-USD"/],
      [[{ ...MM, halfSpreadBps: 0 }], /strategy "mm": halfSpreadBps/],
      [[{ ...MM, quoteLots: 1.5 }], /strategy "mm": quoteLots must be an integer/],
      [[{ ...MM, skewBps: 995 }], /strategy "mm": skewBps plus halfSpreadBps/],
      [[{ ...MM, symbols: [] }], /strategy "mm": symbols must name at least one/],
      [[MM, { ...PEG, name: 'mm' }], /strategy "mm": name is used/],
      [[{ ...PEG, pegTicks: { 'USDC-USD': 10_000, 'USDT-USD': 0 } }], /strategy "peg": pegTicks.USDT-USD/],
      [[{ ...PEG, pegTicks: { 'USDC-USD': 10_000, 'USDT-USD': 10_000, 'DAI-USD': 10_000 } }], /strategy "peg": pegTicks must only name/],
      [[{ kind: 'momentum', name: 'mo', symbols: ['BTC-USD'], fastWindow: 10, slowWindow: 10, thresholdBps: 1, orderLots: 1, maxPositionLots: 1, cooldownMs: 0 }], /strategy "mo": slowWindow must be greater/],
      [[{ kind: 'mean-reversion', name: 'mr', symbols: ['AAPL'], window: 20, entryZ: 2, exitZ: 2, orderLots: 1, maxPositionLots: 1, cooldownMs: 0 }], /strategy "mr": exitZ/],
      [[{ ...PEG, name: 'bad name' }], /strategy name "bad name"/],
    ];
    for (const [configs, message] of cases) assert.throws(() => runner(configs), { name: 'RangeError', message });
  });

  it('names accounts strat-<name>', () => {
    assert.equal(runner().accountOf('peg'), 'strat-peg');
    assert.deepEqual(runner().accounts(), [{ strategy: 'mm', account: 'strat-mm' }, { strategy: 'peg', account: 'strat-peg' }]);
  });

  it('tags client order ids with the run, when given one, so that a later run on the same store does not reuse them', () => {
    const tagged = new StrategyRunner([MM], INSTRUMENTS, streams(7), 'lz0abc');
    assert.deepEqual(placesOf(tagged.onMarket(btc(100_000))).map((p) => p.clientOrderId), ['mm-lz0abc-1', 'mm-lz0abc-2']);
  });
});

describe('strategy runner: controls', () => {
  it('pause silences a strategy (others go on); resume brings it back', () => {
    const r = runner();
    r.pause('mm');
    assert.deepEqual(r.onMarket(btc(100_000)), []);
    assert.equal(r.onMarket(depegged()).length, 1, 'peg-arb is not paused');
    assert.equal(r.status(new Map()).find((s) => s.name === 'mm')!.paused, true);
    r.resume('mm');
    assert.deepEqual(placesOf(r.onMarket(btc(100_000))).map((p) => p.clientOrderId), ['mm-1', 'mm-2']);
  });

  it('refuses unknown strategy names, naming the known ones', () => {
    const r = runner();
    for (const call of [() => r.pause('nope'), () => r.resume('nope'), () => r.setRateMultiplier('nope', 2), () => r.onRejected('nope', 'x', 'RISK')]) {
      assert.throws(call, { name: 'RangeError', message: /unknown strategy "nope"; known: mm, peg/ });
    }
  });

  it('rate multiplier x100 sends every place intent 100 times with unique client ids', () => {
    const normal = runner();
    const runaway = runner();
    runaway.setRateMultiplier('mm', 100);
    runaway.setRateMultiplier('peg', 100);
    const views = [btc(100_000), depegged()];
    const one = placesOf(views.flatMap((v) => normal.onMarket(v)));
    const hundred = placesOf(views.flatMap((v) => runaway.onMarket(v)));
    assert.equal(one.length, 3);
    assert.equal(hundred.length, 300);
    assert.equal(new Set(hundred.map((p) => p.clientOrderId)).size, 300);
    assert.deepEqual(hundred.filter((p) => p.symbol === 'BTC-USD' && p.side === 'buy').map((p) => p.priceTicks), Array(100).fill(one[0]!.priceTicks));
    assert.equal(runaway.status(new Map()).find((s) => s.name === 'mm')!.ordersSent, 200);
    assert.throws(() => runaway.setRateMultiplier('mm', 0), RangeError);
    assert.throws(() => runaway.setRateMultiplier('mm', 2.5), RangeError);
  });
});

describe('strategy runner: orders', () => {
  it('cancels only orders it knows are open, and each once', () => {
    const r = runner([MM]);
    const [bid, ask] = placesOf(r.onMarket(btc(100_000, 0)));
    // Mid moved 20 bps but no order is known open yet: no cancel, and no second quote either.
    assert.deepEqual(r.onMarket(btc(100_200, 100)), []);
    r.onOrderUpdate(update(bid!, 11, 'open'));
    r.onOrderUpdate(update(ask!, 12, 'partially_filled', 40));
    const requote = r.onMarket(btc(100_400, 200));
    assert.deepEqual(cancelsOf(requote), [11, 12]);
    assert.equal(placesOf(requote).length, 2);
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_600, 300))), [], 'cancels in flight are not repeated');
    r.onOrderUpdate(update(bid!, 11, 'cancelled'));
    r.onOrderUpdate(update(ask!, 12, 'filled', 100));
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_800, 400 + IN_FLIGHT_TIMEOUT_MS))), [], 'closed orders are forgotten');
    assert.equal(r.status(new Map())[0]!.openOrders, 0);
  });

  it('re-sends a cancel that stayed unanswered for IN_FLIGHT_TIMEOUT_MS', () => {
    const r = runner([MM]);
    const [bid] = placesOf(r.onMarket(btc(100_000, 0)));
    r.onOrderUpdate(update(bid!, 11, 'open'));
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_200, 100))), [11]);
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_400, 100 + IN_FLIGHT_TIMEOUT_MS - 1))), []);
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_600, 100 + IN_FLIGHT_TIMEOUT_MS))), [11]);
  });

  it('a refused cancel shows the order again at once (cancelled again next view); one the exchange no longer knows is forgotten', () => {
    const r = runner([MM]);
    const [bid, ask] = placesOf(r.onMarket(btc(100_000, 0)));
    r.onOrderUpdate(update(bid!, 11, 'open'));
    r.onOrderUpdate(update(ask!, 12, 'open'));
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_200, 100))), [11, 12]);
    r.onCancelRefused('mm', 11, 'CHAOS_ORDER_FAULT');
    r.onCancelRefused('mm', 12, 'ORDER_NOT_FOUND');
    assert.deepEqual(cancelsOf(r.onMarket(btc(100_400, 200))), [11], 'retried well before IN_FLIGHT_TIMEOUT_MS');
    assert.equal(r.status(new Map())[0]!.openOrders, 1);
  });

  it('a rejected quote is requoted on the next view and counted per strategy and code', () => {
    const r = runner([MM]);
    const [bid] = placesOf(r.onMarket(btc(100_000)));
    assert.deepEqual(r.onMarket(btc(100_000)), []);
    r.onRejected('mm', bid!.clientOrderId, 'RISK_LIMIT');
    r.onRejected('mm', 'mm-77', 'RISK_LIMIT');
    r.onRejected('mm', 'mm-78', 'POST_ONLY_WOULD_TRADE');
    assert.deepEqual(placesOf(r.onMarket(btc(100_000))).map((p) => [p.side, p.clientOrderId]), [['buy', 'mm-3']]);
    const s = r.status(new Map())[0]!;
    assert.equal(s.rejects, 3);
    assert.deepEqual(s.rejectsByCode, { RISK_LIMIT: 2, POST_ONLY_WOULD_TRADE: 1 });
  });

  it('tracks positions and P&L from fills, ignoring other accounts', () => {
    const r = runner();
    const fill = (side: 'buy' | 'sell', priceTicks: number, qtyLots: number, account = 'strat-mm') => r.onFill({ account, symbol: 'BTC-USD', side, priceTicks, qtyLots, timeMs: 0 });
    fill('buy', 6_500_000, 100);
    fill('sell', 6_501_000, 40);
    fill('buy', 1, 1_000, 'someone-else');
    r.onOrderUpdate({ account: 'someone-else', orderId: 1, clientOrderId: null, symbol: 'BTC-USD', side: 'buy', priceTicks: 1, qtyLots: 1, filledLots: 0, status: 'open' });
    const [mm, peg] = r.status(new Map([['BTC-USD', 6_502_000]]));
    // BTC: 1 tick = $0.01 on 0.0001 BTC = 1 micro per tick-lot. Realized 1,000 ticks x 40 lots; 60 lots 2,000 ticks up.
    assert.deepEqual(mm!.positions, [{ symbol: 'BTC-USD', qty: 60, avgPrice: 6_500_000, realized: 40_000 }]);
    assert.equal(mm!.realized, 40_000);
    assert.equal(mm!.unrealized, 120_000);
    assert.equal(mm!.fills, 2);
    assert.equal(mm!.openOrders, 0);
    assert.deepEqual([peg!.fills, peg!.positions], [0, []]);
    assert.equal(r.status(new Map())[0]!.unrealized, 0, 'an unmarked position counts at entry');
  });

  it('the market maker skews with the inventory its fills built', () => {
    const r = runner([MM]);
    const flatBid = placesOf(r.onMarket(btc(100_000)))[0]!.priceTicks!;
    const other = runner([MM]);
    other.onFill({ account: 'strat-mm', symbol: 'BTC-USD', side: 'buy', priceTicks: 100_000, qtyLots: 250, timeMs: 0 });
    assert.ok(placesOf(other.onMarket(btc(100_000)))[0]!.priceTicks! < flatBid);
  });

  it('reports status: kind, symbols, counters and signals', () => {
    const r = runner();
    r.onMarket(btc(100_000));
    r.onMarket(depegged());
    const [mm, peg] = r.status(new Map());
    assert.deepEqual([mm!.name, mm!.kind, mm!.account, mm!.symbols, mm!.rateMultiplier, mm!.ordersSent], ['mm', 'market-maker', 'strat-mm', ['BTC-USD'], 1, 2]);
    assert.deepEqual([peg!.kind, peg!.symbols, peg!.ordersSent, peg!.cancelsSent], ['peg-arbitrage', ['USDC-USD', 'USDT-USD'], 1, 0]);
    assert.ok(Math.abs(peg!.signals['USDC-USD:deviationBps']! + 99.5) < 1e-9);
    assert.equal(mm!.signals['BTC-USD:bid'], 99_900);
    assert.deepEqual(Object.keys(peg!.signals).map(splitSignalKey), [{ symbol: 'USDC-USD', signal: 'deviationBps' }]);
  });

  it('ignores one-sided or crossed views', () => {
    const r = runner();
    assert.deepEqual(r.onMarket(view('BTC-USD', 100_010, 100_000)), []);
    assert.deepEqual(r.onMarket(view('BTC-USD', 0, 100_000)), []);
    assert.deepEqual(r.onMarket(view('AAPL', 19_000, 19_001)), [], 'nobody trades AAPL here');
  });
});
