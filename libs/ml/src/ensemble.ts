import {
  calibrate,
  chooseCalibrator,
  type Calibrator,
  type CalibrationMethod,
} from './calibration';
import {
  encode,
  encodeAll,
  fitEncoder,
  type ApplicationFeatures,
  type FeatureEncoder,
  type LabelledApplication,
} from './features';
import { heldOutMetrics, type HeldOutMetrics } from './metrics';
import { BoostedTrees, BoostedTreesModel, type BoostedTreesSettings } from './models/boosted-trees';
import { LogisticModel, RidgeLogistic, type RidgeLogisticSettings } from './models/logistic-model';
import { NeuralNet, NeuralNetModel, type NeuralNetSettings } from './models/neural-net';
import type { BinaryModel, ModelArtifact, ModelKind } from './models/types';
import { splitByUser } from './split';
import { learnStackingWeights } from './stacking';

const { sqrt, max, min } = Math;

export interface EnsembleSettings {
  readonly seed: number;
  /** Shares of users for training, stacking weights, calibration and the held-out test. */
  readonly split: {
    readonly train: number;
    readonly stack: number;
    readonly calibrate: number;
    readonly test: number;
  };
  readonly logistic: Partial<RidgeLogisticSettings>;
  readonly trees: Partial<BoostedTreesSettings>;
  readonly network: Partial<NeuralNetSettings>;
  /** Member spread (max − min) above which a prediction is flagged as contested. */
  readonly disagreementThreshold: number;
  /** Fewest labelled applications to train on. */
  readonly minRows: number;
}

export const DEFAULT_ENSEMBLE: EnsembleSettings = Object.freeze({
  seed: 1,
  split: Object.freeze({ train: 0.5, stack: 0.15, calibrate: 0.15, test: 0.2 }),
  logistic: {},
  trees: {},
  network: {},
  disagreementThreshold: 0.15,
  minRows: 500,
});

/** How much the members disagree on one application, and who stands out. */
export interface DisagreementAnalysis {
  /** max − min of the members' probabilities. */
  readonly spread: number;
  /** Standard deviation of the members' probabilities, weighted by the stacking weights. */
  readonly weighted_std: number;
  readonly most_optimistic: string;
  readonly most_pessimistic: string;
  readonly high_disagreement: boolean;
}

/** The spec's EnsemblePrediction (5.8). */
export interface EnsemblePrediction {
  /** Calibrated probability of reaching an interview. */
  readonly probability: number;
  /** 1 − 2 × weighted member standard deviation, in [0, 1]: low when the members disagree. */
  readonly confidence: number;
  /** 1 − spread, in [0, 1]. */
  readonly model_agreement: number;
  /** Each member's own (uncalibrated) probability, by member name. */
  readonly individual_predictions: Readonly<Record<string, number>>;
  readonly disagreement_analysis: DisagreementAnalysis;
}

export interface EnsembleMember {
  readonly name: ModelKind;
  readonly artifact: ModelArtifact;
}

/** Held-out figures of the ensemble next to each member's. */
export interface EnsembleMetrics {
  readonly members: Readonly<Record<string, HeldOutMetrics>>;
  /** The stacked blend before calibration. */
  readonly blend: HeldOutMetrics;
  /** The calibrated ensemble (what is served). */
  readonly ensemble: HeldOutMetrics;
  /** True when the ensemble's held-out log loss is below every member's. */
  readonly beats_every_member: boolean;
  readonly calibration_method: CalibrationMethod;
  readonly calibration_cv_log_loss: Readonly<Record<CalibrationMethod, number>>;
  readonly rows: {
    readonly train: number;
    readonly stack: number;
    readonly calibrate: number;
    readonly test: number;
  };
}

/** Everything needed to serve the ensemble, as plain JSON. */
export interface EnsembleArtifact {
  readonly format: 'hirelearn.ensemble/v1';
  readonly seed: number;
  readonly encoder: FeatureEncoder;
  readonly members: readonly EnsembleMember[];
  readonly weights: readonly number[];
  readonly calibrator: Calibrator;
  readonly disagreement_threshold: number;
  readonly metrics: EnsembleMetrics;
}

export type EnsembleTraining =
  | { readonly status: 'ok'; readonly artifact: EnsembleArtifact; readonly model: EnsembleModel }
  | {
      readonly status: 'insufficient_data' | 'constant_outcome' | 'not_converged';
      readonly reason: string;
    };

function memberModel(m: EnsembleMember): BinaryModel {
  const a = m.artifact;
  if (a.kind === 'logistic') return LogisticModel.fromArtifact(a);
  if (a.kind === 'boosted_trees') return BoostedTreesModel.fromArtifact(a);
  return NeuralNetModel.fromArtifact(a);
}

function memberProbabilities(
  models: readonly BinaryModel[],
  X: readonly (readonly number[])[],
): number[][] {
  const cols = models.map((m) => m.predict(X));
  return X.map((_, i) => cols.map((c) => c[i]));
}

/** A trained ensemble: members, stacking weights and calibrator, read-only. */
export class EnsembleModel {
  private readonly models: readonly BinaryModel[];
  constructor(readonly artifact: EnsembleArtifact) {
    this.models = artifact.members.map(memberModel);
    Object.freeze(this);
  }

  /** The members' probabilities for encoded rows, P[i][k]. */
  memberProbabilities(X: readonly (readonly number[])[]): number[][] {
    return memberProbabilities(this.models, X);
  }

  predict(row: ApplicationFeatures): EnsemblePrediction {
    return this.predictMany([row])[0];
  }

  predictMany(rows: readonly ApplicationFeatures[]): EnsemblePrediction[] {
    return this.combine(this.memberProbabilities(this.encode(rows)));
  }

  /** The rows as the members' encoded feature vectors. */
  encode(rows: readonly ApplicationFeatures[]): number[][] {
    return rows.map((r) => encode(this.artifact.encoder, r));
  }

  /**
   * Predictions from the members' probabilities P[i][k] (k in member order): blend, calibrate
   * and analyse disagreement. Lets a server score a member elsewhere (e.g. the logistic on
   * onnxruntime) and finish here.
   */
  combine(P: readonly (readonly number[])[]): EnsemblePrediction[] {
    const names = this.artifact.members.map((m) => m.name);
    const w = this.artifact.weights;
    return P.map((ps) => {
      let blend = 0;
      for (let k = 0; k < ps.length; k++) blend += w[k] * ps[k];
      let v = 0;
      for (let k = 0; k < ps.length; k++) v += w[k] * (ps[k] - blend) ** 2;
      const std = sqrt(v);
      let hi = 0;
      let lo = 0;
      for (let k = 1; k < ps.length; k++) {
        if (ps[k] > ps[hi]) hi = k;
        if (ps[k] < ps[lo]) lo = k;
      }
      const spread = ps[hi] - ps[lo];
      return Object.freeze({
        probability: calibrate(this.artifact.calibrator, blend),
        confidence: max(0, min(1, 1 - 2 * std)),
        model_agreement: max(0, 1 - spread),
        individual_predictions: Object.freeze(Object.fromEntries(names.map((n, k) => [n, ps[k]]))),
        disagreement_analysis: Object.freeze({
          spread,
          weighted_std: std,
          most_optimistic: names[hi],
          most_pessimistic: names[lo],
          high_disagreement: spread > this.artifact.disagreement_threshold,
        }),
      });
    });
  }
}

/**
 * Trains the ensemble on labelled applications: members (ridge logistic, boosted trees, a
 * TensorFlow.js network) on the training users; stacking weights on the stacking users;
 * the calibrator (none, Platt or isotonic, by cross-validated log loss) on the calibration
 * users; every figure reported on the test users, whom nothing was fitted on.
 */
export async function trainEnsemble(
  rows: readonly LabelledApplication[],
  overrides: Partial<EnsembleSettings> = {},
): Promise<EnsembleTraining> {
  const s: EnsembleSettings = { ...DEFAULT_ENSEMBLE, ...overrides };
  if (rows.length < s.minRows) {
    return {
      status: 'insufficient_data',
      reason: `${rows.length} labelled applications, need ${s.minRows}`,
    };
  }
  const [trainIdx, stackIdx, calIdx, testIdx] = splitByUser(
    rows.map((r) => r.user_id),
    [s.split.train, s.split.stack, s.split.calibrate, s.split.test],
    s.seed,
  );
  const pick = (idx: readonly number[]) => idx.map((i) => rows[i]);
  const label = (idx: readonly number[]) => idx.map((i) => (rows[i].reached_interview ? 1 : 0));
  const encoder = fitEncoder(pick(trainIdx));
  const Xtr = encodeAll(encoder, pick(trainIdx));
  const ytr = label(trainIdx);

  const fits = [
    new RidgeLogistic(s.logistic).fit(Xtr, ytr),
    new BoostedTrees({ seed: s.seed, ...s.trees }).fit(Xtr, ytr),
    await new NeuralNet({ seed: s.seed, ...s.network }).fit(Xtr, ytr),
  ];
  const members: EnsembleMember[] = [];
  for (const f of fits) {
    if (f.status !== 'ok') return f;
    members.push({ name: f.model.kind, artifact: f.model.toArtifact() });
  }
  const models = members.map(memberModel);
  const probs = (idx: readonly number[]) =>
    memberProbabilities(models, encodeAll(encoder, pick(idx)));
  const stacking = learnStackingWeights(probs(stackIdx), label(stackIdx));
  const blendOf = (P: readonly (readonly number[])[]) =>
    P.map((ps) => ps.reduce((a, p, k) => a + stacking.weights[k] * p, 0));
  const choice = chooseCalibrator(blendOf(probs(calIdx)), label(calIdx));

  const Ptest = probs(testIdx);
  const ytest = label(testIdx);
  const memberMetrics = Object.fromEntries(
    members.map((m, k) => [
      m.name,
      heldOutMetrics(
        Ptest.map((ps) => ps[k]),
        ytest,
      ),
    ]),
  );
  const blendTest = blendOf(Ptest);
  const ensembleMetrics = heldOutMetrics(
    blendTest.map((p) => calibrate(choice.calibrator, p)),
    ytest,
  );
  const metrics: EnsembleMetrics = Object.freeze({
    members: memberMetrics,
    blend: heldOutMetrics(blendTest, ytest),
    ensemble: ensembleMetrics,
    beats_every_member: Object.values(memberMetrics).every(
      (m) => ensembleMetrics.log_loss < m.log_loss,
    ),
    calibration_method: choice.calibrator.method,
    calibration_cv_log_loss: choice.cv_log_loss,
    rows: {
      train: trainIdx.length,
      stack: stackIdx.length,
      calibrate: calIdx.length,
      test: testIdx.length,
    },
  });
  const artifact: EnsembleArtifact = Object.freeze({
    format: 'hirelearn.ensemble/v1',
    seed: s.seed,
    encoder,
    members,
    weights: stacking.weights,
    calibrator: choice.calibrator,
    disagreement_threshold: s.disagreementThreshold,
    metrics,
  });
  return { status: 'ok', artifact, model: new EnsembleModel(artifact) };
}

/** Loads a serialized ensemble (the JSON of an {@link EnsembleArtifact}). */
export function loadEnsemble(json: string | EnsembleArtifact): EnsembleModel {
  const a = typeof json === 'string' ? (JSON.parse(json) as EnsembleArtifact) : json;
  if (a.format !== 'hirelearn.ensemble/v1')
    throw new TypeError(`not an ensemble artifact: ${String(a.format)}`);
  return new EnsembleModel(a);
}
