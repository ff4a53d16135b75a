/**
 * The two kinds of figure the report gives, each with its n and interval, and withheld
 * ("not enough data") on fewer users than the settings' minimum.
 */
import { mean, sd, tQuantile, wilsonInterval } from '@hirelearn/stats';

export type FigureStatus = 'ok' | 'insufficient_data';

/** A share: `count` of `n` (e.g. users who acted of users delivered), with its Wilson interval. */
export interface RateFigure {
  readonly status: FigureStatus;
  readonly reason: string;
  readonly count: number;
  readonly n: number;
  readonly users: number;
  readonly rate: number | null;
  readonly interval: readonly [number, number] | null;
}

/** A mean over users (e.g. the change of their interview rate), with its t interval. */
export interface MeanFigure {
  readonly status: FigureStatus;
  readonly reason: string;
  readonly users: number;
  readonly estimate: number | null;
  readonly std_error: number | null;
  readonly interval: readonly [number, number] | null;
}

export const notEnough = (users: number, min: number, what = 'users'): string =>
  `not enough data: ${users} ${what}, the minimum is ${min}`;

/** `count` of `n` over `users` distinct users; withheld below `minUsers`. */
export function rateFigure(
  count: number,
  n: number,
  users: number,
  minUsers: number,
  alpha: number,
): RateFigure {
  if (users < minUsers || n === 0)
    return {
      status: 'insufficient_data',
      reason: notEnough(users, minUsers),
      count,
      n,
      users,
      rate: null,
      interval: null,
    };
  const w = wilsonInterval(count, n, alpha);
  return {
    status: 'ok',
    reason: '',
    count,
    n,
    users,
    rate: w.estimate,
    interval: [w.lower, w.upper],
  };
}

/** The mean of one value per user with its t interval; withheld below `minUsers` (and under 2). */
export function meanFigure(values: readonly number[], minUsers: number, alpha: number): MeanFigure {
  const users = values.length;
  const min = Math.max(minUsers, 2);
  if (users < min)
    return {
      status: 'insufficient_data',
      reason: notEnough(users, min),
      users,
      estimate: null,
      std_error: null,
      interval: null,
    };
  const m = mean(values);
  const se = sd(values) / Math.sqrt(users);
  const half = tQuantile(1 - alpha / 2, users - 1) * se;
  return {
    status: 'ok',
    reason: '',
    users,
    estimate: m,
    std_error: se,
    interval: [m - half, m + half],
  };
}
