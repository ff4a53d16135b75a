import { createHash } from 'node:crypto';
import {
  DEFAULT_COLD_START,
  DEFAULT_ENSEMBLE,
  serializeColdStart,
  trainColdStart,
  useTensorFlowWasmBackend,
  type ColdStartMetrics,
  DEFAULT_FIT_SCORE,
  fitScoreArtifact,
  learnFitWeights,
  trainEnsemble,
  type EnsembleMetrics,
  type FitScoreLearning,
  type HeldOutMetrics,
} from '@hirelearn/ml';
import type { DataWindow, ModelVersion, Registry } from '@hirelearn/registry';
import type { EventStore } from '@hirelearn/store';
import { loadColdStartUsers } from './cold-start-data';
import { loadLabelledApplications, trainingDataWindow } from './training-queries';

/** The models `hirelearn models train` knows; each name is also the registry model name. */
export const TRAINABLE_MODELS = ['ensemble', 'fit-score', 'cold-start'] as const;
export type TrainableModel = (typeof TRAINABLE_MODELS)[number];

/** A finished training run: the artifact to store and the evidence to register with it. */
export interface TrainingRun {
  readonly status: 'ok';
  readonly model: TrainableModel;
  /** The artifact's JSON bytes (format `json_params`). */
  readonly artifact: string;
  /** Flat numeric metrics for the registry. */
  readonly metrics: Readonly<Record<string, number>>;
  /** The full typed report (EnsembleMetrics or FitScoreLearning). */
  readonly report: EnsembleMetrics | FitScoreLearning | ColdStartMetrics;
  readonly training_data_window: DataWindow;
  readonly seed: number;
  readonly settings_hash: string;
  readonly rows: number;
}

export interface TrainingFailure {
  readonly status: 'insufficient_data' | 'constant_outcome' | 'not_converged';
  readonly model: TrainableModel;
  readonly reason: string;
}

function flatten(prefix: string, m: HeldOutMetrics): Record<string, number> {
  const out: Record<string, number> = { [`${prefix}log_loss`]: m.log_loss };
  if (m.brier !== null) out[`${prefix}brier`] = m.brier;
  if (m.ece !== null) out[`${prefix}ece`] = m.ece;
  if (m.auc !== null) out[`${prefix}auc`] = m.auc;
  return out;
}

function hashSettings(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** Trains one model on the labelled applications of the store's facts. */
export async function trainModel(
  store: EventStore,
  model: TrainableModel,
  seed: number,
): Promise<TrainingRun | TrainingFailure> {
  const training_data_window = await trainingDataWindow(store);
  if (model === 'cold-start') return trainColdStartRun(store, seed, training_data_window);
  const rows = await loadLabelledApplications(store);
  if (model === 'ensemble') {
    const t = await trainEnsemble(rows, { seed });
    if (t.status !== 'ok') return { ...t, model };
    const m = t.artifact.metrics;
    const metrics: Record<string, number> = {
      ...flatten('', m.ensemble),
      beats_every_member: m.beats_every_member ? 1 : 0,
      test_rows: m.rows.test,
    };
    for (const [name, mm] of Object.entries(m.members))
      Object.assign(metrics, flatten(`${name}.`, mm));
    t.artifact.weights.forEach((w, k) => (metrics[`weight.${t.artifact.members[k].name}`] = w));
    return {
      status: 'ok',
      model,
      artifact: JSON.stringify(t.artifact),
      metrics,
      report: m,
      training_data_window,
      seed,
      settings_hash: hashSettings({ ...DEFAULT_ENSEMBLE, seed }),
      rows: rows.length,
    };
  }
  const l = learnFitWeights(rows, { seed });
  if (l.status !== 'ok') return { ...l, model };
  const metrics: Record<string, number> = {
    auc: l.auc_learned.auc,
    auc_current: l.auc_current.auc,
    auc_difference: l.auc_difference.auc,
    auc_difference_ci_lower: l.auc_difference.ci_lower,
    auc_difference_ci_upper: l.auc_difference.ci_upper,
    test_rows: l.n_test,
  };
  for (const [c, w] of Object.entries(l.learned_weights)) metrics[`weight.${c}`] = w;
  return {
    status: 'ok',
    model,
    artifact: JSON.stringify(fitScoreArtifact(l)),
    metrics,
    report: l,
    training_data_window,
    seed,
    settings_hash: hashSettings({ ...DEFAULT_FIT_SCORE, seed }),
    rows: rows.length,
  };
}

/**
 * The cold-start embedder (issue 14) on the established users of the facts, its network on
 * TensorFlow.js's WASM backend; the held-out metrics (test users) go on the version.
 */
async function trainColdStartRun(
  store: EventStore,
  seed: number,
  training_data_window: DataWindow,
): Promise<TrainingRun | TrainingFailure> {
  const { users } = await loadColdStartUsers(store);
  await useTensorFlowWasmBackend();
  const t = await trainColdStart(users, {}, seed);
  if (t.status !== 'ok') return { ...t, model: 'cold-start' };
  const m = t.metrics;
  return {
    status: 'ok',
    model: 'cold-start',
    artifact: serializeColdStart(t.model.toArtifact()),
    metrics: {
      brier: m.brier,
      log_loss: m.log_loss,
      brier_population: m.brier_population,
      log_loss_population: m.log_loss_population,
      prediction_interval_coverage: m.prediction_interval_coverage,
      mean_prediction_interval_width: m.mean_prediction_interval_width,
      test_users: m.n_test,
      peers_indexed: t.model.artifact.peers.length,
    },
    report: m,
    training_data_window,
    seed,
    settings_hash: hashSettings({ ...DEFAULT_COLD_START, seed }),
    rows: users.length,
  };
}

/** Registers a run as a candidate version, with its evidence and lineage. */
export function registerRun(
  registry: Registry,
  run: TrainingRun,
  who: { readonly by: string; readonly code_version: string },
): Promise<ModelVersion> {
  return registry.register({
    model: run.model,
    content: Buffer.from(run.artifact),
    format: 'json_params',
    metrics: run.metrics,
    training_data_window: run.training_data_window,
    seed: run.seed,
    code_version: who.code_version,
    settings_hash: run.settings_hash,
    registered_by: who.by,
    description: `${run.model} trained on ${run.rows} labelled applications (seed ${run.seed})`,
  });
}
