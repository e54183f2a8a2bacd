import { mulberry32 } from '../../src/platform/random/index.js';
/**
 * OB-STREAM-1, the fixed order stream every matching benchmark of this project replays.
 * Its definition (and the reference checksum 09131383 for 1,000,000 ops, seed 42) lives in the
 * header of /work/shared/bench/ob-stream-1.mjs; this is an independent implementation of it.
 */
export const OP = { LIMIT: 0, CANCEL: 1, MARKET: 2 } as const;
export const STREAM_SIDE = { BUY: 0, SELL: 1 } as const;

export interface OrderStream {
  ops: number;
  seed: number;
  kind: Uint8Array;
  side: Uint8Array;
  id: Uint32Array;
  price: Int32Array;
  qty: Int32Array;
}


export function generateStream(ops = 1_000_000, seed = 42): OrderStream {
  const rnd = mulberry32(seed);
  const s: OrderStream = {
    ops, seed, kind: new Uint8Array(ops), side: new Uint8Array(ops), id: new Uint32Array(ops), price: new Int32Array(ops), qty: new Int32Array(ops),
  };
  let mid = 10_000;
  let lastId = 0;
  for (let i = 0; i < ops; i++) {
    if (rnd() < 0.05) mid = Math.max(100, mid + (rnd() < 0.5 ? -1 : 1));
    const u = rnd();
    if (u < 0.7) {
      s.kind[i] = OP.LIMIT;
      s.id[i] = ++lastId;
      const side = rnd() < 0.5 ? STREAM_SIDE.BUY : STREAM_SIDE.SELL;
      s.side[i] = side;
      const away = Math.floor(rnd() * 20) - 2; // up to 2 ticks aggressive, 17 passive
      s.price[i] = side === STREAM_SIDE.BUY ? mid - away : mid + away;
      s.qty[i] = 1 + Math.floor(rnd() * 100);
    } else if (u < 0.9) {
      s.kind[i] = OP.CANCEL;
      s.id[i] = lastId === 0 ? 0 : lastId - Math.floor(rnd() * Math.min(lastId, 1000));
    } else {
      s.kind[i] = OP.MARKET;
      s.side[i] = rnd() < 0.5 ? STREAM_SIDE.BUY : STREAM_SIDE.SELL;
      s.qty[i] = 1 + Math.floor(rnd() * 200);
    }
  }
  return s;
}

/** FNV-1a 32 over the little-endian bytes of each int32, continuing from `h`. */
export function fnv1a32(int32s: ArrayLike<number>, h = 0x811c9dc5): number {
  for (let i = 0; i < int32s.length; i++) {
    const v = int32s[i]!;
    for (let b = 0; b < 32; b += 8) {
      h ^= (v >>> b) & 0xff;
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

const hex8 = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

/** Checksum of the stream itself: every op as (kind, side, id, price, qty). */
export function streamChecksum(s: OrderStream): string {
  let h = 0x811c9dc5;
  const op = new Int32Array(5);
  for (let i = 0; i < s.ops; i++) {
    op[0] = s.kind[i]!; op[1] = s.side[i]!; op[2] = s.id[i]!; op[3] = s.price[i]!; op[4] = s.qty[i]!;
    h = fnv1a32(op, h);
  }
  return hex8(h);
}

/** A price level as the fingerprint sees it; side BUY=0 SELL=1. */
export interface FingerprintLevel { side: number; price: number; qty: number }

/** Book fingerprint: levels, bids best-first then asks best-first, each as (side, price, totalQty). */
export function bookFingerprint(levels: Iterable<FingerprintLevel>): string {
  let h = 0x811c9dc5;
  const level = new Int32Array(3);
  for (const l of levels) {
    level[0] = l.side; level[1] = l.price; level[2] = l.qty;
    h = fnv1a32(level, h);
  }
  return hex8(h);
}
