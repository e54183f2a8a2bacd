import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import type { TradeBatch, TradeRecord } from '../../../src/contracts/orders.js';
import type { SettlementRecord } from '../../../src/contracts/lifecycle.js';
import { CUSTODIAN_SUBJECTS, EXCHANGE_SUBJECTS } from '../../../src/contracts/subjects.js';
import { MemoryBus } from '../../../src/platform/bus/index.js';
import { SimClock } from '../../../src/platform/clock/index.js';
import { SqliteStore } from '../../../src/platform/store/index.js';
import { createMetricsRegistry } from '../../../src/platform/telemetry/index.js';
import { CustodianService } from '../../../src/services/custodian/adapters/custodian-service.js';
import { SettlementRepository } from '../../../src/services/custodian/adapters/settlement-repository.js';
import { createCustodianMetrics } from '../../../src/services/custodian/metrics.js';
import { waitFor } from '../../support/wait-for.js';
import { newCustody } from './helpers.js';

const TRADES = 300;

const trade = (tradeId: number): TradeRecord => ({
  tradeId, symbol: 'BTC-USD', price: 6_500_000, qty: 1, makerOrderId: 2 * tradeId, takerOrderId: 2 * tradeId + 1, aggressor: 'buy',
  buyAccount: 'alice', sellAccount: 'bob', timeMs: 0, seq: tradeId,
});

describe('custodian settlement tick', () => {
  const bus = new MemoryBus();
  const store = new SqliteStore(':memory:');
  after(async () => { await bus.close(); await store.close(); });

  it('settles everything due, attempting, writing and publishing it in chunks: a busy tick does not hold the event loop for all of it', async () => {
    const clock = new SimClock();
    const repo = new SettlementRepository(store);
    await repo.migrate();
    const custody = newCustody({ settleAfterMs: { crypto: 2_000, stablecoin: 2_000, equity: 2_000 } });
    const service = new CustodianService(custody, repo, {
      bus, clock, logger: pino({ level: 'silent' }), metrics: createCustodianMetrics(createMetricsRegistry()), assetClassOf: () => 'crypto',
    });
    await service.start();
    const published: number[] = [];
    await bus.subscribe<{ settlements: SettlementRecord[] }>(CUSTODIAN_SUBJECTS.settlementUpdate('settled'), (m) => { published.push(m.data.settlements.length); });

    const trades = Array.from({ length: TRADES }, (_, i) => trade(i + 1));
    await bus.publish<TradeBatch>(EXCHANGE_SUBJECTS.trades, { symbol: 'BTC-USD', trades });
    await waitFor('the pending settlements to be stored', async () => (await repo.unfinished()).length === TRADES);

    clock.advance(2_000);
    const settledAtNextTurn = new Promise<number>((resolve) => setImmediate(() => resolve(custody.stats(clock.now()).settled)));
    await service.tick();
    const settledEarly = await settledAtNextTurn;
    assert.ok(settledEarly > 0 && settledEarly < TRADES, `the loop turned between chunks of attempts: ${settledEarly} of ${TRADES} attempted by then`);
    assert.equal((await repo.unfinished()).length, 0, 'every due settlement is stored as settled');
    assert.equal((await repo.get(TRADES))!.state, 'settled');
    await waitFor('the settled updates to arrive', async () => published.reduce((a, b) => a + b, 0) === TRADES);
    assert.ok(published.length > 1 && published.every((n) => n <= 128), `published in chunks of at most 128: ${published.join(', ')}`);
    await service.stop();
  });
});
