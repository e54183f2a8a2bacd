import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_INSTRUMENTS } from '../../../src/services/market-data/core/instruments.js';
import { fnv1a } from '../../../src/platform/random/index.js';
import { defaultStrategies, StrategyRunner } from '../../../src/services/strategy-engine/core/index.js';
import { INSTRUMENTS, streams } from './helpers.js';
import { marketPath } from './market-path.js';
import { ToyVenue } from './toy-venue.js';

const VIEWS = 10_000;

/** Runs the default strategies against the toy venue; a hash over every intent, and the run's counts. */
function replay(strategySeed: number, pathSeed = 1) {
  const runner = new StrategyRunner(defaultStrategies([...DEFAULT_INSTRUMENTS]), INSTRUMENTS, streams(strategySeed));
  const venue = new ToyVenue(runner);
  let hash = fnv1a('');
  const kinds = new Set<string>();
  let intents = 0;
  for (const view of marketPath(DEFAULT_INSTRUMENTS, VIEWS, pathSeed)) {
    for (const routed of venue.step(view)) {
      hash = fnv1a(JSON.stringify(routed), hash);
      intents += 1;
      if (routed.intent.type === 'place') kinds.add(routed.strategy.replace(/-.*/, ''));
    }
  }
  return { hash, intents, kinds, venue, status: runner.status(new Map()) };
}

describe('determinism', () => {
  const first = replay(7);

  it('the same views and seed give the same intents (hash over 10,000 views)', () => {
    const again = replay(7);
    assert.ok(first.intents > 100, `a busy run: ${first.intents} intents`);
    assert.equal(again.hash, first.hash);
    assert.deepEqual(again.status, first.status);
  });

  it('the hash sees a different seed or a different path', () => {
    assert.notEqual(replay(8).hash, first.hash);
    assert.notEqual(replay(7, 2).hash, first.hash);
  });

  it('in a full loop every kind trades and no cancel targets an order that is not open', () => {
    assert.deepEqual([...first.kinds].sort(), ['flow', 'meanrev', 'mm', 'momentum', 'peg']);
    assert.ok(first.venue.fills > 0);
    assert.equal(first.venue.unknownCancels, 0);
    for (const s of first.status) assert.ok(s.openOrders <= (s.kind === 'market-maker' ? 2 : 0), `${s.name} has ${s.openOrders} open orders`);
  });
});
