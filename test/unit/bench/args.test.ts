import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, VENUE_TARGETS } from '../../../bench/orders/args.js';

describe('bench:orders flags', () => {
  it('reads --paced N as the rate of the paced phase; without it none is set (the run then paces at half the target rate)', () => {
    assert.equal(parseArgs(['--transport', 'ws', '--paced', '10000']).pacedRate, 10_000);
    assert.equal(parseArgs([]).pacedRate, undefined);
  });

  it('refuses a --paced that is missing, not a positive number, and flags it does not know, naming them', () => {
    assert.throws(() => parseArgs(['--paced']), /--paced needs a value/);
    assert.throws(() => parseArgs(['--paced', '0']), /--paced must be a positive number, got "0"/);
    assert.throws(() => parseArgs(['--paced', 'fast']), /--paced must be a positive number, got "fast"/);
    assert.throws(() => parseArgs(['--pace', '100']), /unknown flag --pace/);
  });

  it('--venue picks what the launched venue runs (the whole venue unless told), and refuses other values and --url with it', () => {
    assert.equal(parseArgs([]).venue, 'all');
    assert.equal(VENUE_TARGETS[parseArgs(['--venue', 'exchange']).venue], 'gateway,exchange,market-data');
    assert.throws(() => parseArgs(['--venue', 'toString']), /--venue must be all or exchange, got "toString"/);
    assert.throws(() => parseArgs(['--venue', 'exchange', '--url', 'http://127.0.0.1:8080']), /with --url the bench measures whatever runs there/);
  });

  it('--repeat N runs the phases N times (once unless told), and refuses counts that are not positive whole numbers', () => {
    assert.equal(parseArgs([]).repeat, 1);
    assert.equal(parseArgs(['--repeat', '3']).repeat, 3);
    assert.throws(() => parseArgs(['--repeat', '0']), /--repeat must be a positive number, got "0"/);
    assert.throws(() => parseArgs(['--repeat', '2.5']), /--repeat must be a whole number, got "2.5"/);
  });
});
