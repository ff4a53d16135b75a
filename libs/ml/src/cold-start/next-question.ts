import { DAY_ONE_QUESTIONS, missingFields, withAnswer, type DayOneFeatures } from './day-one';
import type { ColdStartModel } from './model';
import { predictionWidth } from './rate-distribution';
import type { NextQuestion } from './types';

/** Embeddings of the answer pool, computed once per model. */
const poolEmbeddings = new WeakMap<ColdStartModel, readonly (readonly number[])[]>();

function embeddingsOf(model: ColdStartModel): readonly (readonly number[])[] {
  let e = poolEmbeddings.get(model);
  if (!e) {
    e = model.artifact.answer_pool.map((f) => model.searchVector(model.forward(f).embedding));
    poolEmbeddings.set(model, e);
  }
  return e;
}

function width(model: ColdStartModel, f: DayOneFeatures): number {
  const r = model.rate(f);
  const s = model.artifact.settings;
  return predictionWidth(r.mean, r.variance, s.horizon, s.confidence);
}

/**
 * Spec 7.5.3: the unknown field whose answer is expected to narrow the 95% prediction
 * interval most. The possible answers are those of the `answerSamples` training users
 * nearest to this user in the embedding (of what is known so far) who gave the field: the
 * expected width after answering is the mean width over them, and the gain is the current
 * width minus that. Stops (stop: true) when nothing is unknown or no gain reaches
 * `minQuestionGain`. Widths by the normal approximation, smooth in the rate and variance.
 */
export function nextQuestion(model: ColdStartModel, dayOne: DayOneFeatures): NextQuestion {
  const s = model.artifact.settings;
  const current = width(model, dayOne);
  const missing = missingFields(dayOne);
  if (missing.length === 0) {
    return Object.freeze({
      field: null,
      question: null,
      expected_gain: 0,
      interval_width: current,
      stop: true,
      reason: 'every day-one field is known',
      candidates: Object.freeze([]),
    });
  }
  const here = model.searchVector(model.forward(dayOne).embedding);
  const pool = model.artifact.answer_pool;
  const emb = embeddingsOf(model);
  const order = pool
    .map((_, i) => {
      let d = 0;
      for (let j = 0; j < here.length; j++) d += (emb[i][j] - here[j]) ** 2;
      return { i, d };
    })
    .sort((a, b) => a.d - b.d || a.i - b.i);
  const candidates = missing
    .map((field) => {
      const widths: number[] = [];
      for (const { i } of order) {
        const answer = pool[i][field];
        if (answer === null) continue;
        widths.push(width(model, withAnswer(dayOne, field, answer)));
        if (widths.length >= s.answerSamples) break;
      }
      const expected = widths.length ? widths.reduce((a, b) => a + b, 0) / widths.length : current;
      return Object.freeze({ field, expected_gain: current - expected });
    })
    .sort((a, b) => b.expected_gain - a.expected_gain);
  const best = candidates[0];
  const stop = best.expected_gain < s.minQuestionGain;
  return Object.freeze({
    field: stop ? null : best.field,
    question: stop ? null : DAY_ONE_QUESTIONS[best.field],
    expected_gain: best.expected_gain,
    interval_width: current,
    stop,
    reason: stop
      ? `no question is expected to narrow the prediction interval by ${s.minQuestionGain} or more (best: ${best.field}, ${best.expected_gain.toFixed(4)})`
      : `${best.field} is expected to narrow the prediction interval by ${best.expected_gain.toFixed(4)}`,
    candidates: Object.freeze(candidates),
  });
}
