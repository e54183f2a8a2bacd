/**
 * bench:matching: replays OB-STREAM-1 through the exchange's matching core and, in the same
 * process, through the npm package nodejs-order-book; prints one JSON line on stdout.
 * Flags: --ops N (default 1,000,000), --seed S (default 42), --runs R timed engine runs (default 5).
 * Everything else (progress, per-run numbers) goes to stderr.
 */
import { OrderBook } from 'nodejs-order-book';
import { Book, MatchingEngine } from '../../src/services/exchange/core/index.js';
import { CountingSink, engineFingerprint, replayOne, replayOnBook } from '../lib/engine-replay.js';
import { median, quantile, retainedBytes, timeIt, timerOverheadNs } from '../lib/measure.js';
import { generateStream, streamChecksum, type OrderStream } from '../lib/ob-stream-1.js';
import { prepareReferenceStream, referenceFingerprint, replayOnReference } from '../lib/reference-replay.js';

const SYMBOL = 'OB-STREAM-1';
const WARMUP_PASSES = 3;
const LATENCY_SAMPLE_EVERY = 4;
/** The reference warms up on a prefix: a full extra pass would cost another ~20 s. */
const REFERENCE_WARMUP_OPS = 100_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} needs a non-negative integer`);
  return value;
}

const log = (msg: string) => process.stderr.write(`[bench:matching] ${msg}\n`);

/** A fresh book behind a fresh engine, emitting into a counting sink. */
function newBook(): Book {
  return new MatchingEngine({ sink: new CountingSink() }).addBook(SYMBOL);
}

function benchEngine(s: OrderStream, runs: number) {
  for (let i = 0; i < WARMUP_PASSES; i++) replayOnBook(newBook(), s);
  const rates: number[] = [];
  const fingerprints = new Set<string>();
  for (let r = 0; r < runs; r++) {
    const book = newBook();
    const rate = s.ops / timeIt(() => replayOnBook(book, s));
    rates.push(rate);
    fingerprints.add(engineFingerprint(book));
    log(`engine run ${r + 1}/${runs}: ${(rate / 1e6).toFixed(2)} M ops/s`);
  }
  if (fingerprints.size !== 1) throw new Error(`engine runs disagree on the final book: ${[...fingerprints].join(', ')}`);
  return { opsPerS: median(rates), fingerprint: [...fingerprints][0]! };
}

/** Memory one book holds after replaying the whole stream (JS heap and typed arrays). */
async function bookFootprint(s: OrderStream) {
  const before = await retainedBytes();
  const book = newBook();
  replayOnBook(book, s);
  const after = await retainedBytes();
  // Read after the measurement, so the book is still reachable while it is taken.
  return { heapMb: (after - before) / 2 ** 20, resting: book.orderCount };
}

/** Per-op latency on a separate pass: every LATENCY_SAMPLE_EVERY-th op is timed on its own. */
function sampleLatencies(s: OrderStream): Float64Array {
  const book = newBook();
  const samples = new Float64Array(Math.ceil(s.ops / LATENCY_SAMPLE_EVERY));
  let n = 0;
  for (let i = 0; i < s.ops; i++) {
    if (i % LATENCY_SAMPLE_EVERY !== 0) {
      replayOne(book, s, i);
      continue;
    }
    const t0 = process.hrtime.bigint();
    replayOne(book, s, i);
    samples[n++] = Number(process.hrtime.bigint() - t0);
  }
  return samples.subarray(0, n);
}

function benchReference(s: OrderStream) {
  const r = prepareReferenceStream(s);
  replayOnReference(new OrderBook(), r, 0, Math.min(s.ops, REFERENCE_WARMUP_OPS));
  const book = new OrderBook();
  log(`reference: replaying ${s.ops} ops (about 20 s per million)...`);
  const seconds = timeIt(() => replayOnReference(book, r));
  log(`reference: ${(s.ops / seconds).toFixed(0)} ops/s (${seconds.toFixed(1)} s)`);
  return { opsPerS: s.ops / seconds, fingerprint: referenceFingerprint(book) };
}

async function main(): Promise<void> {
  const ops = flag('--ops', 1_000_000);
  const seed = flag('--seed', 42);
  const runs = Math.max(1, flag('--runs', 5));
  const stream = generateStream(ops, seed);
  log(`OB-STREAM-1 ops=${ops} seed=${seed} checksum=${streamChecksum(stream)}`);

  const engine = benchEngine(stream, runs);
  log(`engine: median ${(engine.opsPerS / 1e6).toFixed(2)} M ops/s, fingerprint ${engine.fingerprint}`);
  const { heapMb, resting } = await bookFootprint(stream);
  log(`engine: one book after the full stream holds ${heapMb.toFixed(1)} MB with ${resting} orders resting (heap_mb)`);
  const latencies = sampleLatencies(stream);
  log(`latency: ${latencies.length} samples; an empty hrtime.bigint() pair costs ~${timerOverheadNs()} ns (included)`);
  const reference = benchReference(stream);

  const round = (v: number, digits = 0) => Number(v.toFixed(digits));
  console.log(JSON.stringify({
    bench: 'matching',
    ops,
    seed,
    engine_ops_per_s: round(engine.opsPerS),
    reference_ops_per_s: round(reference.opsPerS),
    ratio: round(engine.opsPerS / reference.opsPerS, 1),
    p50_ns: quantile(latencies, 0.5),
    p99_ns: quantile(latencies, 0.99),
    p999_ns: quantile(latencies, 0.999),
    heap_mb: round(heapMb, 1),
    book_fingerprint: engine.fingerprint,
    reference_fingerprint: reference.fingerprint,
  }));
  if (engine.fingerprint !== reference.fingerprint) {
    log('the engine and the reference end with different books');
    process.exitCode = 1;
  }
}

await main();
