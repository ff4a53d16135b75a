import { benjaminiHochberg } from '@hirelearn/stats';
import { runningExperiment } from '../testing/fixtures';
import { analyzeExperiment } from './analyze';
import { ExperimentData } from './sufficient-stats-queries';

/** gbstats' proportion case (1396/3000 vs 2422/3461) carried through the whole analysis. */
const e = runningExperiment({
  success_metric: 'reached_interview',
  guardrail_metrics: ['interviews'],
});
const data: ExperimentData = {
  status: 'ok',
  reason: '',
  users: { control: 3000, lower: 3461 },
  multiple_exposures: 0,
  moments: {
    reached_interview: [
      { variant_id: 'control', n: 3000, sum: 1396, sum_sq: 1396 },
      { variant_id: 'lower', n: 3461, sum: 2422, sum_sq: 2422 },
    ],
    interviews: [
      { variant_id: 'control', n: 3000, sum: 1396.87, sum_sq: 52377.9767 },
      { variant_id: 'lower', n: 3461, sum: 2422.7, sum_sq: 134698.29 },
    ],
  },
};

describe('analyzeExperiment', () => {
  const r = analyzeExperiment(e, data, {}, '2026-01-01T00:00:00Z');

  it('carries the relative always-valid interval of gbstats: [0.40098, 0.60675]', () => {
    const m = r.metrics.find((x) => x.metric_id === 'reached_interview');
    expect(m?.sequential_relative_ci[0]).toBeCloseTo(0.40098, 5);
    expect(m?.sequential_relative_ci[1]).toBeCloseTo(0.60675, 5);
  });

  it('flags 3000 vs 3461 at 50/50 as a sample-ratio mismatch and blocks the decision', () => {
    expect(r.status).toBe('sample_ratio_mismatch');
    expect(r.srm?.statistic).toBeCloseTo((230.5 * 230.5 * 2) / 3230.5, 8);
    expect(r.recommendation).toMatch(/^no decision: sample ratio mismatch/);
  });

  it('corrects the p-values across metrics with Benjamini-Hochberg', () => {
    const raw = r.metrics.map((m) => (m.cuped ?? m.unadjusted).p_value);
    expect(r.metrics.map((m) => m.p_value_adjusted)).toEqual(benjaminiHochberg(raw));
    const none = analyzeExperiment(e, data, { correction: 'none' });
    expect(none.metrics.map((m) => m.p_value_adjusted)).toEqual(raw);
  });

  it('is deterministic and serializable', () => {
    const again = analyzeExperiment(e, data, {}, '2026-01-01T00:00:00Z');
    expect(again).toEqual(r);
    expect(JSON.parse(JSON.stringify(r)).metrics).toHaveLength(2);
  });
});
