import {
  DAY_ONE_FIELDS,
  DAY_ONE_PROFILE_FIELDS,
  dayOneFeatures,
  missingFields,
  withAnswer,
  type DayOneField,
  type DayOneFeatures,
  type DayOneOk,
  type DayOneProfile,
  type DayOneResume,
} from '@hirelearn/ml';
import type * as pb from '@hirelearn/proto';
import { InvalidArgumentError } from '@hirelearn/rpc';
import { checkNumber, REQUEST_RULES, type NumberRule } from './request-rules';

/** The contract's identifiers (`user_id`): 1-128 characters. */
const MAX_ID_LENGTH = 128;
const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The profile fields an answer sets in the profile (checked by the profile's own rules). */
const PROFILE_FIELDS: ReadonlySet<DayOneField> = new Set(DAY_ONE_PROFILE_FIELDS);

const count = (max: number): NumberRule => Object.freeze({ min: 0, max, optional: false });
const SHARE: NumberRule = Object.freeze({ min: 0, max: 1, optional: false });

/**
 * The rules of the answers about the resume (what the first snapshot would have told):
 * counts are whole numbers, shares 0-1, pages as the contract bounds a snapshot's.
 */
const RESUME_ANSWER_RULES: Readonly<Partial<Record<DayOneField, NumberRule>>> = Object.freeze({
  skills_count: count(1000),
  roles_count: count(1000),
  bullets_count: count(10_000),
  bullet_metric_share: SHARE,
  action_verb_share: SHARE,
  certifications_count: count(1000),
  degree_count: count(100),
  page_count: count(100),
});

/** How each day-one field is answered: a number, a level (text) or a list. */
export const ANSWER_KINDS: Readonly<Record<DayOneField, 'number' | 'text' | 'list'>> =
  Object.freeze({
    years_experience: 'number',
    seniority: 'text',
    education_level: 'text',
    target_roles: 'list',
    industries: 'list',
    work_arrangement_preference: 'text',
    salary_target: 'number',
    skills_count: 'number',
    roles_count: 'number',
    bullets_count: 'number',
    bullet_metric_share: 'number',
    action_verb_share: 'number',
    certifications_count: 'number',
    degree_count: 'number',
    page_count: 'number',
  });

/**
 * An answer from a value as a person or a tensor gives it: a number field's text read as a
 * number (text that is none is refused when the answer is checked), a list comma-separated.
 */
export function answerOf(field: DayOneField, value: number | string): pb.QuestionAnswer {
  const kind = ANSWER_KINDS[field];
  if (kind === 'number') {
    // Number('') is 0: an empty answer is no number (refused when the answer is checked).
    const number = value === '' ? NaN : Number(value);
    return { field, value: { $case: 'number', number } };
  }
  if (kind === 'list') {
    const values = String(value)
      .split(',')
      .map((v) => v.trim());
    return { field, value: { $case: 'list', list: { values } } };
  }
  return { field, value: { $case: 'text', text: String(value) } };
}

const COUNT_FIELDS: ReadonlySet<DayOneField> = new Set([
  'skills_count',
  'roles_count',
  'bullets_count',
  'certifications_count',
  'degree_count',
]);

/** A request's profile as the contract's (optional) fields: empty strings are unknown. */
function profileOf(p: pb.DayOneProfile): DayOneProfile {
  const text = (v: string) => (v === '' ? undefined : v);
  return {
    ...(p.years_experience !== undefined && { years_experience: p.years_experience }),
    seniority: text(p.seniority) as DayOneProfile['seniority'],
    target_roles: p.target_roles,
    industries: p.industries,
    locations: p.locations,
    education_level: text(p.education_level) as DayOneProfile['education_level'],
    work_arrangement_preference: text(
      p.work_arrangement_preference,
    ) as DayOneProfile['work_arrangement_preference'],
    ...(p.salary_target !== undefined && { salary_target: p.salary_target }),
  };
}

/** A request's resume as the first snapshot's; role dates must be YYYY-MM (end: empty for now). */
function resumeOf(r: pb.DayOneResume, where: string): DayOneResume {
  r.roles.forEach((role, i) => {
    if (!YEAR_MONTH.test(role.start)) {
      throw new InvalidArgumentError(
        `${where}.roles[${i}].start: must be YYYY-MM (got ${JSON.stringify(role.start)})`,
      );
    }
    if (role.end !== '' && !YEAR_MONTH.test(role.end)) {
      throw new InvalidArgumentError(
        `${where}.roles[${i}].end: must be YYYY-MM, or empty for the current job (got ${JSON.stringify(role.end)})`,
      );
    }
  });
  return {
    summary: r.summary,
    skills: r.skills,
    roles: r.roles.map((role) => ({ ...role, end: role.end === '' ? null : role.end })),
    education: r.education.map((e) => ({ ...e })),
    certifications: r.certifications,
    ...(r.page_count !== undefined && { page_count: r.page_count }),
  };
}

/** Day-one features of a profile and resume; a value the contract refuses is INVALID_ARGUMENT. */
function features(
  profile: DayOneProfile | null,
  resume: DayOneResume | null,
  personalization: boolean | undefined,
  where: string,
): DayOneOk {
  const consent =
    personalization === undefined ? undefined : { market_insights: true, personalization };
  const day = dayOneFeatures(profile, resume, consent);
  if (day.status === 'invalid') throw new InvalidArgumentError(`${where}.${day.reason}`);
  return day;
}

/** An answer's value as the kind its field takes, or INVALID_ARGUMENT naming the rule. */
function answerValue(
  a: pb.QuestionAnswer,
  field: DayOneField,
  where: string,
): number | string | readonly string[] {
  const v = a.value;
  if (v === undefined) throw new InvalidArgumentError(`${where}.value: required`);
  const rule = RESUME_ANSWER_RULES[field];
  if (rule) {
    if (v.$case !== 'number') {
      throw new InvalidArgumentError(`${where}.number: ${field} is answered with a number`);
    }
    checkNumber(`${where}.number`, v.number, rule);
    if (COUNT_FIELDS.has(field) && !Number.isInteger(v.number)) {
      throw new InvalidArgumentError(`${where}.number: ${field} must be a whole number`);
    }
    return v.number;
  }
  if (v.$case === 'number') return v.number;
  if (v.$case === 'text') return v.text;
  return v.list.values;
}

/** Applies one answer to the features, by the same rules as the field in a profile or resume. */
function answered(features0: DayOneFeatures, a: pb.QuestionAnswer, where: string): DayOneFeatures {
  if (!(DAY_ONE_FIELDS as readonly string[]).includes(a.field)) {
    throw new InvalidArgumentError(
      `${where}.field: ${JSON.stringify(a.field)} is not a day-one field (one of ${DAY_ONE_FIELDS.join(', ')})`,
    );
  }
  const field = a.field as DayOneField;
  const value = answerValue(a, field, where);
  if (!PROFILE_FIELDS.has(field)) return withAnswer(features0, field, value as number);
  // A profile answer is read like the profile's field: the same rules, the same normalizing.
  const alone = dayOneFeatures({ [field]: value } as DayOneProfile, null);
  if (alone.status === 'invalid') {
    throw new InvalidArgumentError(
      `${where}: ${field} ${alone.rule} (got ${JSON.stringify(value)})`,
    );
  }
  return withAnswer(features0, field, alone.features[field]);
}

/** What a ColdStart call knows of its user: the id, the day-one features, what is missing. */
export interface DayOneRequest {
  readonly user_id: string;
  readonly day_one: DayOneOk;
}

/**
 * The day-one features of a ColdStart request's user: the profile and the first resume, then
 * the onboarding answers in order (a later answer to the same field wins). Missing fields are
 * listed, never an error; an unknown enum value, a number out of the contract's range, a
 * malformed date or answer, or no user or user id is INVALID_ARGUMENT naming the field and
 * the rule.
 */
export function dayOneOfRequest(user: pb.NewUser | undefined, where = 'user'): DayOneRequest {
  if (!user) throw new InvalidArgumentError(`${where}: required`);
  if (user.user_id.length < 1 || user.user_id.length > MAX_ID_LENGTH) {
    throw new InvalidArgumentError(`${where}.user_id: must be 1-${MAX_ID_LENGTH} characters`);
  }
  return Object.freeze({ user_id: user.user_id, day_one: dayOneOfUser(user, where) });
}

/** The day-one features of a user, by the rules of `dayOneOfRequest`; the id is not read. */
export function dayOneOfUser(user: pb.NewUser, where: string): DayOneOk {
  if (user.profile?.years_experience !== undefined) {
    checkNumber(
      `${where}.profile.years_experience`,
      user.profile.years_experience,
      REQUEST_RULES.years_experience,
    );
  }
  const day = features(
    user.profile ? profileOf(user.profile) : null,
    user.resume ? resumeOf(user.resume, `${where}.resume`) : null,
    user.personalization,
    where,
  );
  let f = day.features;
  user.answers.forEach((a, i) => (f = answered(f, a, `${where}.answers[${i}]`)));
  return Object.freeze({ status: 'ok', features: f, missing_fields: missingFields(f) });
}
