import type { FeatureColumn, FeatureColumns } from '@hirelearn/safeguards';
import type { DocumentCollection, DocumentStore } from '@hirelearn/store';
import type { SqlSource } from '@hirelearn/store';
import { detectConceptDrift } from './concept-drift';
import { featureColumns, type ScoredRecord, stridedRows, windowHealth } from './health';
import { dayOneHorizon, dayOneRecords, type FirstApplications } from './day-one';
import { loadFirstApplications, loadOutcomes, type ApplicationOutcome } from './outcome-queries';
import { checkServedVersions } from './serving-check';
import { DEFAULT_MONITOR_SETTINGS, type MonitorSettings } from './settings';
import type {
  LoggedPrediction,
  ModelHealth,
  MonitoredVersion,
  MonitorRun,
  RollbackTarget,
  VersionVerdict,
} from './types';

const DAY_MS = 86_400_000;
const { abs, floor } = Math;

export const PREDICTIONS_COLLECTION = 'predictions';
export const MODEL_HEALTH_COLLECTION = 'model_health';

export interface MonitorDependencies {
  /** The event store (facts give the outcomes and features). */
  readonly events: SqlSource;
  /** Holds `predictions` (read) and `model_health` (written). */
  readonly documents: DocumentStore;
  readonly registry: RollbackTarget;
}

export function predictionsCollection(docs: DocumentStore): DocumentCollection<LoggedPrediction> {
  return docs.collection<LoggedPrediction>(PREDICTIONS_COLLECTION, {
    indexes: ['model', 'version', 'application_id'],
  });
}

export function modelHealthCollection(docs: DocumentStore): DocumentCollection<ModelHealth> {
  return docs.collection<ModelHealth>(MODEL_HEALTH_COLLECTION, {
    indexes: ['model', 'version', 'window_start'],
  });
}

/**
 * One monitoring pass: for every version in shadow or production, joins its logged
 * predictions with the outcomes that have arrived, scores each rolling window, stores a
 * `ModelHealth` per window (replacing the previous report of that window), and asks the
 * registry to roll back a production version with a critical window, the evidence in the
 * reason. A shadow version serves nobody: it is reported, never rolled back. A production
 * version whose model's predictions still come from other versions is a serving finding.
 */
export async function runMonitor(
  deps: MonitorDependencies,
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
): Promise<MonitorRun> {
  const versions = await deps.registry.monitoredVersions();
  const outcomes = await loadOutcomes(deps.events, settings.features, settings.label_after_days);
  const predictions = predictionsCollection(deps.documents);
  const health = modelHealthCollection(deps.documents);
  const verdicts: VersionVerdict[] = [];
  let reports = 0;
  // Users' first applications, read once for the longest day-one horizon logged so far.
  let firsts: { horizon: number; byUser: FirstApplications } = { horizon: 0, byUser: new Map() };
  for (const version of versions) {
    const logged = await predictions.find({
      model: version.model,
      version: { $in: versionForms(version.version) },
    });
    const horizon = dayOneHorizon(logged);
    if (horizon > firsts.horizon) {
      firsts = { horizon, byUser: await loadFirstApplications(deps.events, horizon) };
    }
    const windows = scoreVersion(version, logged, outcomes, settings, firsts.byUser);
    for (const w of windows) await upsert(health, w);
    reports += windows.length;
    verdicts.push(await decide(deps.registry, version, windows, settings));
  }
  const serving = await checkServedVersions(versions, predictions, settings.serve_switch_grace_ms);
  return Object.freeze({ status: 'ok', versions: verdicts, health_reports: reports, serving });
}

/**
 * The health of one version in every window its predictions cover (pure; no I/O). A
 * prediction of one application is joined to that application's outcome; a day-one
 * prediction (`horizon` set) to the user's first applications (`dayOneRecords`).
 */
export function scoreVersion(
  version: MonitoredVersion,
  logged: readonly LoggedPrediction[],
  outcomes: ReadonlyMap<string, ApplicationOutcome>,
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
  firstApplications: FirstApplications = new Map(),
): ModelHealth[] {
  const records: ScoredRecord[] = [];
  for (const row of logged) {
    const t = Date.parse(row.predicted_at);
    if (!Number.isFinite(t) || !(row.probability >= 0 && row.probability <= 1)) continue;
    if (row.horizon) {
      records.push(...dayOneRecords(row, t, firstApplications, outcomes));
      continue;
    }
    const o = outcomes.get(row.application_id);
    records.push({ t, p: row.probability, y: o?.y ?? null, features: o?.features ?? {} });
  }
  records.sort((a, b) => a.t - b.t);
  return scoreRecords(version, records, settings);
}

/**
 * The windows of predictions already joined with their outcomes, in time order (the bench
 * calls this directly on millions of rows).
 */
export function scoreRecords(
  version: MonitoredVersion,
  records: readonly ScoredRecord[],
  settings: MonitorSettings = DEFAULT_MONITOR_SETTINGS,
): ModelHealth[] {
  if (records.length === 0) return [];
  // The error stream of the labelled predictions and their times, in typed arrays.
  let labelled = 0;
  for (const r of records) if (r.y !== null) labelled++;
  const errors = new Float64Array(labelled);
  const times = new Float64Array(labelled);
  for (let i = 0, k = 0; i < records.length; i++) {
    const r = records[i];
    if (r.y === null) continue;
    errors[k] = excessError(r.y, r.p);
    times[k++] = r.t;
  }
  const drift = detectConceptDrift(errors, settings);
  const timeOf = (i: number) => times[i];
  const first = floor(records[0].t / DAY_MS) * DAY_MS;
  const last = records[records.length - 1].t;
  const width = settings.window_days * DAY_MS;
  const step = settings.step_days * DAY_MS;

  let reference = version.reference ? presorted(version.reference) : null;
  const referenceKind = version.reference ? 'training' : 'first_window';
  const out: ModelHealth[] = [];
  let lo = 0;
  let hi = 0;
  for (let start = first; start <= last; start += step) {
    const end = start + width;
    while (lo < records.length && records[lo].t < start) lo++;
    if (hi < lo) hi = lo;
    while (hi < records.length && records[hi].t < end) hi++;
    if (hi === lo) continue;
    const rows = { records, lo, hi };
    if (reference === null) {
      reference = presorted(
        featureColumns(stridedRows(rows, settings.max_rows_per_test), settings.features),
      );
    }
    out.push(
      windowHealth({
        version,
        start,
        end,
        rows,
        reference,
        referenceKind,
        pageHinkley: drift.page_hinkley.map(timeOf),
        adwin: drift.adwin.map(timeOf),
        conceptDrift: drift.detected,
        settings,
      }),
    );
  }
  return out;
}

/**
 * The error the model did not expect of itself, |y − p| − 2p(1 − p): a calibrated forecast p
 * expects E|y − p| = 2p(1 − p), so this stream stays centred when the mix of predicted
 * probabilities shifts (users' resumes improve, the model predicts higher, and the raw error
 * rises with it: a covariate shift, not a concept drift), and rises by (q − p)(1 − 2p) when
 * outcomes come at rate q ≠ p, e.g. a market that starts interviewing more than forecast.
 */
function excessError(y: 0 | 1, p: number): number {
  return abs(y - p) - 2 * p * (1 - p);
}

/**
 * The reference with numeric columns sorted once into Float64Arrays: only distributions are
 * compared, and the drift tests do not sort an ascending Float64Array again, so each window
 * sorts only its own sample.
 */
function presorted(reference: FeatureColumns): FeatureColumns {
  const out: Record<string, FeatureColumn> = {};
  for (const [name, column] of Object.entries(reference)) {
    const numeric =
      column instanceof Float64Array ||
      (column as readonly unknown[]).every((v) => typeof v === 'number');
    out[name] = numeric ? Float64Array.from(column as ArrayLike<number>).sort() : column;
  }
  return out;
}

/**
 * A version as services may log it: the registry numbers versions, a service may write the
 * number or its string. Filters are type-strict on every engine, so ask for both.
 */
export function versionForms(version: string | number): (string | number)[] {
  const n = Number(version);
  return Number.isFinite(n) && String(n) === String(version) ? [n, String(n)] : [String(version)];
}

async function upsert(
  collection: DocumentCollection<ModelHealth>,
  doc: ModelHealth,
): Promise<void> {
  const existing = await collection.get(doc._id);
  if (existing === null) {
    await collection.insert(doc);
    return;
  }
  const { revision: _ignored, ...body } = doc;
  await collection.replaceIf(body as ModelHealth, existing.revision ?? 1);
}

async function decide(
  registry: RollbackTarget,
  version: MonitoredVersion,
  windows: readonly ModelHealth[],
  settings: MonitorSettings,
): Promise<VersionVerdict> {
  const critical = windows.filter((w) => w.critical.length > 0);
  const base = {
    model: version.model,
    version: version.version,
    stage: version.stage,
    windows: windows.length,
    critical_windows: critical.length,
  };
  if (critical.length === 0) {
    return { ...base, evidence: null, rollback: 'not_needed', rollback_message: null };
  }
  const evidence = describeEvidence(version, critical, settings);
  if (version.stage !== 'production') {
    return { ...base, evidence, rollback: 'shadow_not_served', rollback_message: null };
  }
  try {
    await registry.rollback(version.model, {
      by: settings.actor,
      reason: evidence,
      expected_production: version.version,
    });
    return { ...base, evidence, rollback: 'requested', rollback_message: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, evidence, rollback: 'failed', rollback_message: message };
  }
}

/** The rollback reason: what crossed which threshold, where, on how many outcomes. */
export function describeEvidence(
  version: MonitoredVersion,
  critical: readonly ModelHealth[],
  settings: MonitorSettings,
): string {
  const parts: string[] = [];
  const span = (w: ModelHealth) =>
    `${w.window_start.slice(0, 10)}..${w.window_end.slice(0, 10)}, n=${w.n_labelled}`;
  const ece = critical.filter((w) => w.critical.includes('ece_above_threshold'));
  if (ece.length > 0) {
    const worst = ece.reduce((a, b) => ((b.ece ?? 0) > (a.ece ?? 0) ? b : a));
    parts.push(
      `ECE ${worst.ece?.toFixed(3)} > ${settings.ece_critical} (${span(worst)}; ${ece.length} window(s))`,
    );
  }
  const drift = critical.filter((w) => w.critical.includes('features_drifted'));
  if (drift.length > 0) {
    const worst = drift.reduce((a, b) =>
      b.drifted_features.length > a.drifted_features.length ? b : a,
    );
    parts.push(
      `${worst.drifted_features.length} drifted features >= ${settings.drifted_features_critical}: ${worst.drifted_features.join(', ')} (${span(worst)})`,
    );
  }
  const concept = critical.filter((w) => w.critical.includes('concept_drift'));
  if (concept.length > 0) {
    const ph = concept.flatMap((w) => w.page_hinkley_detections);
    const ad = concept.flatMap((w) => w.adwin_detections);
    const first = (xs: readonly string[]) => (xs.length > 0 ? xs[0].slice(0, 19) : 'none');
    parts.push(
      `concept drift on the error stream: Page-Hinkley at ${first(ph)} (${ph.length}), ADWIN at ${first(ad)} (${ad.length})`,
    );
  }
  return `drift-monitor: ${version.model} v${version.version} critical: ${parts.join('; ')}`;
}
