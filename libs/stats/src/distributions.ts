/**
 * Tail probabilities, densities and quantiles of the normal, Student t, chi-square and F
 * distributions. Tails are computed directly in upper-tail form so small p-values keep their
 * relative precision (1 − cdf would round to 0 below ~1e-16):
 *
 *   P(Z > z)         = ½ erfc(z / √2)
 *   P(|T_ν| > t)     = I_{ν/(ν+t²)}(ν/2, ½)                    (Abramowitz & Stegun 26.7.1)
 *   P(χ²_k > x)      = Q(k/2, x/2)                              (A&S 26.4.2)
 *   P(F_{d1,d2} > f) = I_{d2/(d2+d1 f)}(d2/2, d1/2)             (A&S 26.6.2)
 *
 * Quantiles start from jstat's inverse CDFs and are polished by Newton steps on the accurate
 * CDFs above (jstat's inverses alone are good to ~1e-8).
 */
import { jStat } from 'jstat';
import { assertInput } from './status';
import { erfc, logBeta, logGamma, regIncBeta, upperRegGamma } from './special';

function checkDf(df: number, fn: string): void {
  assertInput(df > 0, `${fn}: degrees of freedom must be > 0, got ${df}`);
}

function checkProb(p: number, fn: string): void {
  assertInput(p >= 0 && p <= 1, `${fn}: p must be in [0, 1], got ${p}`);
}

/**
 * Newton polish of x so that lower(x) = p, using the upper tail when p > ½ for precision.
 * Keeps the start value if a step fails to improve the residual.
 */
function polish(
  x0: number,
  p: number,
  lower: (x: number) => number,
  upper: (x: number) => number,
  pdf: (x: number) => number,
  min: number,
): number {
  const resid = (x: number): number => (p <= 0.5 ? lower(x) - p : 1 - p - upper(x));
  let x = x0;
  let r = resid(x);
  for (let i = 0; i < 8 && r !== 0 && Number.isFinite(x); i++) {
    const dens = pdf(x);
    if (!(dens > 0)) break;
    let next = x - r / dens;
    if (next <= min) next = (x + min) / 2;
    const rn = resid(next);
    if (!(Math.abs(rn) < Math.abs(r))) break;
    x = next;
    r = rn;
  }
  return x;
}

// ---------- normal ----------

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Upper tail P(Z > z). */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided p-value P(|Z| > |z|). */
export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  checkProb(p, 'normalQuantile');
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return polish(jStat.normal.inv(p, 0, 1), p, normalCdf, normalUpper, normalPdf, -Infinity);
}

// ---------- Student t ----------

/** Student t density. */
export function tPdf(t: number, df: number): number {
  checkDf(df, 'tPdf');
  if (df === Infinity) return normalPdf(t);
  return Math.exp(
    logGamma((df + 1) / 2) -
      logGamma(df / 2) -
      0.5 * Math.log(df * Math.PI) -
      ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** Two-sided p-value P(|T_df| > |t|). df = Infinity gives the normal answer. */
export function tTwoSided(t: number, df: number): number {
  checkDf(df, 'tTwoSided');
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalTwoSided(t);
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return Math.min(1, regIncBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2)));
}

/** Upper tail P(T_df > t). */
export function tUpper(t: number, df: number): number {
  checkDf(df, 'tUpper');
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalUpper(t);
  const half = 0.5 * tTwoSided(t, df);
  return t >= 0 ? half : 1 - half;
}

/** Student t CDF P(T_df ≤ t). */
export function tCdf(t: number, df: number): number {
  return tUpper(-t, df);
}

/** Student t quantile. */
export function tQuantile(p: number, df: number): number {
  checkProb(p, 'tQuantile');
  checkDf(df, 'tQuantile');
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return polish(
    jStat.studentt.inv(p, df),
    p,
    (x) => tCdf(x, df),
    (x) => tUpper(x, df),
    (x) => tPdf(x, df),
    -Infinity,
  );
}

// ---------- chi-square ----------

/** Chi-square density. */
export function chiSquarePdf(x: number, df: number): number {
  checkDf(df, 'chiSquarePdf');
  if (x < 0) return 0;
  if (x === 0) return df === 2 ? 0.5 : df < 2 ? Infinity : 0;
  const k = df / 2;
  return Math.exp((k - 1) * Math.log(x) - x / 2 - k * Math.LN2 - logGamma(k));
}

/** Upper tail P(χ²_df > x). */
export function chiSquareUpper(x: number, df: number): number {
  checkDf(df, 'chiSquareUpper');
  return upperRegGamma(df / 2, x / 2);
}

/** Chi-square CDF. */
export function chiSquareCdf(x: number, df: number): number {
  return 1 - chiSquareUpper(x, df);
}

/** Chi-square quantile. */
export function chiSquareQuantile(p: number, df: number): number {
  checkProb(p, 'chiSquareQuantile');
  checkDf(df, 'chiSquareQuantile');
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return polish(
    jStat.chisquare.inv(p, df),
    p,
    (x) => chiSquareCdf(x, df),
    (x) => chiSquareUpper(x, df),
    (x) => chiSquarePdf(x, df),
    0,
  );
}

// ---------- F ----------

/** F density. */
export function fPdf(f: number, df1: number, df2: number): number {
  checkDf(df1, 'fPdf');
  checkDf(df2, 'fPdf');
  if (f <= 0) return 0;
  return Math.exp(
    0.5 * (df1 * Math.log(df1 * f) + df2 * Math.log(df2) - (df1 + df2) * Math.log(df1 * f + df2)) -
      Math.log(f) -
      logBeta(df1 / 2, df2 / 2),
  );
}

/** Upper tail P(F_{df1,df2} > f). */
export function fUpper(f: number, df1: number, df2: number): number {
  checkDf(df1, 'fUpper');
  checkDf(df2, 'fUpper');
  if (Number.isNaN(f)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const denom = df2 + df1 * f;
  return Math.min(1, regIncBeta(df2 / denom, df2 / 2, df1 / 2, (df1 * f) / denom));
}

/** F CDF. */
export function fCdf(f: number, df1: number, df2: number): number {
  return 1 - fUpper(f, df1, df2);
}

/** F quantile. */
export function fQuantile(p: number, df1: number, df2: number): number {
  checkProb(p, 'fQuantile');
  checkDf(df1, 'fQuantile');
  checkDf(df2, 'fQuantile');
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return polish(
    jStat.centralF.inv(p, df1, df2),
    p,
    (x) => fCdf(x, df1, df2),
    (x) => fUpper(x, df1, df2),
    (x) => fPdf(x, df1, df2),
    0,
  );
}
