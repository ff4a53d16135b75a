import type { BadEventTruth } from './bad-events';
import { outcomeModel } from './outcome-model';
import type { EffectAccumulator, EffectTruth, TreatmentName } from './effects';
import type { UserJourney } from './journey';
import type { Market } from './market';
import type { FitWeights, SimSettings } from './settings';
import { iso } from './time';
import { EDIT_TYPES, type EditType, type Role } from './vocabulary';

/** A treatment's planted truth: what it means in the log, and its exact effects. */
export interface TreatmentTruth extends EffectTruth {
  /** How to compute the treatment indicator of an application from the event log. */
  readonly definition: string;
  /** The effect put into the simulator (probability points, 0.06 = +6pp). */
  readonly planted_effect: number;
  /** Who takes the treatment, i.e. what an analyst must adjust for. */
  readonly assignment: string;
  readonly only_roles?: readonly Role[];
  readonly by_role?: Readonly<Record<string, EffectTruth>>;
}

export interface InstrumentTruth {
  readonly definition: string;
  readonly users_suggested: number;
  readonly users_not_suggested: number;
  /** Share of users carrying the edit type at the end, by suggestion status (first stage). */
  readonly take_up_if_suggested: number;
  readonly take_up_if_not_suggested: number;
}

export interface HiddenUserTruth {
  readonly skill: number;
  readonly organisation: number;
  readonly tuesday_affinity: number;
  readonly suggestions_shown: readonly EditType[];
  readonly suggestions_accepted: readonly EditType[];
  readonly edit_types_at_end: readonly EditType[];
  readonly deletion_requested: boolean;
}

/** Everything planted in a simulated world, written to truth.json beside the events. */
export interface SimTruth {
  readonly format: 'hirelearn-sim-truth/v1';
  readonly seed: number;
  readonly window: { readonly start: string; readonly end: string; readonly days: number };
  readonly counts: {
    readonly users: number;
    readonly applications: number;
    readonly lines: number;
    readonly valid_events: number;
    readonly duplicate_lines: number;
    readonly bad_lines: number;
  };
  readonly estimand: string;
  readonly outcome_model: {
    readonly formula: string;
    readonly base_rate: number;
    readonly skill_effect_per_sd: number;
    readonly score_slope_per_point: number;
    readonly probability_clip: readonly [number, number];
    readonly timing_effect: 0;
  };
  readonly fit_weights: {
    readonly current: FitWeights;
    readonly true: FitWeights;
    readonly scale: number;
    readonly center: number;
    readonly note: string;
  };
  readonly treatments: Readonly<Record<TreatmentName, TreatmentTruth>>;
  readonly instruments: Readonly<Record<EditType, InstrumentTruth>>;
  readonly regression_discontinuity: {
    readonly running_variable: string;
    readonly cutoff: number;
    readonly treatment: string;
    readonly jump: number;
    readonly rule: string;
    readonly placebo_cutoffs: readonly { readonly cutoff: number; readonly jump: number }[];
  };
  readonly experiment: {
    readonly experiment_id: string;
    readonly variants: readonly string[];
    readonly treatment_variant: string;
    readonly assignment: string;
  };
  readonly market: {
    readonly seasonality: {
      readonly formula: string;
      readonly amplitude: number;
      readonly peak_day_of_year: number;
    };
    readonly change_point: {
      readonly role: Role;
      readonly at: string;
      readonly multiplier: number;
    };
    readonly effect_on_interviews: string;
  };
  /** Present only when the settings plant a behaviour change (concept drift). */
  readonly behaviour_change?: {
    readonly kind: 'base_rate' | 'fit_effect';
    readonly at: string;
    readonly size: number;
    readonly rule: string;
  };
  readonly privacy: {
    readonly opted_out: readonly { readonly user_id: string; readonly scope: string }[];
    readonly deletion_requested: readonly string[];
    readonly protected_attributes: string;
    readonly contact_info_in_resume: readonly string[];
  };
  readonly mess: {
    readonly shuffle_window: number;
    readonly duplicates: { readonly count: number; readonly event_ids: readonly string[] };
    readonly bad: readonly BadEventTruth[];
  };
  readonly hidden_users: Readonly<Record<string, HiddenUserTruth>>;
  readonly settings: SimSettings;
}

const EDIT_DEFINITION = (t: string) =>
  `the resume version named by APPLICATION_SUBMITTED.resume_version_id carries '${t}': some RESUME_REWRITTEN of the same user at or before that version lists it in edit_types (edits accumulate; versions are linear per user)`;

const EDIT_ASSIGNMENT: Record<EditType, string> = {
  added_metrics_to_bullets:
    'taken somewhat more by organised users (observed through tailoring and resume score); randomized suggestions raise take-up',
  added_keywords:
    'taken at random when a user edits (edits are more frequent in IMPROVE_RESUME_FIRST mode and for organised users)',
  added_certifications:
    'taken at random when a user edits; the effect is heterogeneous by the job role',
  reorganized_sections:
    'NULL effect, but taken far more by organised and higher-skill users: a naive comparison shows a false gain',
  strengthened_action_verbs:
    'confounded by hidden skill (unobserved, raises interview chances directly); only the randomized suggestion (instrument) recovers it',
};

function behaviourChangeTruth(s: SimSettings): NonNullable<SimTruth['behaviour_change']> {
  const { kind, size } = s.behaviourChange!;
  return {
    kind,
    at: iso(outcomeModel(s).changeAt),
    size,
    rule:
      kind === 'base_rate'
        ? `applications submitted at or after 'at': p = clip(formula + ${size}, min, max)`
        : `applications submitted at or after 'at': the fit term fit.scale*(true_fit - fit.center)/40 is multiplied by ${size}`,
  };
}

interface TruthInputs {
  readonly settings: SimSettings;
  readonly days: number;
  readonly effects: EffectAccumulator;
  readonly journeys: readonly UserJourney[];
  readonly market: Market;
  readonly counts: SimTruth['counts'];
  readonly duplicates: readonly string[];
  readonly bad: readonly BadEventTruth[];
}

function instrument(journeys: readonly UserJourney[], type: EditType): InstrumentTruth {
  let yes = 0;
  let no = 0;
  let takeYes = 0;
  let takeNo = 0;
  for (const j of journeys) {
    if (j.user.deletionAt !== null) continue;
    const took = j.carriedTypes.includes(type);
    if (j.shownSuggestions.includes(type)) {
      yes++;
      if (took) takeYes++;
    } else {
      no++;
      if (took) takeNo++;
    }
  }
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    definition: `the user has a SUGGESTION_ACCEPTED, SUGGESTION_EDITED or SUGGESTION_REJECTED with edit_type '${type}' (shown at random, independent of every trait); RESUME_REWRITTEN made from it has suggested_by_system=true`,
    users_suggested: yes,
    users_not_suggested: no,
    take_up_if_suggested: r(yes ? takeYes / yes : 0),
    take_up_if_not_suggested: r(no ? takeNo / no : 0),
  };
}

/** Assembles truth.json from what the run accumulated. */
export function buildTruth(x: TruthInputs): SimTruth {
  const s = x.settings;
  const e = x.effects;
  const treatments = {} as Record<TreatmentName, TreatmentTruth>;
  for (const type of EDIT_TYPES) {
    const cfg = s.edits.types[type];
    treatments[type] = {
      definition: EDIT_DEFINITION(type),
      planted_effect: cfg.effect,
      assignment: EDIT_ASSIGNMENT[type],
      ...(cfg.onlyRoles ? { only_roles: cfg.onlyRoles } : {}),
      ...e.effect(type),
      by_role: e.effectByRole(type),
    };
  }
  treatments.tailoring_applied = {
    definition: 'APPLICATION_SUBMITTED.context.tailoring_applied is true',
    planted_effect: s.outcome.tailoringEffect,
    assignment:
      'more likely for organised users (hidden), who also favour Tuesday mornings and have better resumes',
    ...e.effect('tailoring_applied'),
  };
  treatments.experiment_variant = {
    definition: `the user's EXPERIMENT_EXPOSURE for '${s.experiment.id}' has variant_id '${s.experiment.variants[1]}'`,
    planted_effect: s.experiment.effect,
    assignment: `randomized per user at signup (share ${s.experiment.treatmentShare})`,
    ...e.effect('experiment_variant'),
  };
  treatments.submitted_on_tuesday = {
    definition: 'APPLICATION_SUBMITTED.timestamp falls on a Tuesday (UTC)',
    planted_effect: 0,
    assignment:
      "NULL effect: the 'apply on Tuesdays' trap; organised users (who tailor more and have better resumes) favour Tuesday mornings",
    ...e.effect('submitted_on_tuesday'),
  };
  treatments.submitted_in_morning = {
    definition: 'APPLICATION_SUBMITTED.timestamp hour (UTC) is in [06:00, 12:00)',
    planted_effect: 0,
    assignment: 'NULL effect: organised users favour mornings',
    ...e.effect('submitted_in_morning'),
  };
  treatments.submitted_tuesday_morning = {
    definition: 'both of the above: a Tuesday, between 06:00 and 12:00 UTC',
    planted_effect: 0,
    assignment: 'NULL effect: the sharpest form of the trap; organised users concentrate here',
    ...e.effect('submitted_tuesday_morning'),
  };

  const instruments = {} as Record<EditType, InstrumentTruth>;
  for (const type of EDIT_TYPES) instruments[type] = instrument(x.journeys, type);

  const hidden: Record<string, HiddenUserTruth> = {};
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  for (const j of x.journeys) {
    const u = j.user;
    hidden[u.id] = {
      skill: r3(u.skill),
      organisation: r3(u.organisation),
      tuesday_affinity: r3(u.tuesdayAffinity),
      suggestions_shown: [...j.shownSuggestions],
      suggestions_accepted: [...j.acceptedSuggestions],
      edit_types_at_end: j.carriedTypes,
      deletion_requested: u.deletionAt !== null,
    };
  }
  const users = x.journeys.map((j) => j.user);
  const st = s.strategy;
  return {
    format: 'hirelearn-sim-truth/v1',
    seed: s.seed,
    window: { start: s.startDate, end: s.endDate, days: x.days },
    counts: x.counts,
    estimand:
      "ate = mean over applications of p(treated) - p(untreated); att = the same over treated applications; p is the true interview probability of the application with everything else as observed (resume score, strategy mode, job, fit components, hidden skill). For edits, total_ate/total_att also move the resume score by the edit type's score increment (and the mode with it). Applications of users who requested deletion are excluded.",
    outcome_model: {
      formula:
        'p = clip(base_rate + fit.scale*(true_fit - fit.center)/40 + skill_effect*skill + score_slope*(resume_score - cutoff) + jump*[strategy_mode != IMPROVE_RESUME_FIRST] + sum(edit effects carried) + tailoring + experiment, min, max); true_fit = sum(true weight * fit component)',
      base_rate: s.outcome.baseRate,
      skill_effect_per_sd: s.outcome.skillEffect,
      score_slope_per_point: s.outcome.scoreSlope,
      probability_clip: [s.outcome.minProbability, s.outcome.maxProbability],
      timing_effect: 0,
    },
    fit_weights: {
      current: s.fit.currentWeights,
      true: s.fit.trueWeights,
      scale: s.fit.scale,
      center: s.fit.center,
      note: 'context.fit_score uses the current weights; the interview chance follows the true ones (components are context.fit_components)',
    },
    treatments,
    instruments,
    regression_discontinuity: {
      running_variable: 'APPLICATION_SUBMITTED.context.resume_score',
      cutoff: st.improveThreshold,
      treatment: "context.strategy_mode != 'IMPROVE_RESUME_FIRST'",
      jump: s.outcome.modeJump,
      rule: `IMPROVE_RESUME_FIRST if resume_score < ${st.improveThreshold}; APPLY_AGGRESSIVELY if >= ${st.aggressiveThreshold}; else BALANCED (every MODE_CHANGED and every application follows it)`,
      placebo_cutoffs: [{ cutoff: st.aggressiveThreshold, jump: 0 }],
    },
    experiment: {
      experiment_id: s.experiment.id,
      variants: s.experiment.variants,
      treatment_variant: s.experiment.variants[1],
      assignment: 'randomized per user at signup; exposure logged at signup',
    },
    market: {
      seasonality: {
        formula:
          'postings per day = base * role share * (1 + amplitude*cos(2*pi*(day_of_year - peak)/365.25)) * change point',
        amplitude: s.market.seasonality.amplitude,
        peak_day_of_year: s.market.seasonality.peakDayOfYear,
      },
      change_point: {
        role: s.market.changePoint.role,
        at: iso(x.market.changePointAt),
        multiplier: s.market.changePoint.multiplier,
      },
      effect_on_interviews: 'none: demand changes the number of postings, not the interview chance',
    },
    ...(s.behaviourChange && { behaviour_change: behaviourChangeTruth(s) }),
    privacy: {
      opted_out: users
        .filter((u) => u.optOut !== null && (u.deletionAt === null || u.optOut.at < u.deletionAt))
        .map((u) => ({ user_id: u.id, scope: u.optOut?.scope ?? 'all' })),
      deletion_requested: users.filter((u) => u.deletionAt !== null).map((u) => u.id),
      protected_attributes:
        'gender and age_band for a share of users, drawn from a stream of their own: independent of every trait and outcome (no disparity is planted)',
      contact_info_in_resume: users.filter((u) => u.contactInText).map((u) => u.id),
    },
    mess: {
      shuffle_window: s.mess.shuffleWindow,
      duplicates: { count: x.duplicates.length, event_ids: x.duplicates },
      bad: x.bad,
    },
    hidden_users: hidden,
    settings: s,
  };
}
