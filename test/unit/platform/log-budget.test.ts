import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogBudget } from '../../../src/platform/telemetry/log-budget.js';

describe('LogBudget', () => {
  const budget = () => {
    const clock = { now: 0 };
    return { clock, budget: new LogBudget({ linesPerWindow: 3, windowMs: 1000, now: () => clock.now }) };
  };

  it('admits a kind\'s lines up to its budget in a window, counts the rest, and leaves other kinds alone', () => {
    const { budget: b } = budget();
    assert.deepEqual(Array.from({ length: 5 }, () => b.admit('a')), [true, true, true, false, false]);
    assert.equal(b.admit('b'), true);
    assert.deepEqual([...b.takeSuppressed()], [['a', 2]]);
    assert.deepEqual([...b.takeSuppressed()], [], 'taken once');
  });

  it('gives every kind its whole budget again once the window is over, and keeps the count of what it held back until taken', () => {
    const { clock, budget: b } = budget();
    for (let i = 0; i < 4; i++) b.admit('a');
    clock.now = 999;
    assert.equal(b.admit('a'), false, 'still the first window');
    clock.now = 1000;
    assert.deepEqual(Array.from({ length: 4 }, () => b.admit('a')), [true, true, true, false]);
    assert.deepEqual([...b.takeSuppressed()], [['a', 3]], 'both windows\' held-back lines');
  });
});
