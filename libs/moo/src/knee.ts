/**
 * The recommended solution of a front: its knee, the point with the largest distance
 * beyond the line joining the front's extremes (Das 1999; Deb & Gupta 2011 survey knee
 * definitions). Each objective is normalised to [0, 1] over the front, 0 its best value, so
 * the extremes of a two-objective front sit at (0, 1) and (1, 0) and the line is
 * n1 + n2 = 1; with more objectives the same plane sum(n) = 1 is used. The knee is where
 * giving up a little of one objective buys the most of the others.
 */
import { fmt } from './evaluation';
import type { Objective, Solution } from './problem';

export interface KneePoint {
  /** Index into the front passed in. */
  readonly index: number;
  readonly solution: Solution;
  /** Distance beyond the extremes' plane in normalised units (0 on a straight front). */
  readonly distance: number;
  /** The knee against each objective's best plan, in words. */
  readonly trade_off: string;
}

/** The knee of a non-empty front; null for an empty one. */
export function kneePoint(
  front: readonly Solution[],
  objectives: readonly Objective[],
): KneePoint | null {
  if (front.length === 0) return null;
  const m = objectives.length;
  const best = objectives.map((o, k) => pick(front, k, o.sense === 'min' ? Math.min : Math.max));
  const worst = objectives.map((o, k) => pick(front, k, o.sense === 'min' ? Math.max : Math.min));
  let index = 0;
  let distance = -Infinity;
  front.forEach((s, i) => {
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const span = Math.abs(worst[k] - best[k]);
      sum += span > 0 ? Math.abs(s.objectives[k] - best[k]) / span : 0;
    }
    const d = (1 - sum) / Math.sqrt(m);
    if (d > distance) {
      distance = d;
      index = i;
    }
  });
  const solution = front[index];
  return Object.freeze({
    index,
    solution,
    distance,
    trade_off: tradeOff(front, solution, objectives),
  });
}

function pick(front: readonly Solution[], k: number, agg: (...v: number[]) => number): number {
  return agg(...front.map((s) => s.objectives[k]));
}

function tradeOff(
  front: readonly Solution[],
  knee: Solution,
  objectives: readonly Objective[],
): string {
  const show = (k: number, v: number) => `${objectives[k].name} ${fmt(v)}${unit(objectives[k])}`;
  const delta = (k: number, v: number) => {
    const d = v - knee.objectives[k];
    return `${d >= 0 ? '+' : ''}${fmt(d)}`;
  };
  const head = `Recommended (knee): ${objectives.map((_, k) => show(k, knee.objectives[k])).join(', ')}.`;
  const parts = objectives.flatMap((o, k) => {
    const extreme = front.reduce((a, b) =>
      (o.sense === 'min' ? b.objectives[k] < a.objectives[k] : b.objectives[k] > a.objectives[k])
        ? b
        : a,
    );
    if (extreme.objectives[k] === knee.objectives[k]) return [];
    const others = objectives
      .map((_, j) => j)
      .filter((j) => j !== k)
      .map((j) => `${show(j, extreme.objectives[j])} (${delta(j, extreme.objectives[j])})`);
    const word = o.sense === 'min' ? 'lowest' : 'highest';
    return [
      `The ${word}-${o.name} plan reaches ${show(k, extreme.objectives[k])} (${delta(k, extreme.objectives[k])}) at ${others.join(', ')}.`,
    ];
  });
  return parts.length === 0
    ? `${head} It is the best plan in every objective.`
    : `${head} ${parts.join(' ')}`;
}

function unit(o: Objective): string {
  return o.unit ? ` ${o.unit}` : '';
}
