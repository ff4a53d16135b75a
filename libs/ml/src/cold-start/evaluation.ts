import { createRng, shuffle } from '@hirelearn/stats';
import { dayOneLogisticRate, fitDayOneLogistic } from './day-one-logistic';
import { DAY_ONE_FIELDS, withAnswer, withoutFields, type DayOneField } from './day-one';
import { encodeDayOne, fitColdStartEncoder } from './encoder';
import type { ColdStartModel } from './model';
import { expectedInterviewRate, predictionWidth } from './rate-distribution';
import { nextQuestion } from './next-question';
import type { ColdStartSettings } from './settings';
import { trainColdStart, userLevelScores } from './train';
import type { ColdStartFailure, ColdStartTrainingUser } from './types';

/** A user scored on their first `horizon` applications; `true_rate` when the world knows it. */
export interface ColdStartEvaluationUser extends ColdStartTrainingUser {
  /** The simulator's true interview probability averaged over the same applications. */
  readonly true_rate?: number;
}

export interface ScorePair {
  readonly brier: number;
  readonly log_loss: number;
}

/** The honest evaluation of issue 14: day-one predictions scored on later users' first applications. */
export interface ColdStartEvaluation {
  readonly status: 'ok';
  readonly n_train: number;
  readonly n_evaluated: number;
  /** (a) the training users' rate, (b) logistic regression on the same encoded day-one row, (c) the embedder, (d) the true rates. */
  readonly population: ScorePair;
  readonly logistic: ScorePair;
  readonly embedder: ScorePair;
  readonly ceiling: ScorePair | null;
  /** (a − c) / (a − d): the share of the gap between the population rate and the truth the embedder captures. */
  readonly embedder_gap_share: ScorePair | null;
  readonly logistic_gap_share: ScorePair | null;
  /** Share of users whose realized rate lies in their 95% prediction interval. */
  readonly prediction_interval_coverage: number;
  readonly mean_prediction_interval_width: number;
  /** Share of users whose true rate lies in their 95% interval (when known). */
  readonly interval_coverage: number | null;
}

const share = (a: ScorePair, x: ScorePair, d: ScorePair): ScorePair => ({
  brier: (a.brier - x.brier) / (a.brier - d.brier),
  log_loss: (a.log_loss - x.log_loss) / (a.log_loss - d.log_loss),
});

/** (b): the plain logistic regression on the embedder's own encoding of the day-one row. */
function logisticBaseline(
  train: readonly ColdStartTrainingUser[],
  minCategoryCount: number,
): ((u: ColdStartTrainingUser) => number) | null {
  const encoder = fitColdStartEncoder(
    train.map((u) => u.day_one),
    minCategoryCount,
  );
  const fit = fitDayOneLogistic(
    train,
    train.map((u) => encodeDayOne(encoder, u.day_one)),
  );
  return fit && ((u) => dayOneLogisticRate(fit, encodeDayOne(encoder, u.day_one)));
}

/**
 * Trains on `train` (e.g. users who signed up before a cutoff) and scores, for every user of
 * `evaluated`, the prediction from day-one data only against their first `horizon`
 * applications: Brier and log loss per application of (a) the population rate, (b) the
 * logistic baseline, (c) the embedder and (d) the true rates, in the same run.
 */
export async function evaluateColdStart(
  train: readonly ColdStartTrainingUser[],
  evaluated: readonly ColdStartEvaluationUser[],
  overrides: Partial<ColdStartSettings> = {},
  seed = 1,
): Promise<
  { readonly evaluation: ColdStartEvaluation; readonly model: ColdStartModel } | ColdStartFailure
> {
  // The later users are the test: no share of `train` is held out for the version's metrics.
  const t = await trainColdStart(train, { testFraction: 0, ...overrides }, seed);
  if (t.status !== 'ok') return t;
  const model = t.model;
  const s = model.artifact.settings;
  const established = train.filter((u) => u.applications >= s.establishedApplications);
  const base = logisticBaseline(established, s.minCategoryCount);
  if (!base) return { status: 'not_converged', reason: 'the logistic baseline did not converge' };
  const users = evaluated.filter((u) => u.first_applications >= s.horizon);
  const population = model.artifact.population_rate;
  const rows = users.map((u) => {
    const r = model.rate(u.day_one);
    const e = expectedInterviewRate(r.mean, r.variance, s.horizon, s.confidence);
    const realized = u.first_interviews / u.first_applications;
    return {
      k: u.first_interviews,
      n: u.first_applications,
      embedder: r.mean,
      logistic: base(u),
      truth: u.true_rate,
      covered:
        realized >= e.prediction_interval[0] - 1e-9 && realized <= e.prediction_interval[1] + 1e-9,
      width: e.prediction_interval[1] - e.prediction_interval[0],
      trueCovered:
        u.true_rate === undefined
          ? null
          : u.true_rate >= e.interval[0] && u.true_rate <= e.interval[1],
    };
  });
  const score = (p: (r: (typeof rows)[number]) => number) =>
    userLevelScores(rows.map((r) => ({ k: r.k, n: r.n, p: p(r) })));
  const a = score(() => population);
  const b = score((r) => r.logistic);
  const c = score((r) => r.embedder);
  const known = rows.every((r) => r.truth !== undefined);
  const d = known && rows.length ? score((r) => r.truth as number) : null;
  const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
  return {
    model,
    evaluation: Object.freeze({
      status: 'ok',
      n_train: established.length,
      n_evaluated: rows.length,
      population: a,
      logistic: b,
      embedder: c,
      ceiling: d,
      embedder_gap_share: d ? share(a, c, d) : null,
      logistic_gap_share: d ? share(a, b, d) : null,
      prediction_interval_coverage: mean(rows.map((r) => (r.covered ? 1 : 0))),
      mean_prediction_interval_width: mean(rows.map((r) => r.width)),
      interval_coverage: known ? mean(rows.map((r) => (r.trueCovered ? 1 : 0))) : null,
    }),
  };
}

/** Mean prediction-interval width after asking chosen questions versus as many random ones. */
export interface ActiveLearningComparison {
  readonly users: number;
  readonly questions: number;
  readonly start_width: number;
  readonly chosen_width: number;
  readonly random_width: number;
}

/**
 * Spec 7.5.3's check: each user starts with `hidden` fields unknown; `questions` times, the
 * chosen policy asks `nextQuestion`'s field (ignoring its stop, to compare equal counts) and
 * the random policy a random unknown field; the answer is the user's real value. Widths by
 * the normal approximation of the 95% prediction interval.
 */
export function compareActiveLearning(
  model: ColdStartModel,
  users: readonly ColdStartTrainingUser[],
  hidden: readonly DayOneField[] = DAY_ONE_FIELDS,
  questions = 3,
  seed = 1,
): ActiveLearningComparison {
  const s = model.artifact.settings;
  const rng = createRng(`${seed}/active-learning`);
  const widthOf = (f: ColdStartTrainingUser['day_one']) => {
    const r = model.rate(f);
    return predictionWidth(r.mean, r.variance, s.horizon, s.confidence);
  };
  let start = 0;
  let chosen = 0;
  let random = 0;
  for (const u of users) {
    const first = withoutFields(u.day_one, hidden);
    start += widthOf(first);
    let f = first;
    for (let q = 0; q < questions; q++) {
      const next = nextQuestion(model, f);
      const field = next.candidates.find((c) => u.day_one[c.field] !== null)?.field;
      if (!field) break;
      f = withAnswer(f, field, u.day_one[field]);
    }
    chosen += widthOf(f);
    const answerable = hidden.filter((h) => u.day_one[h] !== null);
    let g = first;
    for (const field of shuffle(rng, answerable).slice(0, questions)) {
      g = withAnswer(g, field, u.day_one[field]);
    }
    random += widthOf(g);
  }
  const n = Math.max(1, users.length);
  return Object.freeze({
    users: users.length,
    questions,
    start_width: start / n,
    chosen_width: chosen / n,
    random_width: random / n,
  });
}
