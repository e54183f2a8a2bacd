import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../../src/platform/random/index.js';
import { ClientFlow, OrderIds, type PlaceIntent } from '../../../src/services/strategy-engine/core/index.js';

const config = { kind: 'client-flow' as const, name: 'flow', symbols: ['X'], ordersPerMinute: 60, slippageBps: 0, orderLots: 10, maxPositionLots: 50, cooldownMs: 0 };
const flat = { position: 0, openOrders: [], pending: [] };

/** Views every 50 ms for `seconds`; returns the place intents. */
function run(flow: ClientFlow, seconds: number, position = 0): PlaceIntent[] {
  const out: PlaceIntent[] = [];
  for (let t = 0; t <= seconds * 1000; t += 50) {
    for (const i of flow.decide({ symbol: 'X', bid: 999, ask: 1001, timeMs: t }, { ...flat, position })) if (i.type === 'place') out.push(i);
  }
  return out;
}

describe('client flow', () => {
  it('sends IOCs at the touch at about its configured rate, both sides when flat', () => {
    const orders = run(new ClientFlow(config, new OrderIds('flow'), createRng(7)), 600);
    assert.ok(orders.length > 480 && orders.length < 720, `${orders.length} orders in 10 minutes at 60/min`);
    assert.ok(orders.every((o) => o.tif === 'IOC' && o.priceTicks === (o.side === 'buy' ? 1001 : 999)));
    const slipping = run(new ClientFlow({ ...config, slippageBps: 100 }, new OrderIds('flow'), createRng(7)), 60);
    assert.ok(slipping.every((o) => o.priceTicks === (o.side === 'buy' ? 1012 : 989)), 'a protected market order: 1% through the touch');
    const buys = orders.filter((o) => o.side === 'buy').length / orders.length;
    assert.ok(buys > 0.4 && buys < 0.6, `buy share ${buys}`);
  });

  it('leans against its position and stops at the position limit', () => {
    const long = run(new ClientFlow(config, new OrderIds('flow'), createRng(7)), 600, 40);
    const sells = long.filter((o) => o.side === 'sell').length / long.length;
    assert.ok(sells > 0.75, `sell share when long ${sells}`);
    assert.ok(long.every((o) => o.side === 'sell' || o.qtyLots <= 10), 'buys only up to the limit');
    assert.ok(run(new ClientFlow(config, new OrderIds('flow'), createRng(7)), 600, 50).every((o) => o.side === 'sell'), 'at the limit it only sells');
  });
});
