/**
 * Stock & Watson (2007), Introduction to Econometrics, 2nd ed., eq. (12.11): the 1995 demand
 * for cigarettes across 48 states by 2SLS, ln(Q) on ln(real price), instrumented by the real
 * sales tax (taxs − tax)/cpi: ln(Q̂) = 9.72 − 1.08 ln(P), heteroskedasticity-robust s.e. (1.53)
 * and (0.32). Data: fixtures/cigarettes-sw/SOURCE.md (AER's CigarettesSW).
 */
import { iv2sls, IvEffect } from '../iv';
import { IvData } from '../types';
import { filterRows, readFixtureCsv } from './fixture';
import { Reproduction } from './reproduction';

/** The price elasticity as printed in eq. (12.11). */
export const SW_ELASTICITY = { estimate: -1.08, std_error: 0.32 } as const;

/** The 1995 cross-section as IV data: outcome ln(packs), treatment ln(price/cpi), instrument sales tax. */
export function cigarettes1995(): IvData {
  const all = readFixtureCsv('cigarettes-sw/CigarettesSW.csv');
  const c = filterRows(all, (i) => all.year[i] === 1995);
  return {
    outcome: c.packs.map(Math.log),
    treatment: c.price.map((p, i) => Math.log(p / c.cpi[i])),
    covariates: {},
    instruments: { salestax: c.taxs.map((t, i) => (t - c.tax[i]) / c.cpi[i]) },
  };
}

export function cigarettesIv(data: IvData = cigarettes1995()): IvEffect {
  return iv2sls(data);
}

export function cigarettesReproductions(e: IvEffect = cigarettesIv()): Reproduction[] {
  return [
    {
      fixture: 'cigarettes-sw',
      figure: 'IV: price elasticity of cigarette demand, 1995 (2SLS, sales tax)',
      estimate: e.estimate,
      std_error: e.std_error,
      published_estimate: SW_ELASTICITY.estimate,
      published_std_error: SW_ELASTICITY.std_error,
      tolerance: SW_ELASTICITY.std_error,
      source: 'Stock & Watson (2007), eq. (12.11)',
    },
  ];
}
