import { ols, olsCovariance, olsRSquared, weightedResiduals, wls, withIntercept } from './ols';

// Anscombe (1973), "Graphs in Statistical Analysis", Am. Stat. 27(1): data set I.
const ANSCOMBE_X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const ANSCOMBE_Y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];

// NIST StRD linear regression data set "Longley" (higher difficulty), Longley (1967), JASA 62.
// https://www.itl.nist.gov/div898/strd/lls/data/LINKS/DATA/Longley.dat
// Columns: y (total employment), x1 GNP deflator, x2 GNP, x3 unemployed, x4 armed forces,
// x5 non-institutional population >= 14, x6 year.
const LONGLEY: readonly (readonly number[])[] = [
  [60323, 83.0, 234289, 2356, 1590, 107608, 1947],
  [61122, 88.5, 259426, 2325, 1456, 108632, 1948],
  [60171, 88.2, 258054, 3682, 1616, 109773, 1949],
  [61187, 89.5, 284599, 3351, 1650, 110929, 1950],
  [63221, 96.2, 328975, 2099, 3099, 112075, 1951],
  [63639, 98.1, 346999, 1932, 3594, 113270, 1952],
  [64989, 99.0, 365385, 1870, 3547, 115094, 1953],
  [63761, 100.0, 363112, 3578, 3350, 116219, 1954],
  [66019, 101.2, 397469, 2904, 3048, 117388, 1955],
  [67857, 104.6, 419180, 2822, 2857, 118734, 1956],
  [68169, 108.4, 442769, 2936, 2798, 120445, 1957],
  [66513, 110.8, 444546, 4681, 2637, 121950, 1958],
  [68655, 112.6, 482704, 3813, 2552, 123366, 1959],
  [69564, 114.2, 502601, 3931, 2514, 125368, 1960],
  [69331, 115.7, 518173, 4806, 2572, 127852, 1961],
  [70551, 116.9, 554894, 4007, 2827, 130081, 1962],
];
// NIST certified values.
const LONGLEY_BETA = [
  -3482258.63459582, 15.0618722713733, -0.35819179292591e-1, -2.02022980381683, -1.03322686717359,
  -0.511041056535807e-1, 1829.15146461355,
];
const LONGLEY_SE = [
  890420.383607373, 84.9149257747669, 0.334910077722432e-1, 0.488399681651699, 0.214274163161675,
  0.22607320006937, 455.478499142212,
];

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('ols: published answers', () => {
  it("Anscombe's quartet I: intercept 3.0001, slope 0.5001, SE(slope) 0.1179, R² 0.6665", () => {
    const fit = ols(withIntercept(ANSCOMBE_X.map((x) => [x])), ANSCOMBE_Y1);
    expect(fit.status).toBe('ok');
    expect(fit.coefficients[0]).toBeCloseTo(3.0001, 4);
    expect(fit.coefficients[1]).toBeCloseTo(0.5001, 4);
    expect(fit.std_errors[1]).toBeCloseTo(0.1179, 4);
    expect(fit.std_errors[0]).toBeCloseTo(1.1247, 4);
    expect(fit.r_squared).toBeCloseTo(0.6665, 4);
    expect(fit.df_resid).toBe(9);
    // R summary(lm): t(slope) = 4.241, p = 0.00217.
    expect(fit.t_stats[1]).toBeCloseTo(4.241, 3);
    expect(fit.p_values[1]).toBeCloseTo(0.00217, 5);
  });

  it('Longley (NIST StRD): coefficients to >= 8 and SEs to >= 7 significant digits', () => {
    const X = withIntercept(LONGLEY.map((r) => r.slice(1)));
    const y = LONGLEY.map((r) => r[0]);
    const fit = ols(X, y);
    expect(fit.status).toBe('ok');
    fit.coefficients.forEach((b, j) => expect(relErr(b, LONGLEY_BETA[j])).toBeLessThan(1e-8));
    fit.std_errors.forEach((s, j) => expect(relErr(s, LONGLEY_SE[j])).toBeLessThan(1e-7));
    expect(relErr(fit.sigma, 304.854073561965)).toBeLessThan(1e-8);
    expect(fit.r_squared).toBeCloseTo(0.995479004577296, 10);
    expect(relErr(fit.rss, 836424.055505915)).toBeLessThan(1e-8);
  });
});

describe('ols: robust covariance on a hand-computable case', () => {
  // y = [1, 3, 2, 6], x = [0, 0, 1, 1] with intercept. Group means 2 and 4, so b = (2, 2),
  // e = (−1, 1, −2, 2). (XᵀX)⁻¹ = [[.5, −.5], [−.5, 1]], n = 4, k = 2.
  const X = withIntercept([[0], [0], [1], [1]]);
  const y = [1, 3, 2, 6];

  it('classical: σ̂² = 10/2 = 5 -> SE = (√2.5, √5)', () => {
    const fit = ols(X, y);
    expect(fit.coefficients).toEqual([2, 2].map((v) => expect.closeTo(v, 12)));
    expect(fit.std_errors[0]).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(fit.std_errors[1]).toBeCloseTo(Math.sqrt(5), 12);
  });

  it('HC1: meat [[10,8],[8,8]] -> HC0 [[.5,−.5],[−.5,2.5]], × n/(n−k) = 2 -> SE = (1, √5)', () => {
    const fit = ols(X, y, { se: 'hc1' });
    expect(fit.se_type).toBe('hc1');
    expect(fit.std_errors[0]).toBeCloseTo(1, 12);
    expect(fit.std_errors[1]).toBeCloseTo(Math.sqrt(5), 12);
    expect(fit.vcov[0][1]).toBeCloseTo(-1, 12);
    expect(fit.df_test).toBe(2);
  });

  it('CR1 with clusters {1,3},{2,4}: scores ±(3,2) -> V = 3 · [[.5,.5],[.5,.5]]', () => {
    const fit = ols(X, y, { clusters: ['a', 'b', 'a', 'b'] });
    expect(fit.se_type).toBe('cluster');
    expect(fit.n_clusters).toBe(2);
    // G/(G−1) · (n−1)/(n−k) = 2 · 3/2 = 3.
    expect(fit.std_errors[0]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(fit.std_errors[1]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(fit.df_test).toBe(1);
    expect(fit.p_values[1]).toBeCloseTo(1 - (2 * Math.atan(2 / Math.sqrt(1.5))) / Math.PI, 10);
  });

  it('CR1 with singleton clusters equals HC1 exactly', () => {
    const hc1 = ols(X, y, { se: 'hc1' });
    const cr1 = ols(X, y, { clusters: [1, 2, 3, 4] });
    // G/(G−1)·(n−1)/(n−k) with G = n is n/(n−k), the HC1 factor.
    expect(cr1.std_errors[1]).toBeCloseTo(hc1.std_errors[1], 12);
  });
});

describe('wls', () => {
  it('integer weights give the same coefficients as duplicated rows', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [1.2, 1.9, 3.4, 3.9, 5.3, 5.8];
    const w = [1, 2, 1, 3, 1, 2];
    const weighted = wls(withIntercept(x.map((v) => [v])), y, w);
    const dupX: number[][] = [];
    const dupY: number[] = [];
    x.forEach((v, i) => {
      for (let r = 0; r < w[i]; r++) {
        dupX.push([1, v]);
        dupY.push(y[i]);
      }
    });
    const dup = ols(dupX, dupY);
    expect(weighted.coefficients[0]).toBeCloseTo(dup.coefficients[0], 12);
    expect(weighted.coefficients[1]).toBeCloseTo(dup.coefficients[1], 12);
    expect(weighted.r_squared).toBeCloseTo(dup.r_squared, 12);
    expect(weighted.rss).toBeCloseTo(dup.rss, 10);
  });

  it('zero-weight rows are dropped (an outlier with weight 0 has no influence)', () => {
    const X = withIntercept([[1], [2], [3], [4]]);
    const fit = wls(X, [2, 4, 6, 1000], [1, 1, 1, 0]);
    expect(fit.n).toBe(3);
    expect(fit.coefficients[1]).toBeCloseTo(2, 10);
    expect(fit.residuals[3]).toBeCloseTo(1000 - 8, 8);
  });
});

describe('ols: degenerate inputs return a status', () => {
  it('collinear columns -> singular_design with the aliased column named', () => {
    const X = [
      [1, 1, 2],
      [1, 2, 4],
      [1, 3, 6],
      [1, 4, 8],
    ];
    const fit = ols(X, [1, 2, 2, 3], { names: ['const', 'a', 'b'] });
    expect(fit.status).toBe('singular_design');
    expect(fit.aliased).toEqual([2]);
    expect(fit.reason).toMatch(/\bb\b/);
    expect(fit.coefficients.every(Number.isNaN)).toBe(true);
  });

  it('all-zero column -> singular_design', () => {
    expect(ols(withIntercept([[0], [0], [0]]), [1, 2, 3]).status).toBe('singular_design');
  });

  it('n <= k -> too_few_rows', () => {
    const fit = ols(withIntercept([[1], [2]]), [1, 2]);
    expect(fit.status).toBe('too_few_rows');
  });

  it('constant outcome -> zero_variance with exact coefficients', () => {
    const fit = ols(withIntercept([[1], [2], [3]]), [5, 5, 5]);
    expect(fit.status).toBe('zero_variance');
    expect(fit.coefficients[0]).toBeCloseTo(5, 12);
    expect(fit.coefficients[1]).toBeCloseTo(0, 12);
  });

  it('non-finite data -> non_finite_input; a single cluster -> too_few_clusters', () => {
    expect(ols(withIntercept([[1], [NaN], [3]]), [1, 2, 3]).status).toBe('non_finite_input');
    const one = ols(withIntercept([[1], [2], [3]]), [1, 2, 4], { clusters: [7, 7, 7] });
    expect(one.status).toBe('too_few_clusters');
  });

  it('programmer errors throw with a clear message', () => {
    expect(() => ols([[1], [2]], [1, 2, 3])).toThrow(/2 rows but y has 3/);
    expect(() => ols([[1, 2], [2]], [1, 2])).toThrow(/ragged/);
    expect(() => ols([[1], [2]], [1, 2], { se: 'cluster' })).toThrow(/requires options.clusters/);
    expect(() => ols([[1], [2]], [1, 2], { weights: [1] })).toThrow(/weights/);
  });
});

describe('ols units on a hand-checkable fit', () => {
  // X = [1, d] with d = (0, 0, 1, 1), y = (1, 3, 2, 6): β̂ = (2, 2) (the two group means 2 and 4),
  // e = (−1, 1, −2, 2), RSS = 10, B = (XᵀX)⁻¹ = [[4, 2], [2, 2]]⁻¹ = [[0.5, −0.5], [−0.5, 1]].
  const X = [
    [1, 0],
    [1, 0],
    [1, 1],
    [1, 1],
  ];
  const y = [1, 3, 2, 6];
  const e = [-1, 1, -2, 2];
  const used = [0, 1, 2, 3];
  const unit = { used, sw: [1, 1, 1, 1], w: Float64Array.of(1, 1, 1, 1) };
  const bread = [
    [0.5, -0.5],
    [-0.5, 1],
  ];
  const fit = { rows: unit, bread, ew: e, rss: 10 };

  it('weightedResiduals: ẽ = √w e on the used rows and RSS = Σ w e²', () => {
    expect(weightedResiduals(e, unit)).toEqual({ ew: e, rss: 10 });
    // Rows 0 and 2 with √w = (3, 1): ẽ = (−3, −2), RSS = 9 + 4.
    expect(weightedResiduals(e, { used: [0, 2], sw: [3, 1] })).toEqual({ ew: [-3, -2], rss: 13 });
  });

  it('olsCovariance classical: σ̂² B with σ̂² = 10 / 2', () => {
    const cov = olsCovariance(X, fit, 'classical');
    expect(cov).toEqual({
      vcov: [
        [2.5, -2.5],
        [-2.5, 5],
      ],
      df_test: 2,
      n_clusters: null,
    });
  });

  it('olsCovariance HC1: n/(n − k) · B [Σ e² x xᵀ] B = 2 · B [[10, 8], [8, 8]] B', () => {
    const cov = olsCovariance(X, fit, 'hc1');
    expect(cov.df_test).toBe(2);
    expect(cov.vcov).toEqual([
      [1, -1],
      [-1, 5],
    ]);
  });

  it('olsCovariance CR1: clusters {0, 2}, {1, 3} have scores ∓(3, 2); V = 2 · 3/2 · B M B, df G − 1', () => {
    const cov = olsCovariance(X, fit, 'cluster', ['a', 'b', 'a', 'b']);
    expect(cov.n_clusters).toBe(2);
    expect(cov.df_test).toBe(1);
    expect(cov.vcov).toEqual([
      [1.5, 1.5],
      [1.5, 1.5],
    ]);
  });

  it('olsCovariance CR1 with one cluster: no covariance, the count reported', () => {
    expect(olsCovariance(X, fit, 'cluster', [7, 7, 7, 7])).toEqual({
      vcov: null,
      df_test: NaN,
      n_clusters: 1,
    });
  });

  it('olsRSquared: centred 1 − 10/14 and adjusted −1/14; uncentred 1 − 10/50 and adjusted 0.6', () => {
    const c = olsRSquared(y, unit, 10, 2, true);
    expect(c.r_squared).toBeCloseTo(2 / 7, 15);
    expect(c.adj_r_squared).toBeCloseTo(-1 / 14, 15);
    const u = olsRSquared(y, unit, 10, 2, false);
    expect(u.r_squared).toBeCloseTo(0.8, 15);
    expect(u.adj_r_squared).toBeCloseTo(0.6, 15);
  });

  it('olsRSquared weights the mean and TSS: w = (1, 1, 2) on y = (1, 3, 2) gives ȳ_w = 2, TSS = 2', () => {
    const r = olsRSquared(y, { used: [0, 1, 2], w: Float64Array.of(1, 1, 2) }, 1, 2, true);
    expect(r.r_squared).toBeCloseTo(0.5, 15);
    expect(r.adj_r_squared).toBeCloseTo(0, 15);
    expect(
      olsRSquared([4, 4, 4], { used: [0, 1, 2], w: Float64Array.of(1, 1, 1) }, 0, 1, true)
        .r_squared,
    ).toBeNaN();
  });

  it('the units compose to ols itself', () => {
    const r = ols(X, y, { se: 'hc1' });
    expect(r.coefficients.map((b) => Number(b.toFixed(12)))).toEqual([2, 2]);
    expect(r.rss).toBeCloseTo(10, 12);
    expect(r.std_errors[1]).toBeCloseTo(Math.sqrt(5), 12);
    expect(r.r_squared).toBeCloseTo(2 / 7, 12);
  });
});
