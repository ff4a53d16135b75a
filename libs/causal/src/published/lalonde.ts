/**
 * LaLonde (1986) as re-analysed by Dehejia & Wahba (1999, JASA 94(448); 2002, REStat 84(1)):
 * the NSW experiment (185 treated, 260 randomized controls) gives the benchmark effect of the
 * training programme on 1978 earnings, $1,794 (s.e. 633; DW 1999 Table 3, row "NSW"). Replacing
 * the experimental controls by the CPS-3 survey sample (429 men) makes the naive comparison
 * negative; adjusting for pre-treatment covariates through the propensity score should land
 * back inside the experimental 95% interval. Data: fixtures/lalonde/SOURCE.md.
 */
import { normalQuantile } from '@hirelearn/stats';
import { ipw, IpwEffect } from '../ipw';
import { MatchingEffect, psMatching } from '../matching';
import { naiveDifference } from '../naive';
import { CausalData, EffectEstimate } from '../types';
import { Columns, readFixtureCsv, readFixtureText } from './fixture';
import { Reproduction } from './reproduction';

const NBER = [
  'treat',
  'age',
  'educ',
  'black',
  'hisp',
  'married',
  'nodegree',
  're74',
  're75',
  're78',
];

/** The experimental benchmark as printed by Dehejia & Wahba (1999), Table 3. */
export const NSW_EXPERIMENT = { estimate: 1794, std_error: 633 } as const;

export interface LalondeSamples {
  readonly treated: Columns;
  readonly control: Columns;
  readonly cps3: Columns;
}

/** The three fixture files with the NBER column names (the CSV's `education` renamed `educ`). */
export function loadLalonde(): LalondeSamples {
  const cps = readFixtureCsv('lalonde/cps3_controls.csv');
  return {
    treated: readFixtureText('lalonde/nswre74_treated.txt', [...NBER, 'u74', 'u75']),
    control: readFixtureText('lalonde/nswre74_control.txt', [...NBER, 'u74', 'u75']),
    cps3: { ...cps, educ: cps.education, hisp: cps.hispanic },
  };
}

/** Pre-treatment covariates of one sample, built from the NBER columns. */
export type CovariateSpec = Readonly<Record<string, (c: Columns, i: number) => number>>;

/**
 * The specification of the issue: DW's covariates with squares of age and schooling and the
 * zero-earnings indicators u74, u75.
 */
export const DW_BASE_SPEC: CovariateSpec = {
  age: (c, i) => c.age[i],
  age2: (c, i) => c.age[i] ** 2,
  educ: (c, i) => c.educ[i],
  educ2: (c, i) => c.educ[i] ** 2,
  married: (c, i) => c.married[i],
  nodegree: (c, i) => c.nodegree[i],
  black: (c, i) => c.black[i],
  hisp: (c, i) => c.hisp[i],
  re74: (c, i) => c.re74[i],
  re75: (c, i) => c.re75[i],
  u74: (c, i) => (c.re74[i] === 0 ? 1 : 0),
  u75: (c, i) => (c.re75[i] === 0 ? 1 : 0),
};

/** DW's (1999) CPS specification: the base plus age³ and educ·re74. */
export const DW_CPS_SPEC: CovariateSpec = {
  ...DW_BASE_SPEC,
  age3: (c, i) => c.age[i] ** 3,
  educ_re74: (c, i) => c.educ[i] * c.re74[i],
};

/** Treated sample stacked on a comparison sample: outcome re78, treatment 1 for the NSW treated. */
export function stack(treated: Columns, comparison: Columns, spec: CovariateSpec): CausalData {
  const rows = [
    ...treated.re78.map((_, i) => ({ c: treated, i, t: 1 })),
    ...comparison.re78.map((_, i) => ({ c: comparison, i, t: 0 })),
  ];
  return {
    outcome: rows.map(({ c, i }) => c.re78[i]),
    treatment: rows.map(({ t }) => t),
    covariates: Object.fromEntries(
      Object.entries(spec).map(([name, f]) => [name, rows.map(({ c, i }) => f(c, i))]),
    ),
  };
}

export interface LalondeStudy {
  readonly experimental: EffectEstimate;
  readonly naive_cps3: EffectEstimate;
  readonly matching_cps3: MatchingEffect;
  readonly ipw_att_cps3: IpwEffect;
  readonly matching_cps3_dw_spec: MatchingEffect;
  readonly ipw_att_cps3_dw_spec: IpwEffect;
}

/** Every estimate the LaLonde comparison needs, on the fixture data. */
export function lalondeStudy(samples: LalondeSamples = loadLalonde()): LalondeStudy {
  const { treated, control, cps3 } = samples;
  const cps = stack(treated, cps3, DW_BASE_SPEC);
  const cpsDw = stack(treated, cps3, DW_CPS_SPEC);
  return {
    experimental: naiveDifference(stack(treated, control, {})),
    naive_cps3: naiveDifference(cps),
    matching_cps3: psMatching(cps),
    ipw_att_cps3: ipw(cps, 'ATT'),
    matching_cps3_dw_spec: psMatching(cpsDw),
    ipw_att_cps3_dw_spec: ipw(cpsDw, 'ATT'),
  };
}

/** The reproduced figures: the experiment within its s.e., the observational ATTs within its 95% interval. */
export function lalondeReproductions(study: LalondeStudy = lalondeStudy()): Reproduction[] {
  const { estimate, std_error } = NSW_EXPERIMENT;
  const ci95 = normalQuantile(0.975) * std_error;
  const row = (figure: string, e: EffectEstimate, tolerance: number): Reproduction => ({
    fixture: 'lalonde',
    figure,
    estimate: e.estimate,
    std_error: e.std_error,
    published_estimate: estimate,
    published_std_error: std_error,
    tolerance,
    source: 'Dehejia & Wahba (1999), Table 3, row NSW',
  });
  return [
    row('NSW experiment: difference in mean 1978 earnings', study.experimental, std_error),
    row('NSW treated vs CPS-3: propensity matching ATT', study.matching_cps3, ci95),
    row('NSW treated vs CPS-3: IPW ATT', study.ipw_att_cps3, ci95),
  ];
}
