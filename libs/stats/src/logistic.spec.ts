import {
  irls,
  irlsData,
  irlsStep,
  logistic,
  logisticCovariance,
  logisticSettings,
  logisticVerdict,
  nullDeviance,
  penalizedDeviance,
  rankCheck,
  sigmoid,
} from './logistic';
import { createRng } from './rng';
import { withIntercept } from './ols';

// Space shuttle O-ring data, 23 launches before Challenger (Dalal, Fowlkes & Hoadley 1989,
// JASA 84; Agresti, An Introduction to Categorical Data Analysis, 2nd ed., Table 5.10):
// launch temperature (°F) and whether any O-ring had thermal distress.
const TEMP = [
  66, 70, 69, 68, 67, 72, 73, 70, 57, 63, 70, 78, 67, 53, 67, 75, 70, 81, 76, 79, 75, 76, 58,
];
const TD = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1];

describe('logistic: published example', () => {
  it('O-ring data: R glm(td ~ temp, binomial) = 15.0429 − 0.2322 temp, SE 7.3786 / 0.1082', () => {
    const fit = logistic(withIntercept(TEMP.map((t) => [t])), TD);
    expect(fit.status).toBe('ok');
    expect(fit.converged).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(15.0429, 3);
    expect(fit.coefficients[1]).toBeCloseTo(-0.2322, 4);
    expect(fit.std_errors[0]).toBeCloseTo(7.3786, 3);
    expect(fit.std_errors[1]).toBeCloseTo(0.1082, 4);
    // Null deviance 28.267 on 22 df, residual deviance 20.315 on 21 df.
    expect(fit.null_deviance).toBeCloseTo(28.267, 3);
    expect(fit.deviance).toBeCloseTo(20.315, 3);
    expect(fit.p_values[1]).toBeCloseTo(0.032, 3);
  });
});

describe('logistic: closed form for one binary predictor', () => {
  // 2×2 table: x=1: 30 events / 10 non-events; x=0: 15 events / 45 non-events.
  // MLE: intercept = log(15/45), slope = log odds ratio = log((30·45)/(10·15)),
  // SE(slope) = sqrt(1/30 + 1/10 + 1/15 + 1/45) (Woolf), SE(intercept) = sqrt(1/15 + 1/45).
  const cells: Array<[number, number, number]> = [
    [1, 1, 30],
    [1, 0, 10],
    [0, 1, 15],
    [0, 0, 45],
  ];
  const rows: number[][] = [];
  const ys: number[] = [];
  for (const [x, yv, count] of cells) {
    for (let r = 0; r < count; r++) {
      rows.push([1, x]);
      ys.push(yv);
    }
  }
  const logOr = Math.log((30 * 45) / (10 * 15));
  const seLogOr = Math.sqrt(1 / 30 + 1 / 10 + 1 / 15 + 1 / 45);

  it('individual rows reproduce the log odds ratio and Woolf SE', () => {
    const fit = logistic(rows, ys);
    expect(fit.status).toBe('ok');
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(15 / 45), 10);
    expect(fit.coefficients[1]).toBeCloseTo(logOr, 10);
    expect(fit.std_errors[1]).toBeCloseTo(seLogOr, 8);
    expect(fit.std_errors[0]).toBeCloseTo(Math.sqrt(1 / 15 + 1 / 45), 8);
  });

  it('frequency weights on the 4 cells give the same fit', () => {
    const fit = logistic(
      cells.map(([x]) => [1, x]),
      cells.map(([, yv]) => yv),
      { weights: cells.map(([, , c]) => c) },
    );
    expect(fit.coefficients[1]).toBeCloseTo(logOr, 10);
    expect(fit.std_errors[1]).toBeCloseTo(seLogOr, 8);
    expect(fit.n).toBe(4);
  });

  it('saturated model: robust (HC0) sandwich equals the model-based variance', () => {
    // Within each x group p̂ = ȳ, so Σ(y − p̂)² x xᵀ = Σ p̂(1 − p̂) x xᵀ: meat = information.
    const fit = logistic(rows, ys, { se: 'robust' });
    expect(fit.std_errors[1]).toBeCloseTo(seLogOr, 8);
  });

  it('singleton clusters give robust SE × sqrt(G/(G−1))', () => {
    const robust = logistic(rows, ys, { se: 'robust' });
    const cl = logistic(rows, ys, { clusters: rows.map((_, i) => i) });
    expect(cl.se_type).toBe('cluster');
    expect(cl.n_clusters).toBe(100);
    expect(cl.std_errors[1]).toBeCloseTo(robust.std_errors[1] * Math.sqrt(100 / 99), 10);
  });

  it('clusters of perfectly correlated duplicates inflate the SE by sqrt(cluster size)', () => {
    // Duplicating each row 4 times inside its own cluster leaves β̂ unchanged; model SEs
    // shrink by 2, cluster SEs stay at the robust SE of the original data (× small-G factor).
    const dupRows: number[][] = [];
    const dupY: number[] = [];
    const ids: number[] = [];
    rows.forEach((r, i) => {
      for (let c = 0; c < 4; c++) {
        dupRows.push(r);
        dupY.push(ys[i]);
        ids.push(i);
      }
    });
    const model = logistic(dupRows, dupY);
    const cl = logistic(dupRows, dupY, { clusters: ids });
    expect(model.std_errors[1]).toBeCloseTo(seLogOr / 2, 8);
    expect(cl.std_errors[1]).toBeCloseTo(seLogOr * Math.sqrt(100 / 99), 8);
  });
});

describe('logistic: ridge', () => {
  const X = withIntercept(TEMP.map((t) => [(t - 70) / 7]));

  it('solves the penalized score equations Xᵀ(y − p) = λβ (intercept unpenalized)', () => {
    const lambda = 2.5;
    const fit = logistic(X, TD, { lambda });
    expect(fit.status).toBe('ok');
    const score = [0, 0];
    X.forEach((row, i) => {
      for (let j = 0; j < 2; j++) score[j] += row[j] * (TD[i] - fit.fitted[i]);
    });
    expect(score[0]).toBeCloseTo(0, 8);
    expect(score[1]).toBeCloseTo(lambda * fit.coefficients[1], 8);
    expect(fit.lambda).toBe(lambda);
  });

  it('shrinks the slope monotonically toward 0 as λ grows', () => {
    const slopes = [0, 1, 10, 100].map((lambda) => logistic(X, TD, { lambda }).coefficients[1]);
    for (let i = 1; i < slopes.length; i++) {
      expect(Math.abs(slopes[i])).toBeLessThan(Math.abs(slopes[i - 1]));
    }
  });

  it('is deterministic', () => {
    expect(logistic(X, TD, { lambda: 1 })).toEqual(logistic(X, TD, { lambda: 1 }));
  });
});

describe('logistic: degenerate inputs', () => {
  const X = withIntercept([1, 2, 3, 4, 5, 6].map((v) => [v]));

  it('complete separation -> separation status', () => {
    const fit = logistic(X, [0, 0, 0, 1, 1, 1]);
    expect(fit.status).toBe('separation');
    expect(fit.reason).toMatch(/separated/);
    expect(Math.abs(fit.coefficients[1])).toBeGreaterThan(5);
  });

  it('quasi-complete separation -> separation status', () => {
    const Xq = withIntercept([1, 2, 3, 3, 4, 5, 6].map((v) => [v]));
    expect(logistic(Xq, [0, 0, 0, 1, 1, 1, 1]).status).toBe('separation');
  });

  it('ridge resolves separation with finite coefficients', () => {
    const fit = logistic(X, [0, 0, 0, 1, 1, 1], { lambda: 1 });
    expect(fit.status).toBe('ok');
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });

  it('collinear design -> singular_design; constant outcome; too few rows', () => {
    const Xs = [1, 2, 3, 4, 5].map((v) => [1, v, 2 * v]);
    const s = logistic(Xs, [0, 1, 0, 1, 1]);
    expect(s.status).toBe('singular_design');
    expect(s.aliased).toEqual([2]);
    expect(logistic(X, [1, 1, 1, 1, 1, 1]).status).toBe('constant_outcome');
    expect(logistic(withIntercept([[1], [2]]), [0, 1]).status).toBe('too_few_rows');
  });

  it('programmer errors throw', () => {
    expect(() => logistic(X, [0, 1, 2, 0, 1, 0])).toThrow(/\[0, 1\]/);
    expect(() => logistic(X, [0, 1])).toThrow(/rows/);
    expect(() => logistic(X, [0, 0, 0, 1, 1, 1], { lambda: -1 })).toThrow(/lambda/);
  });
});

describe('logistic: warm start', () => {
  // 5,000 rows, 4 covariates, planted β = (−1, 0.8, −0.5, 0.3, 0): a refit of a subset and of
  // the design with one more (noise) column, started from the full fit's answer.
  const rng = createRng('warm-start');
  const n = 5000;
  const beta = [-1, 0.8, -0.5, 0.3, 0];
  const X = Array.from({ length: n }, () => [
    1,
    rng.normal(),
    rng.normal(),
    rng.normal(),
    rng.normal(),
  ]);
  const y = X.map((r) => {
    const eta = r.reduce((s, v, j) => s + v * beta[j], 0);
    return rng.uniform() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  });
  const full = logistic(X, y);
  const cases: Array<[string, number[][], number[], number[]]> = [
    ['an 80% subset', X.slice(0, 4000), y.slice(0, 4000), [...full.coefficients]],
    ['one more covariate', X.map((r) => [...r, rng.normal()]), y, [...full.coefficients, 0]],
  ];
  it.each(cases)(
    '%s: the same answer as a cold start within 1e-8, in fewer steps',
    (_, Xr, yr, start) => {
      const cold = logistic(Xr, yr);
      const warm = logistic(Xr, yr, { start });
      expect(cold.status).toBe('ok');
      expect(warm.status).toBe('ok');
      warm.coefficients.forEach((b, j) =>
        expect(Math.abs(b - cold.coefficients[j])).toBeLessThan(1e-8),
      );
      warm.std_errors.forEach((s, j) =>
        expect(Math.abs(s - cold.std_errors[j])).toBeLessThan(1e-8),
      );
      expect(Math.abs(warm.deviance - cold.deviance)).toBeLessThan(1e-8);
      expect(warm.iterations).toBeLessThan(cold.iterations);
    },
  );
  it('refuses a start of the wrong length, naming the option', () => {
    expect(() => logistic(X, y, { start: [0, 0] })).toThrow(
      /start must hold 5 finite coefficients/,
    );
  });
  it('a singular design is still caught when a start is given', () => {
    const dup = X.map((r) => [...r, r[1]]);
    expect(logistic(dup, y, { start: [...full.coefficients, 0] }).status).toBe('singular_design');
  });
});

describe('logistic units on a 2 × 2 table', () => {
  // x = 0: y = (0, 0, 0, 1), p̂₀ = 1/4; x = 1: y = (0, 1, 1, 1), p̂₁ = 3/4. The MLE is saturated:
  // β̂ = (logit ¼, logit ¾ − logit ¼) = (−log 3, log 9), Var β̂₀ = 1/(4·¼·¾) = 4/3,
  // Var β̂₁ = 4/3 + 4/3 = 8/3, Cov = −4/3.
  const X = [0, 0, 0, 0, 1, 1, 1, 1].map((x) => [1, x]);
  const y = [0, 0, 0, 1, 0, 1, 1, 1];
  const all = [0, 1, 2, 3, 4, 5, 6, 7];
  const data = (lambda = 0, penalized: number[] = [1]) =>
    irlsData(X, 2, y, all, undefined, lambda, penalized);
  const close = (got: readonly number[], want: readonly number[], digits: number) =>
    want.forEach((v, j) => expect(got[j]).toBeCloseTo(v, digits));

  it('logisticSettings: λ 0, the non-constant columns penalized, 100 iterations, tol 1e-10', () => {
    const s = logisticSettings(X, y, 2, {});
    expect(s).toEqual({
      lambda: 0,
      penalized: [1],
      maxIter: 100,
      tol: 1e-10,
      start: undefined,
      se: 'model',
      names: ['x0', 'x1'],
    });
    expect(logisticSettings(X, y, 2, { clusters: all }).se).toBe('cluster');
    expect(() => logisticSettings(X, [2, ...y.slice(1)], 2, {})).toThrow(/y must be in \[0, 1\]/);
    expect(() => logisticSettings(X, y, 2, { penalized: [2] })).toThrow(/penalized index 2/);
  });

  it('penalizedDeviance: at η = 0 the deviance is 8 · 2 log 2, plus λ Σ_P β² = 2 · 3²', () => {
    const eta = new Float64Array(8);
    expect(penalizedDeviance(data(), [0, 0], eta)).toBeCloseTo(16 * Math.log(2), 12);
    expect(penalizedDeviance(data(2), [5, 3], eta)).toBeCloseTo(16 * Math.log(2) + 18, 12);
  });

  it('irlsStep at η = 0: W = ¼, z = 4y − 2, so β = the group means of z (−1, 2) and bread 4 (XᵀX)⁻¹', () => {
    const step = irlsStep(data(), new Float64Array(8));
    close(step.beta, [-1, 2], 12);
    const bread = step.bread();
    close(bread[0], [1, -1], 12);
    close(bread[1], [-1, 2], 12);
  });

  it('rankCheck: a full-rank unweighted design hands over step 1; a doubled column is aliased', () => {
    const full = rankCheck(data(), false, false);
    expect(full.aliased).toEqual([]);
    close(full.firstStep?.beta ?? [], [-1, 2], 12);
    expect(rankCheck(data(), true, false)).toEqual({ aliased: [], firstStep: null });
    const doubled = X.map(([c, x]) => [c, x, 2 * x]);
    const d = irlsData(doubled, 3, y, all, undefined, 0, [1, 2]);
    expect(rankCheck(d, false, false)).toEqual({ aliased: [2], firstStep: null });
  });

  it('rankCheck with λ > 0: the ridge covers only the penalized columns, so the unpenalized are checked', () => {
    // Columns 0 and 1 are both constant (1 and 2): X^T W X + λ E_P is singular when P = {2}.
    const twoConstants = X.map(([c, x]) => [c, 2 * c, x]);
    const unpenalizedAliased = irlsData(twoConstants, 3, y, all, undefined, 1, [2]);
    expect(rankCheck(unpenalizedAliased, false, false)).toEqual({ aliased: [1], firstStep: null });
    expect(rankCheck(unpenalizedAliased, true, true).aliased).toEqual([1]);
    // Penalizing one of the two makes the penalized system positive definite.
    const covered = irlsData(twoConstants, 3, y, all, undefined, 1, [1, 2]);
    expect(rankCheck(covered, false, false)).toEqual({ aliased: [], firstStep: null });
    // Doubled penalized columns are what the ridge is for.
    const doubled = irlsData(
      X.map(([c, x]) => [c, x, 2 * x]),
      3,
      y,
      all,
      undefined,
      1,
      [1, 2],
    );
    expect(rankCheck(doubled, false, false).aliased).toEqual([]);
  });

  it('logistic with λ > 0 and aliased unpenalized columns -> singular_design naming them', () => {
    const fit = logistic(
      X.map(([, x]) => [1, 2, x]),
      y,
      { lambda: 1, penalized: [2], names: ['one', 'two', 'x'] },
    );
    expect(fit.status).toBe('singular_design');
    expect(fit.aliased).toEqual([1]);
    expect(fit.reason).toMatch(/column\(s\) two .*unpenalized/);
    expect(fit.coefficients.every(Number.isNaN)).toBe(true);
    expect(
      logistic(
        X.map(([, x]) => [1, 2, x]),
        y,
        { lambda: 1, penalized: [1, 2] },
      ).status,
    ).toBe('ok');
  });

  it('irls converges to the saturated MLE (−log 3, log 9)', () => {
    const path = irls(data(), [0, 0], null, 100, 1e-10);
    expect(path.converged).toBe(true);
    expect(path.singularAt).toBe(0);
    close(path.beta, [-Math.log(3), Math.log(9)], 9);
    const l3 = Math.log(3);
    close(Array.from(path.eta), [-l3, -l3, -l3, -l3, l3, l3, l3, l3], 9);
    expect(irls(data(), [0, 0], null, 1, 1e-10)).toMatchObject({ converged: false, iterations: 1 });
  });

  it('nullDeviance: p̄ = ½ gives 16 log 2; NaN without a constant column', () => {
    expect(nullDeviance(data())).toBeCloseTo(16 * Math.log(2), 12);
    const noConstant = irlsData(
      X.map(([, x]) => [x]),
      1,
      y,
      all,
      undefined,
      0,
      [0],
    );
    expect(nullDeviance(noConstant)).toBeNaN();
  });

  it('logisticCovariance at the MLE: model = robust (saturated); singleton clusters × 8/7', () => {
    const d = data();
    const { eta } = irls(d, [0, 0], null, 100, 1e-12);
    const bread = irlsStep(d, eta).bread();
    const p = Array.from(eta, sigmoid);
    const want = [
      [4 / 3, -4 / 3],
      [-4 / 3, 8 / 3],
    ];
    for (const se of ['model', 'robust'] as const) {
      const { vcov, n_clusters } = logisticCovariance(d, bread, p, se, null);
      expect(n_clusters).toBeNull();
      want.forEach((row, j) => close(vcov[j], row, 8));
    }
    const cl = logisticCovariance(d, bread, p, 'cluster', all);
    expect(cl.n_clusters).toBe(8);
    want.forEach((row, j) =>
      close(
        cl.vcov[j],
        row.map((v) => (v * 8) / 7),
        8,
      ),
    );
  });

  it('logisticVerdict: separation before non-convergence before too few clusters', () => {
    const ok = { converged: true, singularAt: 0 };
    expect(logisticVerdict([0.5, 1e-11], { converged: false, singularAt: 2 }, 100, 1).status).toBe(
      'separation',
    );
    expect(logisticVerdict([0.5], { converged: false, singularAt: 3 }, 100, 1).reason).toMatch(
      /stopped at iteration 3/,
    );
    expect(logisticVerdict([0.5], { converged: false, singularAt: 0 }, 7, null).reason).toBe(
      'IRLS did not converge in 7 iterations',
    );
    expect(logisticVerdict([0.5], ok, 100, 1).status).toBe('too_few_clusters');
    expect(logisticVerdict([0.5], ok, 100, 2)).toEqual({ status: 'ok', reason: '' });
  });
});
