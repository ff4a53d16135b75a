/**
 * The nightly attribution's shortcuts (issue 17) give the very numbers of the plain way: a
 * propensity model left unfrozen, an analysis without refuters, the fused demeaning passes, the
 * balance table's arms split once, the RD bandwidth's nearest-neighbour residuals over runs
 * of tied scores, the fixed-effects regressions' demeaned columns computed once per column, and the
 * finiteness of a subset known from its source.
 */
import { createRng, weightedStandardizedMeanDifference } from '@hirelearn/stats';
import { analyzeEffect } from './analyze';
import { balanceTable } from './balance';
import { fitPropensity, transientPropensity } from './propensity';
import { checkData, subsetData } from './data';
import { mseRdBandwidth } from './rd-bandwidth';
import { demeanTwoWay, denseIndex, twfeRegression } from './twfe';
import { withinUnitEffect } from './within-unit';
import type { CausalData } from './types';

/** A confounded question on `n` rows of 40 clusters (seeded). */
function world(n: number): CausalData {
  const rng = createRng('nightly-speed');
  const x1 = Array.from({ length: n }, () => rng.normal());
  const x2 = Array.from({ length: n }, () => (rng.uniform() < 0.4 ? 1 : 0));
  const treatment = x1.map((v, i) =>
    rng.uniform() < 1 / (1 + Math.exp(-0.8 * v - x2[i])) ? 1 : 0,
  );
  const outcome = x1.map((v, i) =>
    rng.uniform() < 0.2 + 0.05 * treatment[i] + 0.1 * (v > 0 ? 1 : 0) ? 1 : 0,
  );
  return {
    outcome,
    treatment,
    covariates: { x1, x2 },
    clusters: x1.map((_, i) => `u${i % 40}`),
  };
}

describe('the nightly shortcuts give the plain way numbers', () => {
  const data = world(1200);

  it('transientPropensity is fitPropensity unfrozen: the same fit, its arrays left plain', () => {
    const frozen = fitPropensity(data);
    const plain = transientPropensity(data);
    expect(plain).toEqual(frozen);
    expect(Object.isFrozen(frozen.scores)).toBe(true);
    expect(Object.isFrozen(plain.scores)).toBe(false);
    expect(Object.isFrozen(plain)).toBe(false);
  });

  it('analyzeEffect with refute: false skips the refuters and changes no estimate', () => {
    const question = { treatment_name: 't', outcome_name: 'y', data };
    const full = analyzeEffect(question);
    const bare = analyzeEffect(question, { refute: false });
    expect(full.refutations.length).toBeGreaterThan(0);
    expect(bare.refutations).toEqual([]);
    expect(bare.estimates).toEqual(full.estimates);
    expect(bare.balance).toEqual(full.balance);
    expect(bare.overlap).toEqual(full.overlap);
  });

  it('demeanTwoWay equals unit-then-period demeaning pass by pass, to the last bit', () => {
    const rng = createRng('demean');
    const n = 900;
    // An unbalanced panel: units with different numbers of rows, periods in any order.
    const unit = Array.from({ length: n }, () => `u${Math.floor(30 * rng.uniform() ** 2)}`);
    const time = Array.from({ length: n }, () => `t${Math.floor(12 * rng.uniform())}`);
    const col = Array.from({ length: n }, (_, i) => rng.normal() + (unit[i].length % 3));
    const fused = [Float64Array.from(col)];
    expect(demeanTwoWay(fused, unit, time)).toBe(true);
    const reference = Float64Array.from(col);
    const demeanBy = (g: Int32Array, k: number): number => {
      const s = new Float64Array(k);
      const c = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        s[g[i]] += reference[i];
        c[g[i]]++;
      }
      let worst = 0;
      for (let j = 0; j < k; j++) {
        s[j] /= c[j];
        worst = Math.max(worst, Math.abs(s[j]));
      }
      for (let i = 0; i < n; i++) reference[i] -= s[g[i]];
      return worst;
    };
    const u = denseIndex(unit);
    const t = denseIndex(time);
    const scale = Math.max(1, ...col.map(Math.abs));
    let converged = false;
    for (let it = 0; it < 10_000 && !converged; it++) {
      demeanBy(u.index, u.count);
      converged = demeanBy(t.index, t.count) < 1e-10 * scale && it > 0;
    }
    expect(Array.from(fused[0])).toEqual(Array.from(reference));
  });

  it('balanceTable equals the weighted SMD of each covariate split row by row', () => {
    const weights = data.treatment.map((t, i) => (t === 1 ? 1 : 0.5 + (i % 7) / 10));
    const table = balanceTable(data, weights);
    for (const row of table.rows) {
      const values = data.covariates[row.covariate];
      const smd = (w: readonly number[]): number => {
        const arm = (a: number) => ({
          values: values.filter((_, i) => data.treatment[i] === a),
          weights: w.filter((_, i) => data.treatment[i] === a),
        });
        return weightedStandardizedMeanDifference(arm(1), arm(0), { sd_from: 'unweighted' }).smd;
      };
      expect(row.smd_before).toBe(smd(data.treatment.map(() => 1)));
      expect(row.smd_after).toBe(smd(weights));
    }
  });

  it('mseRdBandwidth on a running variable full of ties: the bandwidths of the unit-by-unit residuals', () => {
    const rng = createRng('rd-ties');
    const running: number[] = [];
    const outcome: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const x = Math.round(100 * rng.uniform());
      running.push(x);
      outcome.push(rng.uniform() < 0.2 + 0.002 * x + (x >= 60 ? 0.1 : 0) ? 1 : 0);
    }
    // Computed before the residuals stepped over runs of equal scores (commit 907ed88's code).
    expect(mseRdBandwidth(running, outcome, 60)).toEqual({
      h: 8.358523330622916,
      b: 13.897153643822929,
      pilot: 29.42358345950408,
      derivative_pilot: 26.76379937931908,
    });
  });

  it('twfeRegression over demeaned columns it has already seen: the numbers of fresh copies', () => {
    const rng = createRng('twfe-cache');
    const n = 600;
    const unit = Array.from({ length: n }, () => `u${Math.floor(25 * rng.uniform())}`);
    const time = Array.from({ length: n }, () => Math.floor(6 * rng.uniform()));
    const x = Array.from({ length: n }, () => rng.normal());
    const d = Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 1 : 0));
    const y = x.map((v, i) => 0.3 * v + 0.2 * d[i] + rng.normal());
    const fresh = () => twfeRegression([...y], [[...d], [...x]], [...unit], [...time]);
    const first = twfeRegression(y, [d, x], unit, time);
    expect(first.status).toBe('ok');
    expect(twfeRegression(y, [d, x], unit, time)).toEqual(first);
    expect(fresh()).toEqual(first);
    // A permuted treatment beside the same outcome and covariate (the placebo refit).
    const permuted = [...d].reverse();
    expect(twfeRegression(y, [permuted, x], unit, time)).toEqual(
      twfeRegression([...y], [[...permuted], [...x]], [...unit], [...time]),
    );
    // One period: null is a period column of zeros.
    expect(twfeRegression(y, [d, x], unit, null)).toEqual(
      twfeRegression(
        [...y],
        [[...d], [...x]],
        [...unit],
        y.map(() => 0),
      ),
    );
  });

  it('withinUnitEffect twice on the same columns, and on copies: the same effect', () => {
    const first = withinUnitEffect(data);
    expect(first.status).toBe('ok');
    expect(withinUnitEffect(data)).toEqual(first);
    const copies = {
      outcome: [...data.outcome],
      treatment: [...data.treatment],
      covariates: { x1: [...data.covariates.x1], x2: [...data.covariates.x2] },
      clusters: [...data.clusters!],
    };
    expect(withinUnitEffect(copies)).toEqual(first);
  });

  it('subsetData picks the rows of every column as the plain index.map does, in order', () => {
    const index = [5, 0, 7, 7, 1199, 3];
    const withInstrument = { ...data, instruments: { z: data.treatment.map((t) => 1 - t) } };
    const plain = <T>(col: readonly T[]) => index.map((i) => col[i]);
    const sub = subsetData(withInstrument, index);
    expect(sub.outcome).toEqual(plain(data.outcome));
    expect(sub.treatment).toEqual(plain(data.treatment));
    expect(sub.covariates).toEqual({
      x1: plain(data.covariates.x1),
      x2: plain(data.covariates.x2),
    });
    expect(sub.clusters).toEqual(plain(data.clusters!));
    expect(sub.instruments).toEqual({ z: plain(withInstrument.instruments.z) });
    const numbered = { ...data, clusters: data.clusters!.map((_, i) => i % 7) };
    expect(subsetData(numbered, index).clusters).toEqual(plain(numbered.clusters));
  });

  it('a subset of columns known finite is known finite; a non-finite one is still found', () => {
    const index = data.outcome.flatMap((_, i) => (i % 3 === 0 ? [] : [i]));
    expect(checkData(data, true, 5).status).toBe('ok');
    expect(checkData(subsetData(data, index), true, 5)).toEqual(
      checkData(subsetData(structuredClone(data), index), true, 5),
    );
    const broken = { ...data, covariates: { ...data.covariates, x3: data.outcome.map(() => NaN) } };
    expect(checkData(subsetData(broken, index), true, 5).reasons).toEqual([
      'covariate x3 has non-finite values',
    ]);
  });
});
