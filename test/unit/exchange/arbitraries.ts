import fc from 'fast-check';
import type { BookCommand } from '../../../src/services/exchange/core/index.js';

/**
 * Random command sequences over a narrow price range and a small id pool, so orders cross,
 * queue at shared levels, collide on ids and hit self-trade prevention often.
 */
const side = fc.constantFrom('buy' as const, 'sell' as const);
const price = fc.integer({ min: 95, max: 105 });
const orderId = fc.integer({ min: 1, max: 25 });
const qty = fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.constant(0) });
const account = fc.constantFrom(0, 1, 2, 3);

const limit = fc.record({
  type: fc.constant('limit' as const), timeMs: fc.constant(0), orderId, side, price, qty,
  tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
  postOnly: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), account,
});
const market = fc.record({ type: fc.constant('market' as const), timeMs: fc.constant(0), orderId, side, qty, account });
const cancel = fc.record({ type: fc.constant('cancel' as const), timeMs: fc.constant(0), orderId });
// Replaces stay near the middle and are often small, so some keep priority (same price, less size).
const replace = fc.record({
  type: fc.constant('replace' as const), timeMs: fc.constant(0), orderId, price: fc.integer({ min: 99, max: 101 }), qty: fc.integer({ min: 0, max: 15 }),
});

/** Order commands only: what the model book understands. */
export const orderCommand: fc.Arbitrary<BookCommand> = fc.oneof(
  { weight: 10, arbitrary: limit },
  { weight: 2, arbitrary: market },
  { weight: 4, arbitrary: cancel },
  { weight: 3, arbitrary: replace },
);

/** Order commands plus reference prices, explicit resumes and time steps (halts and bands). */
export const anyCommand: fc.Arbitrary<BookCommand> = fc.oneof(
  { weight: 19, arbitrary: orderCommand },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('set-reference-price' as const), timeMs: fc.constant(0), price: fc.integer({ min: 90, max: 110 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('resume' as const), timeMs: fc.constant(0) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('advance-time' as const), timeMs: fc.constant(0) }) },
);

/** Gives each command of a sequence its time: one ms apart, so timed halts expire mid-sequence. */
export const timed = (cmds: BookCommand[]): BookCommand[] => cmds.map((c, i) => ({ ...c, timeMs: i }));

export const stpModes = ['none', 'cancel-newest', 'cancel-oldest', 'cancel-both'] as const;
