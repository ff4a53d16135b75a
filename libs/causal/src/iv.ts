/**
 * Instrumental variables by two-stage least squares, exactly or over-identified (Angrist &
 * Pischke, Mostly Harmless Econometrics, 2009, §4.1; Wooldridge, Econometric Analysis of Cross
 * Section and Panel Data, 2nd ed., §5.2 and §8.3). One endogenous treatment D (may be
 * continuous), q ≥ 1 excluded instruments Z, exogenous W = [1, covariates] in both stages;
 * the full instrument set is Zf = [W, Z] with L = 1 + #covariates + q columns.
 *
 *   first stage:  D = W γ + Z π + v          → D̂
 *   second stage: β̂ = argmin ‖Y − X̂ β‖²,  X̂ = [1, D̂, covariates]
 *   residuals with the actual D: u = Y − X β̂,  X = [1, D, covariates]
 *   robust:    V̂ = c · (X̂ᵀX̂)⁻¹ [Σ s s ᵀ] (X̂ᵀX̂)⁻¹,  s_i = x̂_i u_i (or summed by cluster),
 *              c = n/(n−k) (HC1) or G/(G−1)·(n−1)/(n−k) (CR1, as `ols`)
 *   classical: V̂ = σ̂² (X̂ᵀX̂)⁻¹,  σ̂² = Σ u² / (n − k)   (`se: 'classical'`, the textbooks' default)
 * With one binary instrument and no covariates β̂_D equals the Wald estimator
 * (Ȳ_{Z=1} − Ȳ_{Z=0}) / (D̄_{Z=1} − D̄_{Z=0}).
 *
 * Instrument strength (`first_stage`): the joint F of the excluded instruments in the first
 * stage, classical ((RSS_W − RSS_Zf)/q) / (RSS_Zf/(n − L)) with its F(q, n − L) p-value, and the
 * robust/clustered Wald F = π̂ᵀ V̂_π⁻¹ π̂ / q beside it (`first_stage_f`). The instrument is weak
 * when the robust F < `weak_instrument_f` (10: Staiger & Stock 1997, Econometrica 65(3), rule
 * of thumb); the estimate is still returned, flagged. Stock & Yogo (2005, in Andrews & Stock,
 * eds., Identification and Inference for Econometric Models, table 5.2) give sharper critical
 * values for the classical F (one endogenous regressor: 16.38 for one instrument, 19.93 for two,
 * 22.30 for three at 10% maximal size distortion of a 5% Wald test), not used as a rule here.
 *
 * Over-identification (q > 1, df = q − 1): are the instruments' moment conditions jointly
 * consistent? Sargan (1958): n·R² of u on Zf (valid under homoskedasticity); Hansen (1982) J:
 * the two-step efficient GMM criterion, robust to heteroskedasticity (and to clustering when
 * `clusters` is given): with S = Σ_g (Σ_{i∈g} z_i u_i)(·)ᵀ at the 2SLS residuals,
 * β̂_GMM = (XᵀZf S⁻¹ ZfᵀX)⁻¹ XᵀZf S⁻¹ Zfᵀy and J = (Zfᵀû)ᵀ S⁻¹ (Zfᵀû), û = y − X β̂_GMM
 * (Stata's ivreg2 "Hansen J statistic"). Both χ²(q − 1) under valid instruments; a rejection
 * says at least one instrument is not excludable, not which. Wooldridge, Introductory
 * Econometrics, Examples 15.5 and 15.8, is the check (libs/causal/src/published/iv-mroz.ts).
 */
import {
  chiSquareUpper,
  fUpper,
  leastSquaresQr,
  ols,
  sandwich,
  scoreMeat,
  type Rows,
} from '@hirelearn/stats';
import { checkData } from './data';
import { failedEffect, makeEffect } from './effect';
import { CausalSettings, DEFAULT_CAUSAL_SETTINGS } from './settings';
import { EffectEstimate, IvData } from './types';

/** The excluded instruments' joint significance in the first stage (module doc). */
export interface FirstStage {
  /** Classical joint F of the excluded instruments. */
  readonly f: number;
  readonly df1: number;
  readonly df2: number;
  readonly p_value: number;
  /** Robust (HC1) or cluster-robust Wald F of the same hypothesis, = `first_stage_f`. */
  readonly f_robust: number;
}

/** A test that the over-identifying restrictions hold (module doc). */
export interface OverIdTest {
  readonly statistic: number;
  readonly df: number;
  readonly p_value: number;
}

export interface IvEffect extends EffectEstimate {
  /** Robust (or clustered) Wald F of the excluded instruments; the weak-instrument rule uses it. */
  readonly first_stage_f: number;
  readonly weak_instrument: boolean;
  readonly n_instruments: number;
  readonly first_stage: FirstStage | null;
  /** Sargan's n·R² (homoskedastic); null when exactly identified. */
  readonly sargan: OverIdTest | null;
  /** Hansen's J from two-step GMM (robust, clustered with clusters); null when exactly identified. */
  readonly hansen_j: OverIdTest | null;
}

export interface IvOptions {
  /** 'robust' (HC1, or CR1 with clusters; default) or 'classical' (homoskedastic σ̂² (X̂ᵀX̂)⁻¹). */
  readonly se?: 'robust' | 'classical';
}

/** Solves the small symmetric system A x = b by QR (null when A is singular). */
function solveSmall(A: Rows, b: readonly number[]): readonly number[] | null {
  const s = leastSquaresQr(A, b);
  return s.full_rank ? s.beta : null;
}

/** Aᵀ B for row-major n × a and n × b designs. */
function crossProduct(A: Rows, B: Rows): number[][] {
  const a = A[0].length;
  const b = B[0].length;
  const out = Array.from({ length: a }, () => new Array<number>(b).fill(0));
  for (let i = 0; i < A.length; i++) {
    for (let r = 0; r < a; r++) for (let c = 0; c < b; c++) out[r][c] += A[i][r] * B[i][c];
  }
  return out;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, j) => s + v * b[j], 0);

/** Hansen's J from two-step efficient GMM (module doc); null when a system is singular. */
function hansenJ(
  Zf: Rows,
  X: Rows,
  y: readonly number[],
  u2sls: readonly number[],
  clusters: readonly (string | number)[] | null,
  df: number,
): OverIdTest | null {
  const L = Zf[0].length;
  const S = scoreMeat(
    Zf.map((z, i) => z.map((v) => v * u2sls[i])),
    clusters,
    L,
  ).meat;
  const zx = crossProduct(Zf, X);
  const zy = Zf[0].map((_, r) => Zf.reduce((s, z, i) => s + z[r] * y[i], 0));
  // S⁻¹ ZfᵀX column by column, S⁻¹ Zfᵀy.
  const sInvZx = zx[0].map((_, c) =>
    solveSmall(
      S,
      zx.map((row) => row[c]),
    ),
  );
  const sInvZy = solveSmall(S, zy);
  if (sInvZy === null || sInvZx.some((col) => col === null)) return null;
  const cols = sInvZx as (readonly number[])[];
  const k = X[0].length;
  const A = Array.from({ length: k }, (_, r) =>
    Array.from({ length: k }, (_, c) =>
      dot(
        zx.map((row) => row[r]),
        cols[c],
      ),
    ),
  );
  const rhs = Array.from({ length: k }, (_, r) =>
    dot(
      zx.map((row) => row[r]),
      sInvZy,
    ),
  );
  const beta = solveSmall(A, rhs);
  if (beta === null) return null;
  const g = new Array<number>(L).fill(0);
  X.forEach((x, i) => {
    const ui = y[i] - dot(x, beta);
    for (let r = 0; r < L; r++) g[r] += Zf[i][r] * ui;
  });
  const sInvG = solveSmall(S, g);
  if (sInvG === null) return null;
  const statistic = dot(g, sInvG);
  return { statistic, df, p_value: chiSquareUpper(statistic, df) };
}

/** 2SLS estimate of the treatment coefficient with its first stage and over-id tests (module doc). */
export function iv2sls(
  data: IvData,
  settings: CausalSettings = DEFAULT_CAUSAL_SETTINGS,
  options: IvOptions = {},
): IvEffect {
  const instruments = Object.entries(data.instruments);
  const q = instruments.length;
  const noExtra = {
    first_stage_f: NaN,
    weak_instrument: true,
    n_instruments: q,
    first_stage: null,
    sargan: null,
    hansen_j: null,
  };
  const check = checkData(data, false, settings.min_per_arm);
  const fail = (
    status: 'insufficient_data' | 'singular_design' | 'invalid_input',
    reason: string,
  ): IvEffect =>
    failedEffect(
      'iv_2sls',
      'LATE',
      { ...check, status, reasons: [reason] },
      settings.alpha,
      noExtra,
    );
  if (check.status !== 'ok') return failedEffect('iv_2sls', 'LATE', check, settings.alpha, noExtra);
  if (q === 0) return fail('invalid_input', 'no instrument given');
  const n = check.n;
  for (const [name, col] of instruments) {
    if (col.length !== n || !col.every(Number.isFinite)) {
      return fail('invalid_input', `instrument ${name} must have ${n} finite values`);
    }
  }
  const cov = Object.values(data.covariates);
  const exog = data.outcome.map((_, i) => [1, ...cov.map((c) => c[i])]);
  const firstX = exog.map((row, i) => [...row, ...instruments.map(([, z]) => z[i])]);
  const L = firstX[0].length;
  const se = data.clusters !== undefined ? 'cluster' : 'hc1';
  const first = ols(firstX, data.treatment, { se, clusters: data.clusters });
  if (first.status !== 'ok') return fail('singular_design', `first stage: ${first.reason}`);
  const zIdx = instruments.map((_, j) => exog[0].length + j);
  const pi = zIdx.map((j) => first.coefficients[j]);
  const vPi = zIdx.map((a) => zIdx.map((b) => first.vcov[a][b]));
  const vInvPi = leastSquaresQr(vPi, pi, 0).beta;
  const f = pi.reduce((s, p, j) => s + p * vInvPi[j], 0) / q;
  const restricted = ols(exog, data.treatment);
  const fClassical = (restricted.rss - first.rss) / q / (first.rss / (n - L));
  const firstStage: FirstStage = {
    f: fClassical,
    df1: q,
    df2: n - L,
    p_value: fUpper(fClassical, q, n - L),
    f_robust: f,
  };

  const dHat = first.fitted;
  const xHat = exog.map((row, i) => [row[0], dHat[i], ...row.slice(1)]);
  const second = leastSquaresQr(xHat, data.outcome);
  if (!second.full_rank) {
    return fail(
      'singular_design',
      'second stage: predicted treatment is collinear with the covariates',
    );
  }
  const k = xHat[0].length;
  const beta = second.beta;
  const X = exog.map((row, i) => [row[0], data.treatment[i], ...row.slice(1)]);
  const u = data.outcome.map((yi, i) => yi - dot(X[i], beta));
  const scores = xHat.map((row, i) => row.map((v) => v * u[i]));
  const { meat, groups } = scoreMeat(scores, data.clusters ?? null, k);
  if (data.clusters !== undefined && groups < 2) {
    return fail('insufficient_data', `clustered SE needs >= 2 clusters, got ${groups}`);
  }
  let vcov: number[][];
  if (options.se === 'classical') {
    const sigma2 = u.reduce((s, v) => s + v * v, 0) / (n - k);
    vcov = second.xtx_inv.map((row) => row.map((v) => v * sigma2));
  } else {
    const scale =
      data.clusters !== undefined ? (groups / (groups - 1)) * ((n - 1) / (n - k)) : n / (n - k);
    vcov = sandwich(second.xtx_inv, meat, scale);
  }
  let sargan: OverIdTest | null = null;
  let hansen: OverIdTest | null = null;
  if (q > 1) {
    const aux = ols(firstX, u);
    const statistic = n * aux.r_squared;
    sargan = { statistic, df: q - 1, p_value: chiSquareUpper(statistic, q - 1) };
    hansen = hansenJ(firstX, X, data.outcome, u, data.clusters ?? null, q - 1);
  }
  const weak = !(f >= settings.weak_instrument_f);
  return makeEffect(
    {
      method: 'iv_2sls',
      estimand: 'LATE',
      estimate: beta[1],
      std_error: Math.sqrt(vcov[1][1]),
      n,
      n_treated: check.n_treated,
      n_control: check.n_control,
      status: 'ok',
      reasons: weak
        ? [`weak instrument: first-stage F = ${f.toFixed(2)} < ${settings.weak_instrument_f}`]
        : [],
    },
    settings.alpha,
    {
      first_stage_f: f,
      weak_instrument: weak,
      n_instruments: q,
      first_stage: firstStage,
      sargan,
      hansen_j: hansen,
    },
  );
}
