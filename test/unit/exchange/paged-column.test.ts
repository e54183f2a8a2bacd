import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PagedColumn } from '../../../src/services/exchange/core/paged-column.js';

describe('paged column', () => {
  it('keeps every value through growth by doubling and by pages, and new rows read 0', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('reserve' as const), rows: fc.integer({ min: 0, max: 200 }) }),
      fc.record({ kind: fc.constant('set' as const), row: fc.nat(), value: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) }),
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 20 }), fc.array(op, { maxLength: 200 }), (initialRows, ops) => {
      const column = new PagedColumn(Int32Array, initialRows, 3); // 8-row pages
      const model: number[] = [];
      for (const o of ops) {
        if (o.kind === 'reserve') {
          column.reserve(o.rows);
          assert.ok(column.capacity >= o.rows, `capacity ${column.capacity} after reserving ${o.rows}`);
        } else if (column.capacity > 0) {
          const row = o.row % column.capacity;
          column.set(row, o.value);
          model[row] = o.value;
        }
      }
      for (let row = 0; row < column.capacity; row++) assert.equal(column.get(row), model[row] ?? 0, `row ${row}`);
    }), { numRuns: 300 });
  });

  it('doubles its first page up to a full page, then adds whole pages', () => {
    const column = new PagedColumn(Float64Array, 3, 4); // 16-row pages
    assert.equal(column.capacity, 3);
    column.reserve(5);
    assert.equal(column.capacity, 6);
    column.reserve(13);
    assert.equal(column.capacity, 16);
    column.reserve(17);
    assert.equal(column.capacity, 32);
    column.set(31, 0.5);
    assert.equal(column.get(31), 0.5);
  });
});
