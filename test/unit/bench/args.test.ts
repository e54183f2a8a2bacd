import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../../bench/orders/args.js';

describe('bench:orders flags', () => {
  it('reads --paced N as the rate of the paced phase; without it none is set (the run then paces at half its maximum)', () => {
    assert.equal(parseArgs(['--transport', 'ws', '--paced', '10000']).pacedRate, 10_000);
    assert.equal(parseArgs([]).pacedRate, undefined);
  });

  it('refuses a --paced that is missing, not a positive number, and flags it does not know, naming them', () => {
    assert.throws(() => parseArgs(['--paced']), /--paced needs a value/);
    assert.throws(() => parseArgs(['--paced', '0']), /--paced must be a positive number, got "0"/);
    assert.throws(() => parseArgs(['--paced', 'fast']), /--paced must be a positive number, got "fast"/);
    assert.throws(() => parseArgs(['--pace', '100']), /unknown flag --pace/);
  });
});
