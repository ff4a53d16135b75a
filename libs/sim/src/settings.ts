import type { EditType, Role, StrategyMode } from './vocabulary';

/** Weights of the four fit components; they sum to 1. */
export interface FitWeights {
  readonly technical: number;
  readonly seniority: number;
  readonly experience: number;
  readonly signal: number;
}

/** A planted effect of a resume edit type, in probability points (0.06 = +6pp). */
export interface EditEffect {
  /** Effect on P(interview) when the job's role is not listed in `onlyRoles` (or always). */
  readonly effect: number;
  /** If set, the effect applies only to applications to jobs of these roles; 0 otherwise. */
  readonly onlyRoles?: readonly Role[];
  /** Points the edit adds to the resume score (the scorer's view, not the hiring market's). */
  readonly scoreIncrement: number;
  /** Log-multiplier of this type's daily edit hazard: base + a*organisation + b*skill. */
  readonly propensity: {
    readonly base: number;
    readonly organisation: number;
    readonly skill: number;
  };
}

/**
 * A change of the hiring market's behaviour part-way through the window (concept drift):
 * from `atMonth` months after the start, applications submitted get a different interview
 * chance for the same features. `base_rate` adds `size` to every probability (before the
 * clip): the market loosens (> 0) or tightens (< 0). `fit_effect` multiplies the true-fit
 * term by `size`: 0 removes it, -1 reverses it (the features a model learned stop meaning
 * what they meant).
 */
export interface BehaviourChange {
  readonly atMonth: number;
  readonly kind: 'base_rate' | 'fit_effect';
  readonly size: number;
}

/**
 * Every parameter of the simulated world in one typed, frozen object, so tests can vary any
 * of them. Probabilities are on [0, 1]; effects are additive on the interview probability.
 */
export interface SimSettings {
  readonly seed: number;
  readonly users: number;
  readonly months: number;
  /** First instant of the world (ISO, UTC). Defaults to `months` before `endDate`. */
  readonly startDate: string;
  /** Nothing happens at or after this instant; fixed, never the wall clock. */
  readonly endDate: string;
  /** Invalid events planted per kind of invalidity (0 = a clean file). */
  readonly bad: number;
  readonly mess: {
    /** Lines are released from a window of this size in random order (local disorder). */
    readonly shuffleWindow: number;
    /** Share of lines written a second time, verbatim. */
    readonly duplicateRate: number;
  };
  readonly population: {
    /** Users sign up uniformly over this first share of the horizon. */
    readonly signupSpan: number;
    /** Correlation of the hidden organisation trait with hidden skill. */
    readonly organisationSkillCorrelation: number;
    readonly secondRoleRate: number;
    readonly remoteRate: number;
    readonly protectedAttributesRate: number;
    readonly consentRate: number;
    readonly profileUpdateRate: number;
    readonly optOutRate: number;
    readonly deletionRate: number;
    /** Deletion requests fall in this last share of the horizon. */
    readonly deletionWindow: number;
    /** Share of resumes with an e-mail address and phone number in the summary text. */
    readonly contactInTextRate: number;
    /**
     * How strongly the hidden traits show in the first resume's style: multiplies the slope of
     * the share of bullets opening with a strong verb on skill (1.0) and of the share stating
     * a number on organisation (0.8). Absent means 1, the default world (and stays absent from
     * truth.json, so default worlds are byte-identical to those made before it existed); 0
     * makes the style uninformative, larger values let day-one data tell more about a user's
     * interview rate (the cold-start bench scores a world with 3 beside the default).
     */
    readonly dayOneSignal?: number;
  };
  readonly market: {
    readonly companies: number;
    readonly jobsPerUserPerMonth: number;
    readonly minJobsPerDay: number;
    readonly roleShares: Readonly<Record<Role, number>>;
    /** Yearly seasonality of postings: 1 + amplitude * cos(2 pi (dayOfYear - peak) / 365.25). */
    readonly seasonality: { readonly amplitude: number; readonly peakDayOfYear: number };
    /** One role's demand is multiplied by `multiplier` from `atMonth` months after the start (default: half the window). */
    readonly changePoint: {
      readonly role: Role;
      readonly atMonth: number;
      readonly multiplier: number;
    };
    /** Users pick among jobs posted in the last this many days. */
    readonly jobWindowDays: number;
    readonly fundingRoundDailyRate: number;
  };
  readonly strategy: {
    /** resume_score below this: IMPROVE_RESUME_FIRST. The regression-discontinuity cutoff. */
    readonly improveThreshold: number;
    /** resume_score at or above this: APPLY_AGGRESSIVELY (no planted jump here: a placebo). */
    readonly aggressiveThreshold: number;
    /** Mean applications per active day by mode (times the user's hidden activity level). */
    readonly dailyApplyRate: Readonly<Record<StrategyMode, number>>;
    /** Daily hazard of spontaneously making each edit type not yet carried, by mode. */
    readonly dailyEditRate: Readonly<Record<StrategyMode, number>>;
  };
  readonly fit: {
    /** Weights the production fit score uses (what `context.fit_score` is made of). */
    readonly currentWeights: FitWeights;
    /** Weights the hiring market really rewards. */
    readonly trueWeights: FitWeights;
    /** Effect of the true fit: scale * (trueFit - center) / 40. */
    readonly scale: number;
    readonly center: number;
  };
  readonly outcome: {
    readonly baseRate: number;
    /** Per standard deviation of hidden skill: the unobserved confounder. */
    readonly skillEffect: number;
    /** Per resume-score point, measured from the improve threshold. */
    readonly scoreSlope: number;
    /** Jump when the mode is not IMPROVE_RESUME_FIRST (score >= improveThreshold). */
    readonly modeJump: number;
    readonly tailoringEffect: number;
    readonly minProbability: number;
    readonly maxProbability: number;
    readonly offerRate: number;
    readonly rejectionRate: number;
    readonly ghostAfterInterviewRate: number;
  };
  readonly edits: {
    readonly types: Readonly<Record<EditType, EditEffect>>;
    readonly scoreNoise: number;
  };
  readonly suggestions: {
    /** Each user is assigned a suggestion of each edit type with this probability. */
    readonly assignmentRate: number;
    /** Suggestions are shown within this many days of signup. */
    readonly withinDays: number;
    readonly acceptRate: number;
    /** Share of accepted suggestions the user edits first (SUGGESTION_EDITED). */
    readonly editedRate: number;
  };
  readonly behaviour: {
    /** Tailoring propensity: sigmoid(base + organisation * x). */
    readonly tailoring: { readonly base: number; readonly organisation: number };
    /** Tuesday-morning affinity: sigmoid(base + organisation * x). */
    readonly tuesdayAffinity: { readonly base: number; readonly organisation: number };
    /** Tuesday activity is multiplied by 1 + tuesdayBoost * affinity (then renormalised). */
    readonly tuesdayBoost: number;
    readonly weekendActivity: number;
    readonly editOrganisation: number;
  };
  readonly experiment: {
    readonly id: string;
    readonly variants: readonly [string, string];
    readonly treatmentShare: number;
    /** Planted effect of the second variant on P(interview). */
    readonly effect: number;
  };
  /**
   * Absent by default, and then absent from truth.json too, so a world without a change is
   * byte-identical to the worlds made before the setting existed.
   */
  readonly behaviourChange?: BehaviourChange;
}

/** A partial settings object for overrides; nested objects merge, arrays replace. */
export type SimSettingsOverrides = DeepPartial<SimSettings>;
type DeepPartial<T> = {
  -readonly [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? DeepPartial<T[K]>
      : T[K];
};

const DEFAULT_END = '2026-01-01T00:00:00Z';

const BASE: Omit<SimSettings, 'startDate'> = {
  seed: 42,
  users: 300,
  months: 12,
  endDate: DEFAULT_END,
  bad: 0,
  mess: { shuffleWindow: 48, duplicateRate: 0.01 },
  population: {
    signupSpan: 0.5,
    organisationSkillCorrelation: 0.5,
    secondRoleRate: 0.2,
    remoteRate: 0.3,
    protectedAttributesRate: 0.6,
    consentRate: 0.9,
    profileUpdateRate: 0.2,
    optOutRate: 0.05,
    deletionRate: 0.02,
    deletionWindow: 0.1,
    contactInTextRate: 0.04,
  },
  market: {
    companies: 120,
    jobsPerUserPerMonth: 1,
    minJobsPerDay: 24,
    roleShares: {
      'Software Engineer': 0.24,
      'Data Scientist': 0.12,
      'Data Engineer': 0.12,
      'Product Manager': 0.12,
      'Product Designer': 0.1,
      'DevOps Engineer': 0.1,
      'Security Engineer': 0.08,
      'Marketing Manager': 0.12,
    },
    seasonality: { amplitude: 0.25, peakDayOfYear: 20 },
    changePoint: { role: 'Data Scientist', atMonth: 6, multiplier: 0.5 },
    jobWindowDays: 30,
    fundingRoundDailyRate: 0.003,
  },
  strategy: {
    improveThreshold: 60,
    aggressiveThreshold: 80,
    dailyApplyRate: { IMPROVE_RESUME_FIRST: 0.12, BALANCED: 0.3, APPLY_AGGRESSIVELY: 0.5 },
    dailyEditRate: { IMPROVE_RESUME_FIRST: 0.005, BALANCED: 0.0015, APPLY_AGGRESSIVELY: 0.0008 },
  },
  fit: {
    currentWeights: { technical: 0.4, seniority: 0.2, experience: 0.2, signal: 0.2 },
    trueWeights: { technical: 0.25, seniority: 0.15, experience: 0.3, signal: 0.3 },
    scale: 0.12,
    center: 60,
  },
  outcome: {
    baseRate: 0.02,
    skillEffect: 0.04,
    scoreSlope: 0.002,
    modeJump: 0.05,
    tailoringEffect: 0.05,
    minProbability: 0.01,
    maxProbability: 0.85,
    offerRate: 0.3,
    rejectionRate: 0.45,
    ghostAfterInterviewRate: 0.15,
  },
  edits: {
    types: {
      added_metrics_to_bullets: {
        effect: 0.06,
        scoreIncrement: 5,
        propensity: { base: 0, organisation: 0.3, skill: 0 },
      },
      added_keywords: {
        effect: 0.04,
        scoreIncrement: 4,
        propensity: { base: 0, organisation: 0, skill: 0 },
      },
      added_certifications: {
        effect: 0.08,
        onlyRoles: ['Data Engineer', 'DevOps Engineer', 'Security Engineer'],
        scoreIncrement: 3,
        propensity: { base: -0.3, organisation: 0, skill: 0 },
      },
      reorganized_sections: {
        effect: 0,
        scoreIncrement: 0,
        propensity: { base: -1.2, organisation: 1.4, skill: 0.5 },
      },
      strengthened_action_verbs: {
        effect: 0.03,
        scoreIncrement: 3,
        propensity: { base: -1.1, organisation: 0, skill: 1.5 },
      },
    },
    scoreNoise: 1.5,
  },
  suggestions: { assignmentRate: 0.4, withinDays: 45, acceptRate: 0.65, editedRate: 0.2 },
  behaviour: {
    tailoring: { base: -0.2, organisation: 2 },
    tuesdayAffinity: { base: -1, organisation: 1.8 },
    tuesdayBoost: 5,
    weekendActivity: 0.35,
    editOrganisation: 0.4,
  },
  experiment: {
    id: 'exp-cover-letter-assist',
    variants: ['control', 'assist'],
    treatmentShare: 0.5,
    effect: 0.02,
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** `months` calendar months before `end` (UTC), as an ISO string without milliseconds. */
function monthsBefore(end: string, months: number): string {
  const d = new Date(end);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().replace('.000Z', 'Z');
}

/**
 * The default world with `overrides` merged in, checked and deep-frozen. Without an explicit
 * `startDate` the world ends at the fixed `endDate` (2026-01-01T00:00:00Z), so every
 * timestamp lies in the past whatever `months` is; `startDate` alone moves the window.
 */
export function defaultSimSettings(overrides: SimSettingsOverrides = {}): SimSettings {
  const merged = merge(BASE, overrides) as Omit<SimSettings, 'startDate'> & { startDate?: string };
  let { startDate, endDate } = merged;
  if (startDate !== undefined && overrides.endDate === undefined) {
    const end = new Date(startDate);
    end.setUTCMonth(end.getUTCMonth() + merged.months);
    endDate = end.toISOString().replace('.000Z', 'Z');
  }
  startDate ??= monthsBefore(endDate, merged.months);
  // The change point sits halfway through the window unless placed explicitly.
  const atMonth =
    overrides.market?.changePoint?.atMonth ?? Math.max(1, Math.floor(merged.months / 2));
  const market = { ...merged.market, changePoint: { ...merged.market.changePoint, atMonth } };
  const settings: SimSettings = { ...merged, market, startDate, endDate };
  checkSettings(settings);
  return deepFreeze(settings);
}

function checkSettings(s: SimSettings): void {
  const problems: string[] = [];
  if (!Number.isInteger(s.seed)) problems.push(`seed must be an integer (got ${s.seed})`);
  if (!Number.isInteger(s.users) || s.users < 1)
    problems.push(`users must be >= 1 (got ${s.users})`);
  if (!Number.isInteger(s.months) || s.months < 1)
    problems.push(`months must be >= 1 (got ${s.months})`);
  if (!Number.isInteger(s.bad) || s.bad < 0) problems.push(`bad must be >= 0 (got ${s.bad})`);
  if (Number.isNaN(Date.parse(s.startDate)))
    problems.push(`startDate is not a date (${s.startDate})`);
  if (!(Date.parse(s.endDate) > Date.parse(s.startDate)))
    problems.push('endDate must follow startDate');
  for (const [name, w] of [
    ['currentWeights', s.fit.currentWeights],
    ['trueWeights', s.fit.trueWeights],
  ] as const) {
    const sum = w.technical + w.seniority + w.experience + w.signal;
    if (Math.abs(sum - 1) > 1e-9) problems.push(`fit.${name} must sum to 1 (got ${sum})`);
  }
  const signal = s.population.dayOneSignal;
  if (signal !== undefined && !(Number.isFinite(signal) && signal >= 0))
    problems.push(`population.dayOneSignal must be a finite number >= 0 (got ${signal})`);
  const change = s.behaviourChange;
  if (change !== undefined) {
    if (!Number.isInteger(change.atMonth) || change.atMonth < 1 || change.atMonth >= s.months)
      problems.push(
        `behaviourChange.atMonth must be an integer in [1, months) (got ${change.atMonth})`,
      );
    if (change.kind !== 'base_rate' && change.kind !== 'fit_effect')
      problems.push(`behaviourChange.kind must be base_rate or fit_effect (got ${change.kind})`);
    if (!Number.isFinite(change.size))
      problems.push(`behaviourChange.size must be a finite number (got ${change.size})`);
  }
  if (problems.length > 0)
    throw new RangeError(`invalid simulator settings: ${problems.join('; ')}`);
}
