import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Book } from '../../../src/services/exchange/core/index.js';
import { CountingSink, engineFingerprint, replayOnBook } from '../../../bench/lib/engine-replay.js';
import { generateStream, streamChecksum } from '../../../bench/lib/ob-stream-1.js';

// Correctness only: the benchmark's stream and its end state. No timing is asserted here.
describe('OB-STREAM-1 (bench:matching input)', () => {
  const stream = generateStream(1_000_000, 42);

  it('the generator reproduces the published checksum for 1,000,000 ops, seed 42', () => {
    assert.equal(streamChecksum(stream), '09131383');
  });

  it('replaying the stream through the core gives the published book fingerprint', () => {
    const sink = new CountingSink();
    const book = new Book('OB-STREAM-1', {}, sink);
    replayOnBook(book, stream);
    assert.equal(engineFingerprint(book), '4dfda632');
    assert.ok(book.bestBid! < book.bestAsk!);
    assert.ok(sink.tradeCount > 0);
  });

  it('replaying it twice gives the same stateHash', () => {
    const hashes = [0, 1].map(() => {
      const book = new Book('OB-STREAM-1', {}, new CountingSink());
      replayOnBook(book, stream, 0, 200_000);
      return book.stateHash();
    });
    assert.equal(hashes[0], hashes[1]);
  });
});
