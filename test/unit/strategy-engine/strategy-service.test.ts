import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { StrategyOrderRequest } from '../../../src/contracts/lifecycle.js';
import type { MarketUpdate } from '../../../src/contracts/market-data.js';
import type { OrderRecord } from '../../../src/contracts/orders.js';
import { EXCHANGE_SUBJECTS, RISK_SUBJECTS, SUBJECTS } from '../../../src/contracts/subjects.js';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { SimClock } from '../../../src/platform/clock/index.js';
import { BusUnavailable } from '../../../src/platform/errors/index.js';
import { createMetricsRegistry } from '../../../src/platform/telemetry/index.js';
import { StrategyService } from '../../../src/services/strategy-engine/adapters/strategy-service.js';
import { StrategyRunner, type StrategyConfig } from '../../../src/services/strategy-engine/core/index.js';
import { createStrategyMetrics } from '../../../src/services/strategy-engine/metrics.js';
import { INSTRUMENTS, streams } from './helpers.js';

const MM: StrategyConfig = { kind: 'market-maker', name: 'mm', symbols: ['BTC-USD'], halfSpreadBps: 10, quoteLots: 100, maxInventoryLots: 500, skewBps: 20, requoteBps: 5 };
const UPDATE: MarketUpdate = { symbol: 'BTC-USD', seq: 1, ts: 0, bid: 6_500_000, ask: 6_500_010, last: 6_500_005, bidSize: 10, askSize: 10, changes: [] };

/**
 * A service whose risk responder holds each order until the test fails it, as an exchange that
 * stops under the order would: the market maker's two quotes go out one after the other.
 */
async function venue(leftovers: OrderRecord[] | 'no exchange' = []) {
  const bus = new MemoryBus();
  if (leftovers !== 'no exchange') {
    await bus.respond<{ account: string; status: string }, OrderRecord[]>(EXCHANGE_SUBJECTS.listOrders, (m) =>
      leftovers.filter((o) => o.account === m.data.account && o.status === m.data.status));
  }
  const lines: { level: number; msg: string; code?: string }[] = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(...chunk.toString().trim().split('\n').map((l) => JSON.parse(l))); done(); } });
  const runner = new StrategyRunner([MM], INSTRUMENTS, streams(7));
  const service = new StrategyService(runner, {
    bus, clock: new SimClock(), logger: pino({ level: 'info' }, sink), metrics: createStrategyMetrics(createMetricsRegistry()), tracer: trace.getTracer('test'),
  });
  const held: (() => void)[] = [];
  const sent: StrategyOrderRequest[] = [];
  await bus.respond<StrategyOrderRequest, never>(RISK_SUBJECTS.order, (m) => {
    sent.push(m.data);
    return new Promise((_, reject) => held.push(() => reject(new BusUnavailable('no service answers on "ex.cmd.batch"'))));
  });
  await service.start();
  await bus.publish(SUBJECTS.marketUpdate(UPDATE.symbol), UPDATE);
  await until(() => held.length === 1);
  /** Fails the order risk holds, then lets the strategy's queue move on. */
  const failHeld = async () => { held.shift()!(); await new Promise((r) => setImmediate(r)); };
  const rejects = () => service.refreshStatus()[0]!.rejectsByCode;
  return { bus, service, sent, held, lines, failHeld, rejects };
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(done(), 'the condition did not come true');
}

describe('strategy service', () => {
  it('takes over the orders an earlier run left open: the market maker cancels them before it quotes', async () => {
    const leftover = (orderId: number, side: 'buy' | 'sell', status: string): OrderRecord => ({
      orderId, clientOrderId: `mm-${orderId}`, account: 'strat-mm', symbol: 'BTC-USD', side, type: 'limit', tif: 'GTC', postOnly: true,
      price: side === 'buy' ? 6_400_000 : 6_600_000, qty: 100, filled: status === 'open' ? 0 : 40, status: status as OrderRecord['status'], reason: null,
      createdMs: 0, updatedMs: 0, requestId: null, correlationId: null, traceId: null,
    });
    const v = await venue([leftover(11, 'buy', 'open'), leftover(12, 'sell', 'partially_filled'), { ...leftover(13, 'buy', 'open'), account: 'someone-else' }]);
    assert.deepEqual(v.sent.map((r) => r.command.kind === 'cancel' && r.command.orderId), [11], 'the first order out cancels a leftover');
    for (let i = 0; i < 3; i++) {
      await v.failHeld();
      await until(() => v.held.length === 1);
    }
    assert.deepEqual(v.sent.map((r) => r.command.kind === 'cancel' ? r.command.orderId : r.command.kind), [11, 12, 'submit', 'submit'],
      'both leftovers of its own account are cancelled, then it quotes both sides; another account\'s order is not its business');
    assert.deepEqual(v.lines.filter((l) => l.level === 30).map((l) => l.msg), ['strategy mm takes over 2 open orders of account strat-mm from an earlier run']);
    await v.failHeld();
    await v.service.stop();
    await v.bus.close();
  });

  it('trades on with one warning when the exchange cannot list the orders an earlier run left', async () => {
    const v = await venue('no exchange');
    assert.deepEqual(v.lines.filter((l) => l.level === 40).map((l) => l.msg), ['could not list the strategies\' open orders at the exchange: orders an earlier run left open stay unknown to them']);
    assert.equal(v.sent.length, 1, 'the market maker quotes all the same');
    await v.failHeld();
    await until(() => v.held.length === 1);
    await v.failHeld();
    await v.service.stop();
    await v.bus.close();
  });

  it('warns when an order fails because a service it needs is gone while the venue runs', async () => {
    const v = await venue();
    await v.failHeld();
    await until(() => v.held.length === 1);
    assert.equal(v.sent.length, 2, 'the second quote goes out after the first failed');
    assert.deepEqual(v.lines.filter((l) => l.level === 40).map((l) => [l.msg, l.code]), [['strategy order failed', 'BUS_UNAVAILABLE']]);
    await v.failHeld();
    await v.service.stop();
    await v.bus.close();
  });

  it('sends nothing more once stopping, and logs an order that fails while stopping at info, not as a warning', async () => {
    const v = await venue();
    const stopped = v.service.stop();
    await v.failHeld();
    await stopped;
    assert.equal(v.sent.length, 1, 'the quote still queued is not sent');
    assert.deepEqual(v.lines.filter((l) => l.level >= 40), []);
    assert.deepEqual(v.lines.filter((l) => l.code).map((l) => [l.level, l.msg]), [[30, 'strategy order dropped: the venue is stopping']]);
    assert.deepEqual(v.rejects(), { BUS_UNAVAILABLE: 1, NOT_READY: 1 }, 'the strategy learns that neither quote rests');
    await v.bus.close();
  });
});
