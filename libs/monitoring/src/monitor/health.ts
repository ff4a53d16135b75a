import {
  brierScore,
  calibrationError,
  featureDriftReport,
  type FeatureColumns,
  logLoss,
  rocAuc,
} from '@hirelearn/safeguards';
import type {
  CriticalReason,
  ErrorPoint,
  FeatureDriftSummary,
  ModelHealth,
  MonitoredVersion,
} from './types';
import type { MonitorSettings } from './settings';

/** One logged prediction joined with its application's outcome and features. */
export interface ScoredRecord {
  readonly t: number;
  readonly p: number;
  readonly y: 0 | 1 | null;
  readonly features: Readonly<Record<string, number | string | null>>;
}

const { abs, ceil, floor } = Math;
const DAY_MS = 86_400_000;

/** Every k-th element so that at most `max` remain (deterministic, spread over the window). */
export function strided<T>(values: readonly T[], max: number): readonly T[] {
  if (values.length <= max) return values;
  const step = values.length / max;
  const out: T[] = new Array(max);
  for (let i = 0; i < max; i++) out[i] = values[floor(i * step)];
  return out;
}

/** Feature columns of records, nulls left out; a column of mixed kinds keeps its majority. */
export function featureColumns(
  records: readonly ScoredRecord[],
  features: readonly string[],
): FeatureColumns {
  const columns: Record<string, number[] | string[]> = {};
  for (const f of features) {
    const nums: number[] = [];
    const strs: string[] = [];
    for (const r of records) {
      const v = r.features[f];
      if (typeof v === 'number') nums.push(v);
      else if (typeof v === 'string') strs.push(v);
    }
    if (nums.length > 0 || strs.length > 0) columns[f] = nums.length >= strs.length ? nums : strs;
  }
  return columns;
}

/**
 * Records `lo` to `hi` (exclusive) of a time-ordered array, with the version's error stream
 * already computed: the window is read in place, never copied.
 */
export interface WindowRows {
  readonly records: readonly ScoredRecord[];
  readonly lo: number;
  readonly hi: number;
}

/** At most `max` records of [lo, hi), evenly strided (deterministic, spread over the window). */
export function stridedRows(rows: WindowRows, max: number): ScoredRecord[] {
  const n = rows.hi - rows.lo;
  const take = n <= max ? n : max;
  const step = n / take;
  const out: ScoredRecord[] = new Array(take);
  for (let i = 0; i < take; i++) out[i] = rows.records[rows.lo + floor(i * step)];
  return out;
}

/**
 * The health of one version over one window: calibration and discrimination on the labelled
 * predictions, drift of the features against the reference, and the concept-drift detections
 * that fall in the window. ECE, Brier and log loss read every labelled row in one pass; AUC
 * and the drift tests an evenly strided sample of `max_rows_per_test` rows (their cost grows
 * as n log n). A window with fewer than `min_labelled` labels is `insufficient_data` and
 * never critical (too few outcomes to judge).
 */
export function windowHealth(args: {
  readonly version: MonitoredVersion;
  readonly start: number;
  readonly end: number;
  readonly rows: WindowRows;
  readonly reference: FeatureColumns | null;
  readonly referenceKind: 'training' | 'first_window';
  readonly pageHinkley: readonly number[];
  readonly adwin: readonly number[];
  readonly conceptDrift: boolean;
  readonly settings: MonitorSettings;
}): ModelHealth {
  const { version, start, end, rows, settings } = args;
  const { records, lo, hi } = rows;
  const p: number[] = [];
  const y: number[] = [];
  // Daily error sums, indexed by day since the window start (windows are whole days).
  const firstDay = floor(start / DAY_MS);
  const dayN = new Float64Array(ceil((end - start) / DAY_MS) + 1);
  const daySum = new Float64Array(dayN.length);
  let sumP = 0;
  let sumY = 0;
  for (let i = lo; i < hi; i++) {
    const r = records[i];
    if (r.y === null) continue;
    p.push(r.p);
    y.push(r.y);
    sumP += r.p;
    sumY += r.y;
    const d = floor(r.t / DAY_MS) - firstDay;
    dayN[d]++;
    daySum[d] += abs(r.y - r.p);
  }
  const n = p.length;
  const enough = n >= settings.min_labelled;
  const cal = enough ? calibrationError(p, y, { bins: settings.ece_bins }) : null;
  const brier = enough ? brierScore(p, y) : null;
  const ll = enough ? logLoss(p, y) : null;
  const cap = settings.max_rows_per_test;
  const auc = enough ? rocAuc(strided(p, cap), strided(y, cap)) : null;

  let drift: FeatureDriftSummary[] = [];
  let drifted: string[] = [];
  if (args.reference && hi > lo) {
    const sample = featureColumns(stridedRows(rows, cap), settings.features);
    const report = featureDriftReport(args.reference, sample, {
      alpha: settings.drift_alpha,
    });
    if (report.status === 'ok') {
      drifted = [...report.drifted];
      drift = report.features.map((f) =>
        f.status === 'ok'
          ? {
              feature: f.feature,
              status: 'ok',
              test: f.test,
              statistic: f.statistic,
              p_value: f.p_value,
              psi: f.psi,
              drifted: f.drifted,
            }
          : {
              feature: f.feature,
              status: 'degenerate',
              test: null,
              statistic: null,
              p_value: null,
              psi: null,
              drifted: false,
            },
      );
    }
  }

  const inWindow = (times: readonly number[]) =>
    times.filter((t) => t >= start && t < end).map((t) => new Date(t).toISOString());
  const ph = inWindow(args.pageHinkley);
  const ad = inWindow(args.adwin);

  const critical: CriticalReason[] = [];
  if (enough) {
    if (cal?.status === 'ok' && cal.ece > settings.ece_critical)
      critical.push('ece_above_threshold');
    if (drifted.length >= settings.drifted_features_critical) critical.push('features_drifted');
    const hit =
      settings.concept_drift_rule === 'page_hinkley'
        ? ph.length > 0
        : settings.concept_drift_rule === 'adwin'
          ? ad.length > 0
          : ph.length > 0 || ad.length > 0;
    if (args.conceptDrift && hit) critical.push('concept_drift');
  }

  const errorByDay: ErrorPoint[] = [];
  for (let d = 0; d < dayN.length; d++) {
    if (dayN[d] === 0) continue;
    errorByDay.push({
      day: new Date((firstDay + d) * DAY_MS).toISOString().slice(0, 10),
      n: dayN[d],
      mean_error: daySum[d] / dayN[d],
    });
  }

  return Object.freeze({
    _id: `${version.model}@${version.version}@${new Date(start).toISOString()}`,
    model: version.model,
    version: version.version,
    stage: version.stage,
    window_start: new Date(start).toISOString(),
    window_end: new Date(end).toISOString(),
    status: enough ? 'ok' : 'insufficient_data',
    n_predictions: hi - lo,
    n_labelled: n,
    positive_rate: n === 0 ? null : sumY / n,
    mean_predicted: n === 0 ? null : sumP / n,
    ece: cal?.status === 'ok' ? cal.ece : null,
    mce: cal?.status === 'ok' ? cal.mce : null,
    brier: brier?.status === 'ok' ? brier.brier : null,
    log_loss: ll?.status === 'ok' ? ll.log_loss : null,
    auc: auc?.status === 'ok' ? auc.auc : null,
    auc_ci: auc?.status === 'ok' ? ([auc.ci_lower, auc.ci_upper] as const) : null,
    reliability: cal?.status === 'ok' ? cal.bins : [],
    drift_reference: args.referenceKind,
    drift,
    drifted_features: drifted,
    page_hinkley_detections: ph,
    adwin_detections: ad,
    error_by_day: errorByDay,
    critical,
  });
}
