/**
 * Cattaneo, Frandsen & Titiunik (2015, J. Causal Inference 3(1)): the incumbency advantage in
 * U.S. Senate elections. Sharp RD of the Democratic vote share in the next election on the
 * Democratic margin of victory, cutoff 0, as in the rdrobust illustration (Calonico, Cattaneo,
 * Farrell & Titiunik 2017, Stata Journal 17(2)): local linear, triangular kernel, MSE-optimal
 * bandwidth h = 17.754, conventional estimate 7.414 with s.e. 1.459.
 * Data: fixtures/senate-rd/SOURCE.md.
 */
import { rdLocalLinear, RdData, RdEffect } from '../rd';
import { MseRdBandwidth, mseRdBandwidth } from '../rd-bandwidth';
import { filterRows, readFixtureCsv } from './fixture';
import { Reproduction } from './reproduction';

export const RDROBUST_SENATE = {
  estimate: 7.414,
  std_error: 1.459,
  bandwidth: 17.754,
  bias_bandwidth: 28.028,
} as const;

/** Elections with a next-election vote share (1,297 of 1,390); running variable the margin. */
export function senateRd(): RdData {
  const all = readFixtureCsv('senate-rd/rdrobust_senate.csv');
  const c = filterRows(all, (i) => Number.isFinite(all.vote[i]));
  return { outcome: c.vote, running: c.margin, cutoff: 0 };
}

export interface SenateStudy {
  /** At rdrobust's published bandwidth. */
  readonly published_bandwidth: RdEffect;
  /** Our MSE-optimal bandwidths (rdrobust's `mserd` selector) and the estimate at h. */
  readonly mserd: MseRdBandwidth;
  readonly mserd_bandwidth: RdEffect;
  /** At the Imbens-Kalyanaraman bandwidth (rdLocalLinear's default). */
  readonly ik_bandwidth: RdEffect;
}

export function senateStudy(data: RdData = senateRd()): SenateStudy {
  return {
    published_bandwidth: rdLocalLinear(data, { bandwidth: RDROBUST_SENATE.bandwidth }),
    mserd: mseRdBandwidth(data.running, data.outcome, data.cutoff),
    mserd_bandwidth: rdLocalLinear(data, { bandwidth_method: 'mserd' }),
    ik_bandwidth: rdLocalLinear(data),
  };
}

export function senateReproductions(s: SenateStudy = senateStudy()): Reproduction[] {
  const row = (figure: string, e: RdEffect): Reproduction => ({
    fixture: 'senate-rd',
    figure,
    estimate: e.estimate,
    std_error: e.std_error,
    published_estimate: RDROBUST_SENATE.estimate,
    published_std_error: RDROBUST_SENATE.std_error,
    tolerance: RDROBUST_SENATE.std_error,
    source: 'rdrobust illustration (Calonico et al. 2017), CFT (2015) data',
  });
  return [
    row(
      `RD: incumbency advantage, h = ${RDROBUST_SENATE.bandwidth} (published)`,
      s.published_bandwidth,
    ),
    row(
      `RD: incumbency advantage, h = ${s.mserd_bandwidth.bandwidth.toFixed(3)} (mserd, ours)`,
      s.mserd_bandwidth,
    ),
    row(
      `RD: incumbency advantage, h = ${s.ik_bandwidth.bandwidth.toFixed(3)} (IK, ours)`,
      s.ik_bandwidth,
    ),
  ];
}
