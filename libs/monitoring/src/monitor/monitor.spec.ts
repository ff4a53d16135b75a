import { createRng } from '@hirelearn/stats';
import { detectConceptDrift } from './concept-drift';
import type { ApplicationOutcome } from './outcome-queries';
import { strided } from './health';
import { renderHealthReport } from './report-html';
import { describeEvidence, scoreVersion } from './run-monitor';
import { DEFAULT_MONITOR_SETTINGS, monitorSettings } from './settings';
import type { LoggedPrediction, MonitoredVersion } from './types';

const DAY = 86_400_000;
const T0 = Date.parse('2025-03-03T00:00:00Z');
const version: MonitoredVersion = { model: 'm<1>', version: 3, stage: 'production' };

/** n predictions a day for `days` days, p = 0.3; every 10th application: 3 of 10 reach interview. */
function fixture(days: number, n: number, p = 0.3) {
  const logged: LoggedPrediction[] = [];
  const outcomes = new Map<string, ApplicationOutcome>();
  let i = 0;
  for (let d = 0; d < days; d++) {
    for (let k = 0; k < n; k++, i++) {
      const id = `a${i}`;
      logged.push({
        _id: `p${i}`,
        model: 'm<1>',
        version: 3,
        user_id: 'u',
        application_id: id,
        inputs_hash: 'h',
        probability: p,
        predicted_at: new Date(T0 + d * DAY + k * 60_000).toISOString(),
      });
      outcomes.set(id, {
        y: i % 10 < 3 ? 1 : 0,
        features: { fit_score: k % 50, category: 'target' },
      });
    }
  }
  return { logged, outcomes };
}

describe('scoreVersion', () => {
  it('matches closed forms on a perfectly calibrated constant forecast', () => {
    const { logged, outcomes } = fixture(30, 20);
    const windows = scoreVersion(version, logged, outcomes);
    // 28-day windows every 14 days over 30 days: starts on days 0, 14 and 28.
    expect(windows.map((w) => w.window_start.slice(0, 10))).toEqual([
      '2025-03-03',
      '2025-03-17',
      '2025-03-31',
    ]);
    const [w] = windows;
    expect(w).toMatchObject({ status: 'ok', n_predictions: 560, n_labelled: 560, critical: [] });
    expect(w.ece).toBeCloseTo(0, 12);
    // Brier of p = 0.3 at base rate 0.3: 0.3·0.7² + 0.7·0.3² = 0.21.
    expect(w.brier).toBeCloseTo(0.21, 12);
    // Log loss: −(0.3 ln 0.3 + 0.7 ln 0.7).
    expect(w.log_loss).toBeCloseTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 12);
    expect(w.auc).toBe(0.5);
    expect(w.drifted_features).toEqual([]);
    expect(w.drift_reference).toBe('first_window');
    expect(windows[2]).toMatchObject({ status: 'insufficient_data', n_labelled: 40, ece: null });
    expect(w._id).toBe('m<1>@3@2025-03-03T00:00:00.000Z');
  });

  it('marks ECE above the threshold as critical: p = 0.6 at a base rate of 0.3', () => {
    const { logged, outcomes } = fixture(28, 20, 0.6);
    const [w] = scoreVersion(version, logged, outcomes);
    expect(w.ece).toBeCloseTo(0.3, 12);
    expect(w.critical).toEqual(['ece_above_threshold']);
    expect(describeEvidence(version, [w], DEFAULT_MONITOR_SETTINGS)).toContain(
      'ECE 0.300 > 0.2 (2025-03-03..2025-03-31, n=560; 1 window(s))',
    );
  });

  it('flags three drifted features against a training reference', () => {
    const { logged, outcomes } = fixture(28, 20);
    const reference = {
      fit_score: Array.from({ length: 500 }, (_, i) => 60 + (i % 40)),
      resume_score: [1, 2, 3],
      category: Array.from({ length: 500 }, (_, i) => (i % 2 ? 'reach' : 'safety')),
    };
    const shifted = new Map(
      [...outcomes].map(([k, o]) => [k, { ...o, features: { ...o.features, resume_score: 90 } }]),
    );
    const settings = monitorSettings({ features: ['fit_score', 'resume_score', 'category'] });
    const [w] = scoreVersion({ ...version, reference }, logged, shifted, settings);
    expect(w.drift_reference).toBe('training');
    expect(w.drifted_features).toEqual(['category', 'fit_score', 'resume_score']);
    expect(w.critical).toEqual(['features_drifted']);
  });

  it('samples evenly for AUC and drift past max_rows_per_test, and never for ECE or Brier', () => {
    expect(strided([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(strided([1, 2], 5)).toEqual([1, 2]);
    const { logged, outcomes } = fixture(28, 20, 0.6);
    const [w] = scoreVersion(version, logged, outcomes, monitorSettings({ max_rows_per_test: 50 }));
    expect(w.n_labelled).toBe(560);
    expect(w.ece).toBeCloseTo(0.3, 12);
    expect(w.auc).toBe(0.5);
  });

  it('leaves predictions without an outcome unlabelled', () => {
    const { logged } = fixture(28, 20);
    const [w] = scoreVersion(version, logged, new Map());
    expect(w).toMatchObject({ status: 'insufficient_data', n_predictions: 560, n_labelled: 0 });
  });
});

describe('detectConceptDrift', () => {
  const bernoulli = (seed: number, rates: readonly [number, number][]) => {
    const rng = createRng(seed);
    const out: number[] = [];
    for (const [n, rate] of rates)
      for (let i = 0; i < n; i++) out.push(rng.uniform() < rate ? 1 : 0);
    return out;
  };

  it('stays quiet on a stationary error stream', () => {
    const r = detectConceptDrift(bernoulli(1, [[4000, 0.3]]), DEFAULT_MONITOR_SETTINGS);
    expect(r).toMatchObject({ page_hinkley: [], detected: false });
  });

  it('detects a rise of the error rate with both detectors, after the change', () => {
    const r = detectConceptDrift(
      bernoulli(2, [
        [2000, 0.2],
        [2000, 0.5],
      ]),
      DEFAULT_MONITOR_SETTINGS,
    );
    expect(r.detected).toBe(true);
    expect(r.page_hinkley[0]).toBeGreaterThanOrEqual(2000);
    expect(r.page_hinkley[0]).toBeLessThan(2400);
    expect(r.adwin[0]).toBeGreaterThanOrEqual(2000);
  });

  it('ignores a fall of the error rate', () => {
    const r = detectConceptDrift(
      bernoulli(3, [
        [2000, 0.5],
        [2000, 0.2],
      ]),
      DEFAULT_MONITOR_SETTINGS,
    );
    expect(r).toMatchObject({ page_hinkley: [], adwin: [], detected: false });
  });
});

describe('renderHealthReport', () => {
  it('is one offline HTML page with inline SVG charts and escaped names', () => {
    const { logged, outcomes } = fixture(60, 20, 0.6);
    const html = renderHealthReport(scoreVersion(version, logged, outcomes));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('m&lt;1&gt; v3 (production)');
    expect(html).not.toContain('<script');
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('Reliability diagram');
    expect(html).toContain('Drift per feature');
    expect(html).toContain('Error stream');
  });

  it('renders windows that all lack outcomes without the ECE chart (nothing to plot)', () => {
    const { logged, outcomes } = fixture(60, 20, 0.6);
    const unlabelled = scoreVersion(version, logged, new Map([...outcomes].slice(0, 3)));
    expect(unlabelled.every((h) => h.status !== 'ok')).toBe(true);
    const html = renderHealthReport(unlabelled);
    expect(html).not.toContain('Expected calibration error per window');
    expect(html).toContain('0 with at least');
  });

  it('renders an empty report without charts', () => {
    expect(renderHealthReport([])).toContain('no health reports');
  });
});
