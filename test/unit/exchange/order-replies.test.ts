import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { OrderCommand, OrderReply } from '../../../src/contracts/orders.js';
import { EXCHANGE_SUBJECTS } from '../../../src/contracts/subjects.js';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { SimClock } from '../../../src/platform/clock/index.js';
import { SqliteStore } from '../../../src/platform/store/index.js';
import { createMetricsRegistry } from '../../../src/platform/telemetry/index.js';
import { serveExchangeApi } from '../../../src/services/exchange/adapters/bus-api.js';
import { ExchangeService } from '../../../src/services/exchange/adapters/exchange-service.js';
import { createExchangeMetrics } from '../../../src/services/exchange/metrics.js';

const submit = (account: string, side: 'buy' | 'sell', qty: number): OrderCommand => ({
  kind: 'submit', account, symbol: 'AAPL', side, type: 'limit', price: 10_000, qty, tif: 'GTC', postOnly: false, clientOrderId: null,
});

describe('exchange replies over the in-process bus', () => {
  const bus = new MemoryBus();
  const store = new SqliteStore(':memory:');
  after(async () => { await bus.close(); await store.close(); });

  it('are the order as acknowledged, though passed on uncopied: a later fill does not change a reply already given', async () => {
    const service = new ExchangeService({
      store, bus, clock: new SimClock(), logger: pino({ level: 'silent' }), metrics: createExchangeMetrics(createMetricsRegistry()),
      tracer: trace.getTracer('test'), chaos: { effects: null }, random: () => 0.5,
    }, ['AAPL'], {}, { maxBatch: 64 });
    await service.recover();
    await serveExchangeApi(bus, service);
    const resting = (await bus.request<OrderCommand, OrderReply>(EXCHANGE_SUBJECTS.command, submit('alice', 'sell', 5))).data;
    assert.equal(resting.order.status, 'open');
    const taker = (await bus.request<OrderCommand, OrderReply>(EXCHANGE_SUBJECTS.command, submit('bob', 'buy', 5))).data;
    assert.equal(taker.order.status, 'filled');
    assert.equal(taker.trades[0]!.makerOrderId, resting.order.orderId);
    assert.deepEqual([resting.order.status, resting.order.filled], ['open', 0], 'the first reply still shows the order as it was acknowledged');
  });
});
