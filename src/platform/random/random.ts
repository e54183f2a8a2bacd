/**
 * Seeded randomness. One root seed; each component asks for its own named stream, so adding a
 * consumer never shifts the numbers another component sees.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer uniform in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Student-t with `nu` degrees of freedom, scaled to unit variance (fat-tailed shocks). */
  studentT(nu: number): number;
}

/** mulberry32: small, fast, good enough for simulation, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: derives a stream seed from (root seed, name). */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) { const s = spare; spare = null; return s; }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal,
    studentT(nu) {
      // t = Z / sqrt(chi2/nu); chi2 with integer nu as a sum of squared normals.
      const z = normal();
      let chi2 = 0;
      const k = Math.max(1, Math.round(nu));
      for (let i = 0; i < k; i++) { const n = normal(); chi2 += n * n; }
      const t = z / Math.sqrt(chi2 / k);
      return k > 2 ? t * Math.sqrt((k - 2) / k) : t;
    },
  };
}

/** The root of all randomness in one process: `streams.get('market-data/BTC-USD')`. */
export class RandomStreams {
  constructor(readonly seed: number) {}

  get(name: string): Rng {
    return createRng(fnv1a(name, fnv1a(String(this.seed))));
  }
}
