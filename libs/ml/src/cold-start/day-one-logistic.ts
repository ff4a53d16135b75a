import { logistic } from '@hirelearn/stats';
import type { ColdStartTrainingUser } from './types';

/** A logistic regression on encoded day-one rows: intercept and one coefficient per column. */
export interface DayOneLogistic {
  readonly intercept: number;
  /** One per encoded column (0 for columns constant in training). */
  readonly coefficients: readonly number[];
}

/**
 * Logistic regression of the first-`horizon` rate on the encoded day-one row, each user a
 * binomial observation (soft label k/n, weight n). Columns constant in training are left out
 * (coefficient 0); a tiny ridge (1e-3) keeps the one-hot groups identifiable beside the
 * intercept. The evaluation's baseline (b), and the starting point of the embedder's wide part.
 */
export function fitDayOneLogistic(
  users: readonly ColdStartTrainingUser[],
  rows: readonly (readonly number[])[],
): DayOneLogistic | null {
  const keep = rows[0].map((_, j) => j).filter((j) => rows.some((r) => r[j] !== rows[0][j]));
  const fit = logistic(
    rows.map((r) => [1, ...keep.map((j) => r[j])]),
    users.map((u) => u.first_interviews / u.first_applications),
    { weights: users.map((u) => u.first_applications), lambda: 1e-3 },
  );
  if (fit.status !== 'ok') return null;
  const coefficients = rows[0].map(() => 0);
  keep.forEach((j, i) => (coefficients[j] = fit.coefficients[i + 1]));
  return Object.freeze({
    intercept: fit.coefficients[0],
    coefficients: Object.freeze(coefficients),
  });
}

/** P(interview) of an encoded row under the logistic. */
export function dayOneLogisticRate(m: DayOneLogistic, row: readonly number[]): number {
  let z = m.intercept;
  for (let j = 0; j < row.length; j++) z += m.coefficients[j] * row[j];
  return 1 / (1 + Math.exp(-z));
}
