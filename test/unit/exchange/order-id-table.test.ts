import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OrderIdTable } from '../../../src/services/exchange/core/order-id-table.js';

const ids = fc.oneof(
  fc.integer({ min: 1, max: 64 }), // few keys: long probe runs, wrap-around and many deletions inside them
  fc.integer({ min: 1, max: 2 ** 20 }),
  fc.integer({ min: 2 ** 32 - 8, max: 2 ** 32 + 8 }), // either side of the 32-bit boundary
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 40 + 1),
);
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: ids, row: fc.integer({ min: 1, max: 2 ** 31 - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), id: ids }),
);

describe('order id table', () => {
  it('answers like a Map through any mix of sets, replacements and deletions, growing as it fills', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const table = new OrderIdTable(16);
      const model = new Map<number, number>();
      for (const o of ops) {
        if (o.kind === 'set') { table.set(o.id, o.row); model.set(o.id, o.row); } else { table.delete(o.id); model.delete(o.id); }
        assert.equal(table.size, model.size);
      }
      for (const o of ops) assert.equal(table.get(o.id), model.get(o.id) ?? 0, `id ${o.id}`);
    }), { numRuns: 300 });
  });

  it('answers like a Map at every step while its entries move to a grown table', () => {
    const manyIds = fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 2 ** 32 - 8, max: 2 ** 32 + 8 }));
    const change = fc.record({ set: fc.boolean(), id: manyIds, row: fc.integer({ min: 1, max: 2 ** 31 - 1 }) });
    fc.assert(fc.property(fc.array(change, { minLength: 500, maxLength: 3000 }), (changes) => {
      const table = new OrderIdTable(16);
      const model = new Map<number, number>();
      changes.forEach((c, i) => {
        if (c.set) { table.set(c.id, c.row); model.set(c.id, c.row); } else { table.delete(c.id); model.delete(c.id); }
        assert.equal(table.size, model.size);
        const other = changes[(i * 7919) % changes.length]!.id;
        assert.equal(table.get(c.id), model.get(c.id) ?? 0, `id ${c.id} after change ${i}`);
        assert.equal(table.get(other), model.get(other) ?? 0, `id ${other} after change ${i}`);
      });
    }), { numRuns: 40 });
  });

  it('finds every one of many consecutive ids after two of every three have left', () => {
    const table = new OrderIdTable(16);
    for (let id = 1; id <= 100_000; id++) table.set(id, id);
    for (let id = 1; id <= 100_000; id++) if (id % 3 !== 0) table.delete(id);
    assert.equal(table.size, 33_333);
    for (let id = 1; id <= 100_000; id++) assert.equal(table.get(id), id % 3 === 0 ? id : 0, `id ${id}`);
  });
});
