import { rocAuc } from '@hirelearn/safeguards';
import { createRng, logistic } from '@hirelearn/stats';
import {
  FIT_COMPONENTS,
  seniorityMatch,
  type FitComponent,
  type LabelledApplication,
} from './features';
import { splitByUser } from './split';

const { sqrt } = Math;

export type FitWeights = Readonly<Record<FitComponent, number>>;

/** The production fit score's weights today. */
export const CURRENT_FIT_WEIGHTS: FitWeights = Object.freeze({
  technical: 0.4,
  seniority: 0.2,
  experience: 0.2,
  signal: 0.2,
});

export interface FitScoreSettings {
  readonly seed: number;
  /** Share of users held out for the AUC comparison. */
  readonly testFraction: number;
  /** Paired bootstrap resamples for the interval of the AUC difference. */
  readonly bootstrap: number;
  readonly confidence: number;
  readonly currentWeights: FitWeights;
  readonly minRows: number;
}

export const DEFAULT_FIT_SCORE: FitScoreSettings = Object.freeze({
  seed: 1,
  testFraction: 0.3,
  bootstrap: 200,
  confidence: 0.95,
  currentWeights: CURRENT_FIT_WEIGHTS,
  minRows: 300,
});

export interface AucWithInterval {
  readonly auc: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
}

/** The spec's fit-score learning result (5.3): learned weights beside the current ones. */
export interface FitScoreLearning {
  readonly status: 'ok';
  /** Component coefficients normalized to sum to 1 (negative ones set to 0 first). */
  readonly learned_weights: FitWeights;
  readonly current_weights: FitWeights;
  /** Logistic coefficients (log-odds per fit point) and their standard errors. */
  readonly coefficients: Readonly<Record<string, number>>;
  readonly std_errors: Readonly<Record<string, number>>;
  /** Held-out AUC of the fit score under each set of weights (DeLong intervals). */
  readonly auc_learned: AucWithInterval;
  readonly auc_current: AucWithInterval;
  /** AUC(learned) − AUC(current) with a paired bootstrap percentile interval. */
  readonly auc_difference: AucWithInterval;
  readonly n_train: number;
  readonly n_test: number;
  readonly seed: number;
}

export interface FitScoreFailure {
  readonly status: 'insufficient_data' | 'constant_outcome' | 'not_converged';
  readonly reason: string;
}

/** Serializable learned weights the fit-score service serves. */
export interface FitScoreArtifact {
  readonly format: 'hirelearn.fit-weights/v1';
  readonly weights: FitWeights;
  readonly learning: FitScoreLearning;
}

/** Fit score 0-100 of components under weights: Σ w_c · component_c. */
export function fitScore(weights: FitWeights, components: FitWeights): number {
  let s = 0;
  for (const c of FIT_COMPONENTS) s += weights[c] * components[c];
  return s;
}

/**
 * Other known causes of interviews, adjusted for so that the components' coefficients do not
 * absorb them (a user's level moves both their seniority fit and their resume).
 */
const CONTROLS = ['resume_score', 'tailoring_applied', 'strategy_not_improve_first'] as const;

function components(r: LabelledApplication): FitWeights | null {
  const v = {
    technical: r.fit_technical,
    seniority: r.fit_seniority,
    experience: r.fit_experience,
    signal: r.fit_signal,
  };
  return FIT_COMPONENTS.every((c) => typeof v[c] === 'number') ? (v as FitWeights) : null;
}

function aucOf(
  scores: readonly number[],
  y: readonly number[],
  confidence: number,
): AucWithInterval | null {
  const a = rocAuc(scores, y, { confidence });
  return a.status === 'ok' ? { auc: a.auc, ci_lower: a.ci_lower, ci_upper: a.ci_upper } : null;
}

/**
 * Learns which fit components predict interviews: logistic regression of "reached
 * interview" on the four components (in their common 0-100 units, so coefficients compare
 * directly), seniority match and category (as controls), on the training users; the
 * component coefficients normalized to sum to one are the learned weights. Then compares
 * the fit score under learned and current weights on held-out users by AUC.
 */
export function learnFitWeights(
  rows: readonly LabelledApplication[],
  overrides: Partial<FitScoreSettings> = {},
): FitScoreLearning | FitScoreFailure {
  const s: FitScoreSettings = { ...DEFAULT_FIT_SCORE, ...overrides };
  const usable = rows.filter((r) => components(r) !== null);
  if (usable.length < s.minRows) {
    return {
      status: 'insufficient_data',
      reason: `${usable.length} applications with fit components, need ${s.minRows}`,
    };
  }
  const [trainIdx, testIdx] = splitByUser(
    usable.map((r) => r.user_id),
    [1 - s.testFraction, s.testFraction],
    s.seed,
  );
  const train = trainIdx.map((i) => usable[i]);
  const test = testIdx.map((i) => usable[i]);
  const cats = [...new Set(train.map((r) => r.category ?? 'unknown'))].sort().slice(1);
  const allNames = [
    'intercept',
    ...FIT_COMPONENTS,
    'seniority_match',
    ...CONTROLS,
    ...cats.map((c) => `category=${c}`),
  ];
  const scored = train.filter((r) => typeof r.resume_score === 'number');
  const meanScore =
    scored.reduce((a, r) => a + (r.resume_score as number), 0) / (scored.length || 1);
  const full = train.map((r) => {
    const c = components(r) as FitWeights;
    return [
      1,
      ...FIT_COMPONENTS.map((k) => c[k]),
      seniorityMatch(r),
      r.resume_score ?? meanScore,
      r.tailoring_applied ? 1 : 0,
      r.strategy_mode && r.strategy_mode !== 'IMPROVE_RESUME_FIRST' ? 1 : 0,
      ...cats.map((k) => ((r.category ?? 'unknown') === k ? 1 : 0)),
    ];
  });
  // Controls that never vary in the training data carry no information and would make the
  // design singular; the intercept and the four components always stay.
  const keep = allNames
    .map((_, j) => j)
    .filter((j) => j <= FIT_COMPONENTS.length || full.some((x) => x[j] !== full[0][j]));
  const names = keep.map((j) => allNames[j]);
  const X = full.map((x) => keep.map((j) => x[j]));
  const y = train.map((r) => (r.reached_interview ? 1 : 0));
  if (y.every((v) => v === y[0])) {
    return { status: 'constant_outcome', reason: `every training label is ${y[0]}` };
  }
  const fit = logistic(X, y, { names });
  if (fit.status !== 'ok')
    return { status: 'not_converged', reason: `${fit.status}: ${fit.reason}` };
  const beta = FIT_COMPONENTS.map((_, j) => Math.max(0, fit.coefficients[1 + j]));
  const total = beta.reduce((a, b) => a + b, 0);
  const learned = Object.freeze(
    Object.fromEntries(FIT_COMPONENTS.map((c, j) => [c, total > 0 ? beta[j] / total : 0.25])),
  ) as FitWeights;

  const yt = test.map((r) => (r.reached_interview ? 1 : 0));
  const comps = test.map((r) => components(r) as FitWeights);
  const sl = comps.map((c) => fitScore(learned, c));
  const sc = comps.map((c) => fitScore(s.currentWeights, c));
  const aucL = aucOf(sl, yt, s.confidence);
  const aucC = aucOf(sc, yt, s.confidence);
  if (!aucL || !aucC) {
    return {
      status: 'insufficient_data',
      reason: 'the held-out users have a single outcome class',
    };
  }
  const rng = createRng(`${s.seed}/fit-auc`);
  const diffs: number[] = [];
  for (let b = 0; b < s.bootstrap; b++) {
    const idx = yt.map(() => rng.int(yt.length));
    const yb = idx.map((i) => yt[i]);
    const l = rocAuc(
      idx.map((i) => sl[i]),
      yb,
    );
    const c = rocAuc(
      idx.map((i) => sc[i]),
      yb,
    );
    if (l.status === 'ok' && c.status === 'ok') diffs.push(l.auc - c.auc);
  }
  diffs.sort((a, b) => a - b);
  const q = (p: number) => diffs[Math.min(diffs.length - 1, Math.floor(p * diffs.length))];
  const alpha = 1 - s.confidence;
  return Object.freeze({
    status: 'ok',
    learned_weights: learned,
    current_weights: s.currentWeights,
    coefficients: Object.freeze(Object.fromEntries(names.map((n, j) => [n, fit.coefficients[j]]))),
    std_errors: Object.freeze(
      Object.fromEntries(names.map((n, j) => [n, fit.std_errors[j] ?? sqrt(fit.vcov[j][j])])),
    ),
    auc_learned: aucL,
    auc_current: aucC,
    auc_difference: {
      auc: aucL.auc - aucC.auc,
      ci_lower: diffs.length ? q(alpha / 2) : NaN,
      ci_upper: diffs.length ? q(1 - alpha / 2) : NaN,
    },
    n_train: train.length,
    n_test: test.length,
    seed: s.seed,
  });
}

/** The artifact to register and serve for a successful learning run. */
export function fitScoreArtifact(learning: FitScoreLearning): FitScoreArtifact {
  return Object.freeze({
    format: 'hirelearn.fit-weights/v1',
    weights: learning.learned_weights,
    learning,
  });
}
