import { decimalToTicks, type AssetClass, type InstrumentSpec } from '../../../contracts/market-data.js';
import type { Rng } from '../../../platform/random/index.js';

export type Regime = 'calm' | 'stressed';

export interface PriceModelParams {
  /** Degrees of freedom of the Student-t shocks: lower is fatter-tailed; above 4 keeps kurtosis finite. */
  tailDof: number;
  /** Correlation of the crypto and the equity factor with the global market factor (calm regime). */
  classLink: number;
  /**
   * GARCH(1,1) on the variance ratio h (long-run mean 1). `alphaPerSecond` is the reaction to a
   * squared shock for a 1 s step; `halfLifeSec` is how long a volatility cluster takes to halve.
   */
  garch: { alphaPerSecond: number; halfLifeSec: number; maxVarianceRatio: number };
  /** Jump sizes are normal with this many 1-minute sigmas; a jump of k sigmas multiplies h by 1 + volKick * k. */
  jumps: { sizeSigmas: number; volKick: number };
  regime: { calmMeanMin: number; stressedMeanMin: number; stressedVolMultiplier: number; stressedCorrelationBoost: number };
  /** Stablecoins: Ornstein-Uhlenbeck on ln(price / peg) with this half-life and stationary std. */
  peg: { halfLifeSec: number; deviationBps: number };
}

export type PriceModelOverrides = {
  [K in keyof PriceModelParams]?: PriceModelParams[K] extends object ? Partial<PriceModelParams[K]> : PriceModelParams[K];
};

export const DEFAULT_MODEL_PARAMS: PriceModelParams = {
  tailDof: 5,
  classLink: 0.35,
  garch: { alphaPerSecond: 0.017, halfLifeSec: 600, maxVarianceRatio: 25 },
  jumps: { sizeSigmas: 4, volKick: 0.5 },
  regime: { calmMeanMin: 360, stressedMeanMin: 30, stressedVolMultiplier: 2.5, stressedCorrelationBoost: 0.5 },
  peg: { halfLifeSec: 180, deviationBps: 2 },
};

/** Used when a configured instrument leaves its model parameters out. */
const CLASS_DEFAULTS: Record<AssetClass, { volatility: number; beta: number; jumpsPerDay: number }> = {
  crypto: { volatility: 0.8, beta: 0.8, jumpsPerDay: 6 },
  equity: { volatility: 0.45, beta: 0.65, jumpsPerDay: 3 },
  stablecoin: { volatility: 0, beta: 0, jumpsPerDay: 0 },
};

const FACTOR_OF_CLASS: Record<AssetClass, number> = { crypto: 0, equity: 1, stablecoin: -1 };
const MS_PER_DAY = 86_400_000;
const MS_PER_YEAR = 365.25 * MS_PER_DAY;
const LN2 = Math.log(2);

export function mergeModelParams(o: PriceModelOverrides = {}): PriceModelParams {
  const d = DEFAULT_MODEL_PARAMS;
  return { ...d, ...o, garch: { ...d.garch, ...o.garch }, jumps: { ...d.jumps, ...o.jumps }, regime: { ...d.regime, ...o.regime }, peg: { ...d.peg, ...o.peg } };
}

/** A continuous log price (in ticks) as a whole number of ticks, never below one. */
const toTicks = (logTicks: number) => Math.max(1, Math.round(Math.exp(logTicks)));

/** Moves a loading toward 1: the stressed regime's rise in correlation. */
const stressedLoading = (loading: number, boost: number) => Math.min(0.99, loading + (1 - loading) * boost);

/**
 * Mid prices of all instruments, stepped by the caller. Per step of dt, an instrument's log
 * return is sqrt(s2 * dt * h * m^2) * z - (s2 * dt * h * m^2) / 2 (+ a jump, rarely), where
 * z = beta * classFactor + sqrt(1 - beta^2) * idiosyncratic (all unit-variance Student-t),
 * h follows GARCH(1,1) and m is the regime's volatility multiplier. Stablecoins instead follow
 * an Ornstein-Uhlenbeck process on their deviation from the peg.
 * State is in typed arrays and step() allocates nothing: the service steps many times a second.
 */
export class PriceModel {
  readonly params: PriceModelParams;
  readonly symbols: readonly string[];
  private readonly index = new Map<string, number>();
  private readonly tickSize: Float64Array;
  private readonly factorOf: Int8Array;
  private readonly vol: Float64Array;
  private readonly loading: Float64Array[];
  private readonly jumpsPerMs: Float64Array;
  /** ln(price in ticks), continuous (mids are rounded from it); ln(peg in ticks); GARCH variance ratio h. */
  private readonly logPrice: Float64Array;
  private readonly logPeg: Float64Array;
  private readonly variance: Float64Array;
  private readonly classShock = new Float64Array(2);
  private readonly mids: number[];
  private state: Regime = 'calm';
  // Per-step coefficients, recomputed only when dt changes.
  private readonly stepVariance: Float64Array;
  private readonly jumpChance: Float64Array;
  private readonly coef = { stepMs: Number.NaN, garchAlpha: 0, garchBeta: 0, toStressed: 0, toCalm: 0, pegDecay: 0, pegNoise: 0 };

  constructor(instruments: readonly InstrumentSpec[], private readonly rng: Rng, overrides?: PriceModelOverrides) {
    this.params = mergeModelParams(overrides);
    this.symbols = instruments.map((s) => s.symbol);
    this.symbols.forEach((s, i) => this.index.set(s, i));
    const defaults = instruments.map((s) => CLASS_DEFAULTS[s.assetClass]);
    this.tickSize = Float64Array.from(instruments, (s) => Number(s.tickSize));
    this.factorOf = Int8Array.from(instruments, (s) => FACTOR_OF_CLASS[s.assetClass]);
    this.vol = Float64Array.from(instruments, (s, i) => s.volatility ?? defaults[i]!.volatility);
    const betas = instruments.map((s, i) => s.beta ?? defaults[i]!.beta);
    const boost = this.params.regime.stressedCorrelationBoost;
    this.loading = [Float64Array.from(betas), Float64Array.from(betas, (b) => stressedLoading(b, boost))];
    this.jumpsPerMs = Float64Array.from(instruments, (s, i) => (s.jumpsPerDay ?? defaults[i]!.jumpsPerDay) / MS_PER_DAY);
    this.mids = instruments.map((s) => decimalToTicks(s.initialPrice, s.tickSize));
    this.logPrice = Float64Array.from(this.mids, Math.log);
    this.logPeg = Float64Array.from(this.logPrice);
    this.variance = new Float64Array(this.mids.length).fill(1);
    this.stepVariance = new Float64Array(this.mids.length);
    this.jumpChance = new Float64Array(this.mids.length);
  }

  get regime(): Regime {
    return this.state;
  }

  /** The regime switches on by itself too (Markov chain); this sets where it is now. */
  setRegime(regime: Regime): void {
    this.state = regime;
  }

  /** Current mid in ticks. */
  mid(symbol: string): number {
    return this.mids[this.indexOf(symbol)]!;
  }

  /**
   * Advances every instrument by dtMs and returns the mids in ticks, in `symbols` order.
   * The returned array is reused by the next step: copy it to keep it.
   */
  step(dtMs: number): readonly number[] {
    if (!(dtMs >= 0)) throw new RangeError(`step must be a non-negative number of ms, got ${dtMs}`);
    if (dtMs !== this.coef.stepMs) this.prepare(dtMs);
    const { rng, params, coef } = this;
    const u = rng.next();
    if (this.state === 'calm' ? u < coef.toStressed : u < coef.toCalm) this.state = this.state === 'calm' ? 'stressed' : 'calm';
    const stressed = this.state === 'stressed';
    const m = stressed ? params.regime.stressedVolMultiplier : 1;
    const link = stressed ? stressedLoading(params.classLink, params.regime.stressedCorrelationBoost) : params.classLink;
    const market = rng.studentT(params.tailDof);
    for (let c = 0; c < 2; c++) this.classShock[c] = link * market + Math.sqrt(1 - link * link) * rng.studentT(params.tailDof);
    const loading = this.loading[stressed ? 1 : 0]!;
    const maxH = params.garch.maxVarianceRatio;
    for (let i = 0; i < this.mids.length; i++) {
      const factor = this.factorOf[i]!;
      if (factor < 0) {
        const deviation = this.logPrice[i]! - this.logPeg[i]!;
        this.logPrice[i] = this.logPeg[i]! + deviation * coef.pegDecay + coef.pegNoise * m * rng.normal();
      } else {
        const b = loading[i]!;
        const z = b * this.classShock[factor]! + Math.sqrt(1 - b * b) * rng.studentT(params.tailDof);
        const h = this.variance[i]!;
        const v = this.stepVariance[i]! * h * m * m;
        this.logPrice[i]! += Math.sqrt(v) * z - v / 2;
        this.variance[i] = Math.min(maxH, 1 - coef.garchAlpha - coef.garchBeta + (coef.garchAlpha * z * z + coef.garchBeta) * h);
        if (rng.next() < this.jumpChance[i]!) this.jump(i, m);
      }
      this.mids[i] = toTicks(this.logPrice[i]!);
    }
    return this.mids;
  }

  /**
   * Moves prices by `fraction` at once (-0.15: a 15% crash) and raises their volatility as a
   * crash would. '*' means every instrument except the stablecoins.
   */
  applyJump(symbols: readonly string[] | '*', fraction: number): void {
    if (!(fraction > -1)) throw new RangeError(`a jump must leave a positive price, got ${fraction}`);
    const targets = symbols === '*' ? this.symbols.filter((_, i) => this.factorOf[i]! >= 0) : symbols;
    const logMove = Math.log1p(fraction);
    for (const symbol of targets) {
      const i = this.indexOf(symbol);
      this.logPrice[i]! += logMove;
      if (this.factorOf[i]! >= 0) this.kickVariance(i, Math.abs(logMove) / this.minuteSigma(i, 1));
      this.mids[i] = toTicks(this.logPrice[i]!);
    }
  }

  /** A depeg: the stablecoin now mean-reverts to `target` (in quote currency, e.g. 0.97). */
  setPegTarget(symbol: string, target: number): void {
    const i = this.indexOf(symbol);
    if (this.factorOf[i]! >= 0) throw new RangeError(`${symbol} is not a stablecoin`);
    if (!(target > 0)) throw new RangeError(`peg target must be positive, got ${target}`);
    this.logPeg[i] = Math.log(target / this.tickSize[i]!);
  }

  private indexOf(symbol: string): number {
    const i = this.index.get(symbol);
    if (i === undefined) throw new RangeError(`unknown instrument ${symbol}`);
    return i;
  }

  /** Current 1-minute return sigma of instrument i under volatility multiplier m. */
  private minuteSigma(i: number, m: number): number {
    return this.vol[i]! * m * Math.sqrt((60_000 / MS_PER_YEAR) * this.variance[i]!);
  }

  /** A random jump, normal in 1-minute sigmas; volatility rises after it. */
  private jump(i: number, m: number): void {
    const sigmas = this.rng.normal() * this.params.jumps.sizeSigmas;
    this.logPrice[i]! += sigmas * this.minuteSigma(i, m);
    this.kickVariance(i, Math.abs(sigmas));
  }

  private kickVariance(i: number, sigmas: number): void {
    this.variance[i] = Math.min(this.params.garch.maxVarianceRatio, this.variance[i]! * (1 + this.params.jumps.volKick * sigmas));
  }

  private prepare(dtMs: number): void {
    const { garch, regime, peg } = this.params;
    const { coef } = this;
    const seconds = dtMs / 1000;
    // Persistence alpha + beta is set by the half-life; alpha scales with sqrt(dt) so the spread of
    // h, ~alpha^2 * (kurtosis - 1) / (2 * (1 - persistence)), does not depend on the step (Nelson 1990).
    const persistence = Math.pow(0.5, seconds / garch.halfLifeSec);
    coef.garchAlpha = Math.min(persistence, garch.alphaPerSecond * Math.sqrt(seconds));
    coef.garchBeta = persistence - coef.garchAlpha;
    coef.toStressed = 1 - Math.exp(-dtMs / (regime.calmMeanMin * 60_000));
    coef.toCalm = 1 - Math.exp(-dtMs / (regime.stressedMeanMin * 60_000));
    // Exact OU discretisation: the deviation's stationary std is deviationBps whatever the step.
    coef.pegDecay = Math.exp((-LN2 * seconds) / peg.halfLifeSec);
    coef.pegNoise = (peg.deviationBps / 10_000) * Math.sqrt(1 - coef.pegDecay * coef.pegDecay);
    for (let i = 0; i < this.mids.length; i++) {
      this.stepVariance[i] = (this.vol[i]! * this.vol[i]! * dtMs) / MS_PER_YEAR;
      this.jumpChance[i] = 1 - Math.exp(-this.jumpsPerMs[i]! * dtMs);
    }
    coef.stepMs = dtMs;
  }
}
