import { wilsonInterval } from '@hirelearn/stats';

/** A proportion with its sample size and Wilson interval. */
export interface Rate {
  readonly successes: number;
  readonly n: number;
  /** successes / n; null when n = 0. */
  readonly rate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** The rate x / n with its Wilson (1 - alpha) interval. */
export function rateOf(successes: number, n: number, alpha = 0.05): Rate {
  if (n <= 0) return Object.freeze({ successes: 0, n: 0, rate: null, lower: null, upper: null });
  const w = wilsonInterval(successes, n, alpha);
  return Object.freeze({ successes, n, rate: w.estimate, lower: w.lower, upper: w.upper });
}

/**
 * The rate pulled toward a prior (the segment's rate) by `strength` pseudo-observations:
 * (x + m·p) / (n + m). With n small it stays near the segment, so 1 of 2 does not top a list.
 */
export function shrunkRate(successes: number, n: number, prior: number, strength: number): number {
  return (successes + strength * prior) / (n + strength);
}
