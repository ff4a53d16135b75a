/**
 * Wooldridge, Introductory Econometrics, Examples 15.5 and 15.8 (Mroz 1987): the return to
 * education of married working women by over-identified 2SLS. log(wage) on educ, with exper and
 * exper² exogenous in both stages and educ instrumented by both parents' education (motheduc,
 * fatheduc), the 428 women in the labour force:
 *   log(wage) = .048 + .0614 educ + .044 exper − .0009 exper², usual s.e. of educ (.0314);
 * Example 15.8 tests the one over-identifying restriction: Sargan's n·R² = .378, p = .539.
 * Data: fixtures/mroz/SOURCE.md.
 */
import { iv2sls, IvEffect } from '../iv';
import { IvData } from '../types';
import { filterRows, readFixtureCsv } from './fixture';
import { Reproduction } from './reproduction';

export const WOOLDRIDGE_15_5 = {
  educ: { estimate: 0.0614, std_error: 0.0314 },
  sargan: { statistic: 0.378, p_value: 0.539 },
} as const;

/** The working women (inlf = 1, wage observed) as IV data. */
export function mroz(): IvData {
  const all = readFixtureCsv('mroz/mroz.csv');
  const c = filterRows(all, (i) => all.inlf[i] === 1);
  return {
    outcome: c.lwage,
    treatment: c.educ,
    covariates: { exper: c.exper, expersq: c.expersq },
    instruments: { motheduc: c.motheduc, fatheduc: c.fatheduc },
  };
}

/** 2SLS with the textbook's usual (homoskedastic) standard errors. */
export function mrozIv(data: IvData = mroz()): IvEffect {
  return iv2sls(data, undefined, { se: 'classical' });
}

export function mrozReproductions(e: IvEffect = mrozIv()): Reproduction[] {
  return [
    {
      fixture: 'mroz',
      figure: 'IV: return to education, working women (2SLS, motheduc + fatheduc)',
      estimate: e.estimate,
      std_error: e.std_error,
      published_estimate: WOOLDRIDGE_15_5.educ.estimate,
      published_std_error: WOOLDRIDGE_15_5.educ.std_error,
      tolerance: WOOLDRIDGE_15_5.educ.std_error,
      source: 'Wooldridge, Introductory Econometrics, Example 15.5',
    },
  ];
}
