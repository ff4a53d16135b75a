/**
 * The local regressions STL is built from (Cleveland et al. 1990, the `est` and `ess`
 * routines of their published Fortran): tricube-weighted local constant or linear fits,
 * evaluated every `jump` points and linearly interpolated in between. Kept index-for-index
 * with the reference so the decomposition matches its published output.
 */

/**
 * The local fit at abscissa `xs` (1-based, like the reference) over y[nleft..nright]
 * (1-based, inclusive), bandwidth from the window `len`. Returns null where every weight is
 * zero (the caller keeps the data value then).
 */
export function loessAt(
  y: ArrayLike<number>,
  n: number,
  len: number,
  degree: 0 | 1,
  xs: number,
  nleft: number,
  nright: number,
  w: Float64Array,
  robustness: ArrayLike<number> | null,
): number | null {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.trunc((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    w[j - 1] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      w[j - 1] = r <= h1 ? 1 : (1 - (r / h) ** 3) ** 3;
      if (robustness) w[j - 1] *= robustness[j - 1];
      a += w[j - 1];
    }
  }
  if (a <= 0) return null;
  for (let j = nleft; j <= nright; j++) w[j - 1] /= a;
  if (h > 0 && degree > 0) {
    let centre = 0;
    for (let j = nleft; j <= nright; j++) centre += w[j - 1] * j;
    let b = xs - centre;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[j - 1] * (j - centre) ** 2;
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[j - 1] *= b * (j - centre) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[j - 1] * y[j - 1];
  return ys;
}

/**
 * LOESS smoothing of y (length n) with window `len`, fitted every `jump` points and
 * interpolated between; writes into `out` starting at `outOffset`. `work` has length >= n.
 */
export function loessSmooth(
  y: ArrayLike<number>,
  n: number,
  len: number,
  degree: 0 | 1,
  jump: number,
  robustness: ArrayLike<number> | null,
  out: Float64Array,
  outOffset: number,
  work: Float64Array,
): void {
  const ys = (i: number) => outOffset + i - 1; // 1-based position i in out
  const fit = (xs: number, nl: number, nr: number) => {
    const v = loessAt(y, n, len, degree, xs, nl, nr, work, robustness);
    out[ys(xs)] = v ?? y[xs - 1];
  };
  if (n < 2) {
    out[ys(1)] = y[0];
    return;
  }
  const step = Math.min(jump, n - 1);
  let nleft = 1;
  let nright = n;
  if (len >= n) {
    for (let i = 1; i <= n; i += step) fit(i, 1, n);
  } else if (step === 1) {
    const nsh = Math.trunc((len + 1) / 2);
    nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > nsh && nright !== n) {
        nleft++;
        nright++;
      }
      fit(i, nleft, nright);
    }
  } else {
    const nsh = Math.trunc((len + 1) / 2);
    for (let i = 1; i <= n; i += step) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      fit(i, nleft, nright);
    }
  }
  if (step === 1) return;
  for (let i = 1; i <= n - step; i += step) {
    const delta = (out[ys(i + step)] - out[ys(i)]) / step;
    for (let j = i + 1; j <= i + step - 1; j++) out[ys(j)] = out[ys(i)] + delta * (j - i);
  }
  const k = Math.trunc((n - 1) / step) * step + 1;
  if (k !== n) {
    fit(n, nleft, nright);
    if (k !== n - 1) {
      const delta = (out[ys(n)] - out[ys(k)]) / (n - k);
      for (let j = k + 1; j <= n - 1; j++) out[ys(j)] = out[ys(k)] + delta * (j - k);
    }
  }
}
