import {
  outcomeModel,
  strategyModeFor,
  type ApplicationState,
  type OutcomeModel,
} from './outcome-model';
import { clip } from './rng';
import type { SimSettings } from './settings';
import { EDIT_TYPES, ROLES, type EditType } from './vocabulary';

/** Exact average treatment effects of one treatment, from the simulator's own probabilities. */
export interface EffectTruth {
  /** Mean over applications of p(treated) - p(untreated), everything else as observed. */
  readonly ate: number;
  /** The same mean over the treated applications only. */
  readonly att: number;
  /**
   * Edits only: the effect including the path through the resume score (the edit's score
   * increment moves the score and possibly the strategy mode at the threshold).
   */
  readonly total_ate?: number;
  readonly total_att?: number;
  readonly n_applications: number;
  readonly n_treated: number;
}

/** Application-level treatments whose effects the simulator measures. */
export const TIMING_TREATMENTS = [
  'submitted_on_tuesday',
  'submitted_in_morning',
  'submitted_tuesday_morning',
] as const;
export type TreatmentName =
  EditType | 'tailoring_applied' | 'experiment_variant' | (typeof TIMING_TREATMENTS)[number];

class Sums {
  all = 0;
  treated = 0;
  totalAll = 0;
  totalTreated = 0;
  n = 0;
  nTreated = 0;

  add(isTreated: boolean, diff: number, totalDiff: number): void {
    this.n++;
    this.all += diff;
    this.totalAll += totalDiff;
    if (isTreated) {
      this.nTreated++;
      this.treated += diff;
      this.totalTreated += totalDiff;
    }
  }

  result(withTotal: boolean): EffectTruth {
    const r = (x: number) => Math.round(x * 1e6) / 1e6;
    const base = {
      ate: r(this.n ? this.all / this.n : 0),
      att: r(this.nTreated ? this.treated / this.nTreated : 0),
    };
    const total = withTotal
      ? {
          total_ate: r(this.n ? this.totalAll / this.n : 0),
          total_att: r(this.nTreated ? this.totalTreated / this.nTreated : 0),
        }
      : {};
    return { ...base, ...total, n_applications: this.n, n_treated: this.nTreated };
  }
}

/** Facts about one application that fix its treatments. */
export interface TreatmentFacts {
  readonly state: ApplicationState;
  readonly onTuesday: boolean;
  readonly inMorning: boolean;
}

type Scratch = { -readonly [K in keyof ApplicationState]: ApplicationState[K] };

/**
 * Accumulates, application by application, p(treated) - p(untreated) for every treatment:
 * the planted truth an analyst's estimate is graded against. Streams: nothing per
 * application is kept.
 */
export class EffectAccumulator {
  private readonly sums = new Map<TreatmentName, Sums>();
  /** byRole[editTypeIndex][roleIndex]. */
  private readonly byRole: Sums[][];
  private readonly model: OutcomeModel;

  constructor(private readonly settings: SimSettings) {
    this.model = outcomeModel(settings);
    this.byRole = EDIT_TYPES.map(() => ROLES.map(() => new Sums()));
    for (const name of [
      ...EDIT_TYPES,
      'tailoring_applied',
      'experiment_variant',
      ...TIMING_TREATMENTS,
    ] as const) {
      this.sums.set(name, new Sums());
    }
  }

  add(f: TreatmentFacts): void {
    const s = this.settings;
    const x = f.state;
    const m = this.model;
    // One mutable copy, flipped field by field: this runs for every application.
    const y: Scratch = { ...x };
    const roleIndex = ROLES.indexOf(x.role);
    for (let i = 0; i < EDIT_TYPES.length; i++) {
      const type = EDIT_TYPES[i];
      const bit = 1 << i;
      const treated = (x.carried & bit) !== 0;
      y.carried = x.carried | bit;
      const p1 = m.probability(y);
      y.carried = x.carried & ~bit;
      const p0 = m.probability(y);
      const inc = s.edits.types[type].scoreIncrement;
      const score1 = treated ? x.resumeScore : clip(x.resumeScore + inc, 0, 100);
      const score0 = treated ? clip(x.resumeScore - inc, 0, 100) : x.resumeScore;
      y.carried = x.carried | bit;
      y.resumeScore = score1;
      y.mode = strategyModeFor(s, score1);
      const t1 = m.probability(y);
      y.carried = x.carried & ~bit;
      y.resumeScore = score0;
      y.mode = strategyModeFor(s, score0);
      const t0 = m.probability(y);
      y.carried = x.carried;
      y.resumeScore = x.resumeScore;
      y.mode = x.mode;
      this.sum(type).add(treated, p1 - p0, t1 - t0);
      this.byRole[i][roleIndex].add(treated, p1 - p0, t1 - t0);
    }
    y.tailored = true;
    const tailored1 = m.probability(y);
    y.tailored = false;
    const tailoring = tailored1 - m.probability(y);
    y.tailored = x.tailored;
    this.sum('tailoring_applied').add(x.tailored, tailoring, tailoring);
    y.experimentTreated = true;
    const exp1 = m.probability(y);
    y.experimentTreated = false;
    const exp = exp1 - m.probability(y);
    this.sum('experiment_variant').add(x.experimentTreated, exp, exp);
    // Timing is not an argument of p: both potential outcomes are the same number.
    this.sum('submitted_on_tuesday').add(f.onTuesday, 0, 0);
    this.sum('submitted_in_morning').add(f.inMorning, 0, 0);
    this.sum('submitted_tuesday_morning').add(f.onTuesday && f.inMorning, 0, 0);
  }

  effect(name: TreatmentName): EffectTruth {
    return this.sum(name).result((EDIT_TYPES as readonly string[]).includes(name));
  }

  /** Per job role, for an edit type (the heterogeneous one above all). */
  effectByRole(type: EditType): Record<string, EffectTruth> {
    const out: Record<string, EffectTruth> = {};
    const i = EDIT_TYPES.indexOf(type);
    ROLES.forEach((role, r) => {
      if (this.byRole[i][r].n > 0) out[role] = this.byRole[i][r].result(true);
    });
    return out;
  }

  private sum(name: TreatmentName): Sums {
    return this.sums.get(name) as Sums;
  }
}
