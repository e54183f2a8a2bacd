import { trace } from '@opentelemetry/api';
import { pino } from 'pino';
import type { ChaosEffects } from '../../../src/contracts/chaos.js';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { SimClock } from '../../../src/platform/clock/index.js';
import { SqliteStore } from '../../../src/platform/store/index.js';
import { createMetricsRegistry } from '../../../src/platform/telemetry/index.js';
import { serveExchangeApi } from '../../../src/services/exchange/adapters/bus-api.js';
import { ExchangeService } from '../../../src/services/exchange/adapters/exchange-service.js';
import { createExchangeMetrics } from '../../../src/services/exchange/metrics.js';

/** An exchange listing AAPL, on an in-memory SQLite store, answering on an in-process bus. */
export async function exchangeOnBus(chaos: ChaosEffects | null = null) {
  const bus = new MemoryBus();
  const store = new SqliteStore(':memory:');
  const service = new ExchangeService({
    store, bus, clock: new SimClock(), logger: pino({ level: 'silent' }), metrics: createExchangeMetrics(createMetricsRegistry()),
    tracer: trace.getTracer('test'), chaos: { effects: chaos }, random: () => 0.5,
  }, ['AAPL'], {}, { maxBatch: 64 });
  await service.recover();
  await serveExchangeApi(bus, service);
  return { bus, store, service, close: async () => { await bus.close(); await store.close(); } };
}
