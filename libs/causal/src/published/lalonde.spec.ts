import { mean, normalQuantile, sd } from '@hirelearn/stats';
import { fitPropensity } from '../propensity';
import { DEFAULT_CAUSAL_SETTINGS } from '../settings';
import {
  DW_BASE_SPEC,
  lalondeReproductions,
  lalondeStudy,
  LalondeSamples,
  LalondeStudy,
  loadLalonde,
  NSW_EXPERIMENT,
  stack,
} from './lalonde';
import { reproduced } from './reproduction';

let samples: LalondeSamples;
let study: LalondeStudy;
beforeAll(() => {
  samples = loadLalonde();
  study = lalondeStudy(samples);
});

const lo = NSW_EXPERIMENT.estimate - normalQuantile(0.975) * NSW_EXPERIMENT.std_error;
const hi = NSW_EXPERIMENT.estimate + normalQuantile(0.975) * NSW_EXPERIMENT.std_error;

describe('LaLonde / Dehejia-Wahba fixtures', () => {
  it('have the published row counts and the sample means of DW (1999) Table 1', () => {
    const { treated, control, cps3 } = samples;
    expect([treated.re78.length, control.re78.length, cps3.re78.length]).toEqual([185, 260, 429]);
    // Table 1: age, schooling, black, hispanic, no degree, married, RE74, RE75
    const table1 = (c: typeof treated): number[] =>
      ['age', 'educ', 'black', 'hisp', 'nodegree', 'married', 're74', 're75'].map((k) =>
        mean(c[k]),
      );
    const round = (v: number[]): number[] =>
      v.map((x, j) =>
        j < 2 ? Math.round(x * 100) / 100 : j < 6 ? Math.round(x * 100) / 100 : Math.round(x),
      );
    expect(round(table1(treated))).toEqual([25.82, 10.35, 0.84, 0.06, 0.71, 0.19, 2096, 1532]);
    expect(round(table1(control))).toEqual([25.05, 10.09, 0.83, 0.11, 0.83, 0.15, 2107, 1267]);
    expect(round(table1(cps3))).toEqual([28.03, 10.24, 0.2, 0.14, 0.6, 0.51, 5619, 2466]);
    // the appended u74/u75 columns are the zero-earnings indicators
    expect(treated.u74.every((u, i) => u === (treated.re74[i] === 0 ? 1 : 0))).toBe(true);
    expect(control.u75.every((u, i) => u === (control.re75[i] === 0 ? 1 : 0))).toBe(true);
  });
});

describe('the NSW experiment (DW 1999 Table 3: $1,794, s.e. 633)', () => {
  it('difference in mean 1978 earnings is $1,794', () => {
    const e = study.experimental;
    expect(e.n_treated).toBe(185);
    expect(e.n_control).toBe(260);
    expect(e.estimate).toBeCloseTo(1794.34, 2);
    expect(Math.abs(e.estimate - NSW_EXPERIMENT.estimate)).toBeLessThan(NSW_EXPERIMENT.std_error);
  });

  it("s.e. 633 is the pooled-variance one; the engine's unequal-variance s.e. is 671", () => {
    // naiveDifference uses √(s₁²/n₁ + s₀²/n₀); DW print the OLS (pooled variance) s.e.
    const { treated, control } = samples;
    const ss = (v: readonly number[]): number => {
      const m = mean(v);
      return v.reduce((s, x) => s + (x - m) ** 2, 0);
    };
    const n1 = treated.re78.length;
    const n0 = control.re78.length;
    const pooled = Math.sqrt(
      ((ss(treated.re78) + ss(control.re78)) / (n1 + n0 - 2)) * (1 / n1 + 1 / n0),
    );
    expect(Math.round(pooled)).toBe(NSW_EXPERIMENT.std_error);
    expect(study.experimental.std_error).toBeCloseTo(671.0, 1);
  });
});

describe('NSW treated vs the CPS-3 comparison group', () => {
  it('the naive difference is far off and negative', () => {
    const e = study.naive_cps3;
    expect(e.n_control).toBe(429);
    expect(e.estimate).toBeCloseTo(-635.03, 2);
    expect(e.estimate).toBeLessThan(lo);
  });

  it('propensity-score matching lands inside the experimental interval, ties averaged', () => {
    // CPS-3 repeats covariate rows (8 groups), so 22 treated units have several equally near
    // controls; psMatching averages them (as nnmatch / teffects psmatch do). The reference
    // below recomputes the same estimate by brute force on the engine's propensity and caliper.
    const data = stack(samples.treated, samples.cps3, DW_BASE_SPEC);
    const logit = fitPropensity(data).logits;
    const caliper = DEFAULT_CAUSAL_SETTINGS.caliper_sd * sd(logit);
    const controls = data.treatment.flatMap((t, i) => (t === 0 ? [i] : []));
    const diffs: number[] = [];
    let withTies = 0;
    data.treatment.forEach((t, i) => {
      if (t !== 1) return;
      const dist = controls.map((j) => Math.abs(logit[j] - logit[i]));
      const best = Math.min(...dist);
      if (best > caliper) return;
      const tied = controls.filter((_, k) => dist[k] <= best + 1e-9);
      if (tied.length > 1) withTies++;
      diffs.push(data.outcome[i] - mean(tied.map((j) => data.outcome[j])));
    });
    expect(withTies).toBe(22);
    expect(diffs.length).toBe(184);
    const m = study.matching_cps3;
    expect(m.status).toBe('ok');
    expect(m.n_treated).toBe(184);
    expect(m.estimate).toBeCloseTo(mean(diffs), 6);
    expect(m.estimate).toBeGreaterThan(lo);
    expect(m.estimate).toBeLessThan(hi);
    expect(m.estimate).toBeGreaterThan(study.naive_cps3.estimate + 1000);
  });

  it('IPW (ATT weights) lands inside the interval with and without age³ and educ·re74', () => {
    // status is 'no_overlap': ipw applies the ATE rule (90% of *all* units in [0.05, 0.95]);
    // for the ATT only the treated need comparable controls, and CPS-3 men with e ≈ 0 get
    // weight e/(1−e) ≈ 0. The estimate is still returned.
    for (const e of [study.ipw_att_cps3, study.ipw_att_cps3_dw_spec]) {
      expect(Number.isFinite(e.estimate)).toBe(true);
      expect(e.estimate).toBeGreaterThan(lo);
      expect(e.estimate).toBeLessThan(hi);
    }
  });

  it('the experiment, matching and IPW all reproduce', () => {
    const rows = lalondeReproductions(study);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every(reproduced)).toBe(true);
  });
});
