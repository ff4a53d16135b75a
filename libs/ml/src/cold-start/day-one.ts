import { EDUCATION_LEVELS, SENIORITY_LEVELS, type EventOf } from '@hirelearn/contract';

/** The `profile` of a USER_PROFILE_UPDATED event (fields may be missing on day one). */
export type DayOneProfile = Partial<EventOf<'USER_PROFILE_UPDATED'>['profile']>;
/** The `resume` of the user's first RESUME_SNAPSHOT (fields may be missing). */
export type DayOneResume = Partial<EventOf<'RESUME_SNAPSHOT'>['resume']>;
/** The event's `consent` (personalization false: segment-level figures only). */
export type DayOneConsent = EventOf<'USER_PROFILE_UPDATED'>['consent'];

/** The day-one fields a USER_PROFILE_UPDATED `profile` carries, as the contract names them. */
export const DAY_ONE_PROFILE_FIELDS = Object.freeze([
  'years_experience',
  'seniority',
  'education_level',
  'target_roles',
  'industries',
  'work_arrangement_preference',
  'salary_target',
] as const);

/**
 * The fields known about a user on day one, each one an onboarding question when unknown:
 * the profile's, then those read off the first resume snapshot.
 */
export const DAY_ONE_FIELDS = Object.freeze([
  ...DAY_ONE_PROFILE_FIELDS,
  'skills_count',
  'roles_count',
  'bullets_count',
  'bullet_metric_share',
  'action_verb_share',
  'certifications_count',
  'degree_count',
  'page_count',
] as const);
export type DayOneField = (typeof DAY_ONE_FIELDS)[number];

/** The question onboarding asks for each field. */
export const DAY_ONE_QUESTIONS: Readonly<Record<DayOneField, string>> = Object.freeze({
  years_experience: 'How many years of professional experience do you have?',
  seniority: 'What is your current seniority level?',
  education_level: 'What is your highest level of education?',
  target_roles: 'Which roles are you targeting?',
  industries: 'Which industries are you interested in?',
  work_arrangement_preference: 'Do you prefer remote, hybrid or onsite work?',
  salary_target: 'What salary are you targeting?',
  skills_count: 'How many skills does your resume list?',
  roles_count: 'How many past roles does your resume list?',
  bullets_count: 'How many bullet points does your resume have in total?',
  bullet_metric_share:
    'About what share of your resume bullets state a number (a metric, a %, money)?',
  action_verb_share:
    'About what share of your resume bullets open with an action verb (Led, Built, Shipped)?',
  certifications_count: 'How many certifications do you hold?',
  degree_count: 'How many degrees does your resume list?',
  page_count: 'How many pages is your resume?',
});

const WORK_ARRANGEMENTS = ['remote', 'hybrid', 'onsite'] as const;

/**
 * What is known about a new user on day one: every field null when unknown. Lists are
 * lower-cased and trimmed so that "Data Engineer" and "data engineer " are one value.
 */
export interface DayOneFeatures {
  readonly years_experience: number | null;
  readonly seniority: string | null;
  readonly education_level: string | null;
  readonly target_roles: readonly string[] | null;
  readonly industries: readonly string[] | null;
  readonly work_arrangement_preference: string | null;
  readonly salary_target: number | null;
  readonly skills_count: number | null;
  readonly roles_count: number | null;
  readonly bullets_count: number | null;
  /** Share of bullets stating a number (0-1); null without bullets. */
  readonly bullet_metric_share: number | null;
  /** Share of bullets opening with an action verb (0-1); null without bullets. */
  readonly action_verb_share: number | null;
  readonly certifications_count: number | null;
  readonly degree_count: number | null;
  readonly page_count: number | null;
  /** false when the user withheld personalization: insights from the segment only. */
  readonly personalization: boolean;
}

/** Day-one features with the fields still unknown (each a question to ask). */
export interface DayOneOk {
  readonly status: 'ok';
  readonly features: DayOneFeatures;
  readonly missing_fields: readonly DayOneField[];
}

/** A value the contract does not allow: refused, naming the field and the rule. */
export interface DayOneInvalid {
  readonly status: 'invalid';
  readonly field: string;
  readonly rule: string;
  readonly reason: string;
}

export type DayOneResult = DayOneOk | DayOneInvalid;

/**
 * Openers that describe presence, not action ("Worked on", "Responsible for"): a bullet that
 * starts with one does not count as an action verb even when the word is in the past tense.
 */
const WEAK_OPENERS = [
  'worked on',
  'helped',
  'responsible for',
  'involved in',
  'assisted',
  'participated in',
  'tasked with',
  'duties included',
  'was ',
  'were ',
];
/** Irregular past-tense action verbs (regular ones end in -ed). */
const IRREGULAR_ACTION_VERBS = new Set([
  'built',
  'led',
  'drove',
  'ran',
  'grew',
  'won',
  'wrote',
  'made',
  'cut',
  'set',
  'sold',
  'taught',
  'brought',
  'found',
  'began',
  'rebuilt',
  'overhauled',
  'spearheaded',
  'owned',
  'shipped',
]);
const HAS_NUMBER = /\d/;

/** A bullet opens with an action verb: a past-tense first word that is not a weak opener. */
export function opensWithActionVerb(bullet: string): boolean {
  const text = bullet.trim().toLowerCase();
  if (WEAK_OPENERS.some((w) => text.startsWith(w))) return false;
  const first = text.split(/[\s,;:]+/, 1)[0] ?? '';
  return IRREGULAR_ACTION_VERBS.has(first) || (first.length > 3 && first.endsWith('ed'));
}

const invalid = (field: string, rule: string, value: unknown): DayOneInvalid =>
  Object.freeze({
    status: 'invalid',
    field,
    rule,
    reason: `${field}: ${rule}, got ${JSON.stringify(value)}`,
  });

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null;
}

function numberField(
  field: string,
  v: unknown,
  min: number,
  max: number,
): number | null | DayOneInvalid {
  if (isAbsent(v)) return null;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    return invalid(field, `must be a number in [${min}, ${max}]`, v);
  }
  return v;
}

function enumField(
  field: string,
  v: unknown,
  allowed: readonly string[],
): string | null | DayOneInvalid {
  if (isAbsent(v)) return null;
  if (typeof v !== 'string' || !allowed.includes(v)) {
    return invalid(field, `must be one of ${allowed.join(', ')}`, v);
  }
  return v;
}

function listField(field: string, v: unknown): readonly string[] | null | DayOneInvalid {
  if (isAbsent(v)) return null;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    return invalid(field, 'must be an array of strings', v);
  }
  const clean = [...new Set(v.map((x: string) => x.trim().toLowerCase()).filter((x) => x))];
  return clean.length ? Object.freeze(clean) : null;
}

function arrayField(
  field: string,
  v: unknown,
  strings = false,
): readonly unknown[] | null | DayOneInvalid {
  if (isAbsent(v)) return null;
  if (!Array.isArray(v)) return invalid(field, 'must be an array', v);
  if (strings && v.some((x) => typeof x !== 'string')) {
    return invalid(field, 'must be an array of strings', v);
  }
  return v;
}

const isInvalid = (v: unknown): v is DayOneInvalid =>
  typeof v === 'object' && v !== null && (v as DayOneInvalid).status === 'invalid';

/**
 * Day-one features from the profile and the first resume snapshot. Missing fields are
 * listed, never an error (the insights' interval widens instead); a value the contract does
 * not allow (an unknown seniority, a negative page count, a skill that is not a string) is
 * refused with the field and the rule.
 */
export function dayOneFeatures(
  profile: DayOneProfile | null | undefined,
  firstSnapshot?: DayOneResume | null,
  consent?: DayOneConsent | null,
): DayOneResult {
  const p = (profile ?? {}) as Record<string, unknown>;
  const r = (firstSnapshot ?? {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {
    years_experience: numberField('profile.years_experience', p.years_experience, 0, 60),
    seniority: enumField('profile.seniority', p.seniority, SENIORITY_LEVELS),
    education_level: enumField('profile.education_level', p.education_level, EDUCATION_LEVELS),
    target_roles: listField('profile.target_roles', p.target_roles),
    industries: listField('profile.industries', p.industries),
    work_arrangement_preference: enumField(
      'profile.work_arrangement_preference',
      p.work_arrangement_preference,
      WORK_ARRANGEMENTS,
    ),
    salary_target: numberField('profile.salary_target', p.salary_target, 0, 1e8),
    skills: arrayField('resume.skills', r.skills, true),
    roles: arrayField('resume.roles', r.roles),
    certifications: arrayField('resume.certifications', r.certifications, true),
    education: arrayField('resume.education', r.education),
    page_count: numberField('resume.page_count', r.page_count, 0, 1000),
  };
  for (const v of Object.values(values)) if (isInvalid(v)) return v;
  const roles = values.roles as readonly unknown[] | null;
  let bullets: string[] | null = null;
  if (roles) {
    bullets = [];
    for (let i = 0; i < roles.length; i++) {
      const b = (roles[i] as { bullets?: unknown } | null)?.bullets;
      if (isAbsent(b)) continue;
      if (!Array.isArray(b) || b.some((x) => typeof x !== 'string')) {
        return invalid(`resume.roles[${i}].bullets`, 'must be an array of strings', b);
      }
      bullets.push(...(b as string[]));
    }
  }
  const count = (k: string) => (values[k] as readonly unknown[] | null)?.length ?? null;
  const share = (f: (b: string) => boolean) =>
    bullets && bullets.length ? bullets.filter(f).length / bullets.length : null;
  const consentPersonalization = (consent as { personalization?: unknown } | null | undefined)
    ?.personalization;
  const features: DayOneFeatures = Object.freeze({
    years_experience: values.years_experience as number | null,
    seniority: values.seniority as string | null,
    education_level: values.education_level as string | null,
    target_roles: values.target_roles as readonly string[] | null,
    industries: values.industries as readonly string[] | null,
    work_arrangement_preference: values.work_arrangement_preference as string | null,
    salary_target: values.salary_target as number | null,
    skills_count: count('skills'),
    roles_count: count('roles'),
    bullets_count: bullets ? bullets.length : null,
    bullet_metric_share: share((b) => HAS_NUMBER.test(b)),
    action_verb_share: share(opensWithActionVerb),
    certifications_count: count('certifications'),
    degree_count: count('education'),
    page_count: values.page_count as number | null,
    personalization: consentPersonalization !== false,
  });
  return Object.freeze({
    status: 'ok',
    features,
    missing_fields: Object.freeze(DAY_ONE_FIELDS.filter((f) => features[f] === null)),
  });
}

/** The features with some fields made unknown (what a user who skipped them would give). */
export function withoutFields(
  features: DayOneFeatures,
  fields: readonly DayOneField[],
): DayOneFeatures {
  const copy: Record<string, unknown> = { ...features };
  for (const f of fields) copy[f] = null;
  return Object.freeze(copy) as unknown as DayOneFeatures;
}

/** The features with one field answered (an onboarding answer). */
export function withAnswer<F extends DayOneField>(
  features: DayOneFeatures,
  field: F,
  value: DayOneFeatures[F],
): DayOneFeatures {
  return Object.freeze({ ...features, [field]: value }) as DayOneFeatures;
}

/** The fields of these features still unknown. */
export function missingFields(features: DayOneFeatures): readonly DayOneField[] {
  return Object.freeze(DAY_ONE_FIELDS.filter((f) => features[f] === null));
}
