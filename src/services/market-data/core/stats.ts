/** Small descriptive statistics over price series, for tests and audit tooling. */

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('mean of an empty series');
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** ln(p[t] / p[t-1]) for consecutive prices; one shorter than the input. */
export function logReturns(prices: readonly number[]): number[] {
  const out: number[] = [];
  for (let t = 1; t < prices.length; t++) out.push(Math.log(prices[t]! / prices[t - 1]!));
  return out;
}

/** Sample excess kurtosis m4 / m2^2 - 3 (0 for a normal distribution; > 0: fat tails). */
export function excessKurtosis(xs: readonly number[]): number {
  const mu = mean(xs);
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mu) * (x - mu);
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= xs.length;
  m4 /= xs.length;
  return m4 / (m2 * m2) - 3;
}

/** Autocorrelation at lag k, with the usual whole-series mean and variance in the denominator. */
export function autocorrelation(xs: readonly number[], lag: number): number {
  if (!(lag >= 1 && lag < xs.length)) throw new RangeError(`lag ${lag} out of range for ${xs.length} points`);
  const mu = mean(xs);
  let num = 0;
  let den = 0;
  for (let t = 0; t < xs.length; t++) {
    const d = xs[t]! - mu;
    den += d * d;
    if (t >= lag) num += d * (xs[t - lag]! - mu);
  }
  return num / den;
}

/** Pearson correlation of two equally long series. */
export function correlation(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length) throw new RangeError(`series differ in length: ${xs.length} vs ${ys.length}`);
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = 0; t < xs.length; t++) {
    const dx = xs[t]! - mx;
    const dy = ys[t]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}
