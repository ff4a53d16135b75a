import { clip, round1 } from './rng';
import { addMonths } from './time';
import type { FitWeights, SimSettings } from './settings';
import { EDIT_TYPES, ROLES, type EditType, type Role, type StrategyMode } from './vocabulary';

/**
 * The four observed fit components, each 0-100. A type alias rather than an interface so
 * it fits the contract's loose `fit_components` object as is.
 */
export type FitComponents = {
  readonly technical: number;
  readonly seniority: number;
  readonly experience: number;
  readonly signal: number;
};

/** Everything the true interview chance of one application depends on. */
export interface ApplicationState {
  readonly components: FitComponents;
  /** Hidden skill of the applicant (standard normal). */
  readonly skill: number;
  readonly resumeScore: number;
  readonly mode: StrategyMode;
  /** Bit i set = the resume version carries EDIT_TYPES[i]. */
  readonly carried: number;
  readonly tailored: boolean;
  readonly experimentTreated: boolean;
  readonly role: Role;
  /** Submission time (ms): after a `behaviourChange` the same features mean another chance. */
  readonly submittedAt: number;
}

/** Bit of an edit type in `ApplicationState.carried`. */
export function editBit(type: EditType): number {
  return 1 << EDIT_TYPES.indexOf(type);
}

export function weightedFit(c: FitComponents, w: FitWeights): number {
  return (
    w.technical * c.technical +
    w.seniority * c.seniority +
    w.experience * c.experience +
    w.signal * c.signal
  );
}

/** The fit score the production system reports: the CURRENT weights, one decimal. */
export function reportedFitScore(settings: SimSettings, c: FitComponents): number {
  return round1(weightedFit(c, settings.fit.currentWeights));
}

/** The strategy engine's rule: a pure function of the resume score (a sharp threshold). */
export function strategyModeFor(settings: SimSettings, resumeScore: number): StrategyMode {
  const s = settings.strategy;
  if (resumeScore < s.improveThreshold) return 'IMPROVE_RESUME_FIRST';
  if (resumeScore >= s.aggressiveThreshold) return 'APPLY_AGGRESSIVELY';
  return 'BALANCED';
}

/** Effect of one edit type for a job of this role (0 outside `onlyRoles`). */
export function editEffect(settings: SimSettings, type: EditType, role: Role): number {
  const e = settings.edits.types[type];
  if (e.onlyRoles && !e.onlyRoles.includes(role)) return 0;
  return e.effect;
}

/**
 * The true probability of an interview: additive in probability points, then clipped.
 *
 *   p = clip(base + scale*(trueFit - center)/40 + skillEffect*skill
 *            + scoreSlope*(resumeScore - threshold) + modeJump*[mode != IMPROVE_RESUME_FIRST]
 *            + sum of carried edit effects + tailoring + experiment, min, max)
 *
 * After a `behaviourChange` (submitted at or after its date) base_rate moves by its size, or
 * the true-fit term is multiplied by it. Weekday and hour of submission do not appear: their
 * true effect is zero. The edit
 * effects are tabulated once per settings object because this runs ~20 times per
 * application (every counterfactual of every treatment).
 */
export class OutcomeModel {
  /** effects[carriedMask][roleIndex]: summed edit effects, precomputed. */
  private readonly editSums: Float64Array[];
  /** When the behaviour change takes effect (ms); Infinity without one. */
  readonly changeAt: number;

  constructor(private readonly settings: SimSettings) {
    const change = settings.behaviourChange;
    this.changeAt =
      change === undefined ? Infinity : addMonths(Date.parse(settings.startDate), change.atMonth);
    const masks = 1 << EDIT_TYPES.length;
    this.editSums = [];
    for (let mask = 0; mask < masks; mask++) {
      const row = new Float64Array(ROLES.length);
      ROLES.forEach((role, r) => {
        EDIT_TYPES.forEach((type, i) => {
          if (mask & (1 << i)) row[r] += editEffect(settings, type, role);
        });
      });
      this.editSums.push(row);
    }
  }

  probability(x: ApplicationState): number {
    const s = this.settings;
    const o = s.outcome;
    const changed = x.submittedAt >= this.changeAt;
    const kind = changed ? s.behaviourChange?.kind : undefined;
    const size = s.behaviourChange?.size ?? 0;
    const fitTerm =
      (s.fit.scale * (weightedFit(x.components, s.fit.trueWeights) - s.fit.center)) / 40;
    const p =
      o.baseRate +
      (kind === 'base_rate' ? size : 0) +
      (kind === 'fit_effect' ? size * fitTerm : fitTerm) +
      o.skillEffect * x.skill +
      o.scoreSlope * (x.resumeScore - s.strategy.improveThreshold) +
      (x.mode === 'IMPROVE_RESUME_FIRST' ? 0 : o.modeJump) +
      this.editSums[x.carried][ROLES.indexOf(x.role)] +
      (x.tailored ? o.tailoringEffect : 0) +
      (x.experimentTreated ? s.experiment.effect : 0);
    return clip(p, o.minProbability, o.maxProbability);
  }
}

const models = new WeakMap<SimSettings, OutcomeModel>();

/** The outcome model of a (frozen) settings object, built once. */
export function outcomeModel(settings: SimSettings): OutcomeModel {
  let model = models.get(settings);
  if (!model) models.set(settings, (model = new OutcomeModel(settings)));
  return model;
}

/** The true interview probability of one application (see `OutcomeModel`). */
export function interviewProbability(settings: SimSettings, x: ApplicationState): number {
  return outcomeModel(settings).probability(x);
}
