/**
 * Wooldridge, Introductory Econometrics, Example 13.3 (Kiel & McClain 1995): did a garbage
 * incinerator lower the prices of nearby houses? 2×2 difference-in-differences of real price
 * on nearinc × y81 (1978 before the rumours, 1981 during construction):
 *   rprice = 82,517.23 + 18,790.29 y81 − 18,824.37 nearinc − 11,863.90 y81·nearinc,
 * usual OLS s.e. of the interaction 7,456.65 (eq. 13.9 in the 5th ed.; the separate-year
 * regressions, eqs. 13.7–13.8, give −30,688.27 in 1981 and −18,824.37 in 1978).
 * Data: fixtures/kielmc/SOURCE.md.
 */
import { did2x2, DidData, DidEffect } from '../did';
import { naiveDifference } from '../naive';
import { EffectEstimate } from '../types';
import { filterRows, readFixtureCsv } from './fixture';
import { Reproduction } from './reproduction';

export const WOOLDRIDGE_13_3 = {
  did: { estimate: -11863.9, std_error: 7456.65 },
  gap_1978: { estimate: -18824.37, std_error: 4744.59 },
  gap_1981: { estimate: -30688.27, std_error: 5827.71 },
} as const;

export const kielmc = () => readFixtureCsv('kielmc/kielmc.csv');

/** Outcome rprice, group nearinc, post y81; clustered by nothing (one sale per row). */
export function kielmcDid(cols = kielmc()): DidData {
  return { outcome: cols.rprice, group: cols.nearinc, post: cols.y81 };
}

export interface KielmcStudy {
  readonly did: DidEffect;
  readonly gap_1978: EffectEstimate;
  readonly gap_1981: EffectEstimate;
}

/** The DiD and the near-vs-far price gap in each year (difference in means). */
export function kielmcStudy(cols = kielmc()): KielmcStudy {
  const gap = (year: number): EffectEstimate => {
    const c = filterRows(cols, (i) => cols.year[i] === year);
    return naiveDifference({ outcome: c.rprice, treatment: c.nearinc, covariates: {} });
  };
  return { did: did2x2(kielmcDid(cols)), gap_1978: gap(1978), gap_1981: gap(1981) };
}

export function kielmcReproductions(s: KielmcStudy = kielmcStudy()): Reproduction[] {
  const row = (
    figure: string,
    e: EffectEstimate,
    key: keyof typeof WOOLDRIDGE_13_3,
    eq: string,
  ) => ({
    fixture: 'kielmc',
    figure,
    estimate: e.estimate,
    std_error: e.std_error,
    published_estimate: WOOLDRIDGE_13_3[key].estimate,
    published_std_error: WOOLDRIDGE_13_3[key].std_error,
    tolerance: WOOLDRIDGE_13_3[key].std_error,
    source: `Wooldridge, Example 13.3, ${eq}`,
  });
  return [
    row('DiD: incinerator effect on real house prices ($)', s.did, 'did', 'eq. 13.9'),
    row('near-far price gap in 1978 ($)', s.gap_1978, 'gap_1978', 'eq. 13.8'),
    row('near-far price gap in 1981 ($)', s.gap_1981, 'gap_1981', 'eq. 13.7'),
  ];
}
