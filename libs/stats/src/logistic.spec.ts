import { logistic } from './logistic';
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
