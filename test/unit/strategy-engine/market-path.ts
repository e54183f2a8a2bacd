import { decimalToTicks, type InstrumentSpec } from '../../../src/contracts/market-data.js';
import { createRng } from '../../../src/platform/random/index.js';
import type { MarketView } from '../../../src/services/strategy-engine/core/index.js';

/**
 * `count` views cycling over `specs`, 50 ms of market time per round: a seeded random walk of
 * about 1 bp a view with trends that switch now and then, a spread of about 0.5 bps (at least a
 * tick). Stablecoins wander around their peg and depeg for a while midway.
 */
export function* marketPath(specs: readonly InstrumentSpec[], count: number, seed: number): Generator<MarketView> {
  const rng = createRng(seed);
  const mids = specs.map((s) => decimalToTicks(s.initialPrice, s.tickSize));
  const pegs = [...mids];
  const drifts = specs.map(() => 0);
  for (let i = 0; i < count; i++) {
    const k = i % specs.length;
    const spec = specs[k]!;
    const timeMs = Math.floor(i / specs.length) * 50;
    if (rng.next() < 0.01) drifts[k] = (rng.next() - 0.5) * 1.2e-4;
    if (spec.assetClass === 'stablecoin') {
      const depeg = i > count / 2 && i < (count * 3) / 4 ? 0.992 : 1;
      mids[k] = Math.round(mids[k]! + 0.2 * (pegs[k]! * depeg - mids[k]!) + rng.normal() * 0.6);
    } else {
      mids[k] = Math.max(10, Math.round(mids[k]! * (1 + drifts[k]! + 1e-4 * rng.normal())));
    }
    const half = Math.max(1, Math.round(mids[k]! * 0.25e-4));
    yield { symbol: spec.symbol, bid: mids[k]! - half, ask: mids[k]! + half, timeMs };
  }
}
