import { DEFAULT_K_ANONYMITY } from '@hirelearn/safeguards';

/** The resume features the DNA is made of, each in [0, 1], more being better. */
export const RESUME_FEATURES = [
  'metric_share',
  'action_verb_share',
  'keyword_coverage',
  'has_certifications',
  'one_page',
] as const;
export type ResumeFeature = (typeof RESUME_FEATURES)[number];

/** Settings of the resume DNA (spec 4.5.2); the spec's thresholds are the defaults. */
export interface ResumeDnaSettings {
  /** No role's library (nor any pattern in it) is shown from fewer distinct users. */
  readonly k: number;
  /** A successful user: at least this many applications, ... */
  readonly min_applications: number;
  /** ... at least this interview rate, ... */
  readonly min_interview_rate: number;
  /** ... and at least this many offers. */
  readonly min_offers: number;
  /** DBSCAN radius, as a root-mean-square difference per feature (features are in [0, 1]). */
  readonly eps: number;
  /** DBSCAN: points within eps (the point included) that make a core point. */
  readonly min_points: number;
  /** A feature is a gap when the role's patterns hold at least this much more of it than the user. */
  readonly gap_min_difference: number;
  /** Below this attributed gain in P(interview), an unproven edit counts as useless. */
  readonly min_useful_effect: number;
  /** Openings that weak bullets start with (lower case); the rest count as action verbs. */
  readonly weak_openings: readonly string[];
  /** How many of a role's most demanded skills keyword coverage is measured against. */
  readonly role_skills_top: number;
  /** The edit that adds each feature: what a gap suggests and whose attribution gates it. */
  readonly feature_edits: Readonly<Record<ResumeFeature, string>>;
}

export const DEFAULT_RESUME_DNA_SETTINGS: ResumeDnaSettings = Object.freeze({
  k: DEFAULT_K_ANONYMITY,
  min_applications: 30,
  min_interview_rate: 0.15,
  min_offers: 1,
  eps: 0.3,
  min_points: 10,
  gap_min_difference: 0.15,
  min_useful_effect: 0.01,
  weak_openings: Object.freeze([
    'worked on',
    'helped with',
    'helped',
    'responsible for',
    'involved in',
    'assisted with',
    'participated in',
  ]),
  role_skills_top: 20,
  feature_edits: Object.freeze({
    metric_share: 'added_metrics_to_bullets',
    action_verb_share: 'strengthened_action_verbs',
    keyword_coverage: 'added_keywords',
    has_certifications: 'added_certifications',
    one_page: 'reorganized_sections',
  }),
});

/** Defaults with some settings replaced; checked and frozen. */
export function resumeDnaSettings(overrides: Partial<ResumeDnaSettings> = {}): ResumeDnaSettings {
  const s = { ...DEFAULT_RESUME_DNA_SETTINGS, ...overrides };
  if (!Number.isInteger(s.k) || s.k < 1) throw new RangeError('k must be an integer >= 1');
  if (!Number.isInteger(s.min_points) || s.min_points < 1)
    throw new RangeError('min_points must be an integer >= 1');
  if (!(s.eps > 0)) throw new RangeError('eps must be > 0');
  if (!(s.min_interview_rate >= 0 && s.min_interview_rate <= 1))
    throw new RangeError('min_interview_rate must be in [0, 1]');
  return Object.freeze(s);
}
