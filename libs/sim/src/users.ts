import type { EventOf } from '@hirelearn/contract';
import { SimRng, clip, sigmoid, streamSeed } from './rng';
import type { SimSettings } from './settings';
import { DAY_MS, HOUR_MS } from './time';
import {
  CITIES,
  EDIT_TYPES,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  LEVELS,
  REMOTE,
  ROLES,
  type EditType,
  type Level,
  type Role,
} from './vocabulary';

type Profile = EventOf<'USER_PROFILE_UPDATED'>['profile'];
type OptOutScope = EventOf<'USER_OPTED_OUT'>['scope'];

/** A randomized suggestion the system will show: the instrument for taking an edit. */
export interface AssignedSuggestion {
  readonly editType: EditType;
  readonly at: number;
}

/**
 * A simulated job seeker. `skill` and `organisation` are hidden (standard normal); everything
 * in `profile` is observed through USER_PROFILE_UPDATED.
 */
export interface SimUser {
  readonly index: number;
  readonly id: string;
  readonly skill: number;
  readonly organisation: number;
  readonly years: number;
  readonly levelIndex: number;
  readonly roles: readonly Role[];
  readonly profile: Profile;
  readonly firstName: string;
  readonly lastName: string;
  readonly contactInText: boolean;
  readonly signupAt: number;
  readonly signupDay: number;
  readonly profileUpdateAt: number | null;
  readonly optOut: { readonly at: number; readonly scope: OptOutScope } | null;
  /** When the user asks for erasure; nothing of theirs happens after it. */
  readonly deletionAt: number | null;
  readonly consent: { readonly market_insights: boolean; readonly personalization: boolean };
  readonly protectedAttributes: Readonly<Record<string, string>> | null;
  readonly experimentVariant: string;
  readonly suggestions: readonly AssignedSuggestion[];
  /** Share of this user's activity pulled to Tuesday mornings (from organisation). */
  readonly tuesdayAffinity: number;
  /** Hidden: how busy the user is (applications per day multiplier). */
  readonly activity: number;
}

const EDUCATION = ['none', 'high_school', 'associate', 'bachelor', 'master', 'phd'] as const;
const GENDERS = ['female', 'male', 'non_binary', 'undisclosed'];
const GENDER_SHARES = [0.46, 0.46, 0.03, 0.05];
const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54', '55+'];
const AGE_SHARES = [0.15, 0.4, 0.25, 0.14, 0.06];

function levelFor(years: number): Level {
  if (years < 2) return 'junior';
  if (years < 5) return 'mid';
  if (years < 9) return 'senior';
  if (years < 14) return 'staff';
  return 'principal';
}

/** Draws user `index` from its own streams, so each user is the same whatever the count. */
export function makeUser(settings: SimSettings, index: number, days: number): SimUser {
  const rng = new SimRng(streamSeed(settings.seed, 'user', index));
  const p = settings.population;
  const startMs = Date.parse(settings.startDate);
  const endMs = Date.parse(settings.endDate);

  const skill = rng.normal();
  const rho = p.organisationSkillCorrelation;
  const organisation = rho * skill + Math.sqrt(1 - rho * rho) * rng.normal();
  const years = Math.round(clip(Math.exp(rng.normal(1.5, 0.7)) - 1, 0, 40) * 10) / 10;
  const levelIndex = LEVELS.indexOf(levelFor(years));
  const primary = ROLES[rng.weightedIndex(ROLES.map((r) => settings.market.roleShares[r]))];
  const roles: Role[] = [primary];
  if (rng.chance(p.secondRoleRate)) {
    const other = rng.pick(ROLES.filter((r) => r !== primary));
    roles.push(other);
  }
  const city = rng.pick(CITIES);
  const locations = rng.chance(p.remoteRate) ? [city, REMOTE] : [city];
  const educationIndex = clip(Math.round(3 + 0.5 * skill + rng.normal(0, 0.8)), 0, 5);
  const profile: Profile = {
    years_experience: years,
    seniority: LEVELS[levelIndex],
    target_roles: roles,
    industries: rng.sample(INDUSTRIES, rng.int(1, 2)),
    locations,
    education_level: EDUCATION[educationIndex],
    work_arrangement_preference: locations.includes(REMOTE)
      ? 'remote'
      : rng.pick(['hybrid', 'onsite'] as const),
    salary_target: Math.round((60 + 12 * years + rng.normal(0, 10)) / 5) * 5 * 1000,
  };

  const signupDay = Math.floor(rng.uniform() * Math.max(1, days * p.signupSpan));
  const signupAt =
    startMs + signupDay * DAY_MS + rng.int(7, 21) * HOUR_MS + rng.int(0, 3599) * 1000;
  // One-off events fall strictly after the signup day, so onboarding always comes first.
  const laterAt = () =>
    signupAt + DAY_MS + rng.uniform() * Math.max(0, endMs - signupAt - 2 * DAY_MS);
  const profileUpdateAt = rng.chance(p.profileUpdateRate) ? laterAt() : null;
  const optOut = rng.chance(p.optOutRate)
    ? {
        at: laterAt(),
        scope: rng.pick(['market_insights', 'personalization', 'all'] as const),
      }
    : null;
  const deletionStart = Math.max(signupAt + DAY_MS, endMs - p.deletionWindow * (endMs - startMs));
  const deletionAt =
    rng.chance(p.deletionRate) && deletionStart < endMs - HOUR_MS
      ? deletionStart + rng.uniform() * (endMs - HOUR_MS - deletionStart)
      : null;
  const consent = {
    market_insights: rng.chance(p.consentRate),
    personalization: rng.chance(p.consentRate),
  };

  // Randomized by the system, independent of every trait: a valid instrument.
  const suggestions: AssignedSuggestion[] = [];
  for (const editType of EDIT_TYPES) {
    if (rng.chance(settings.suggestions.assignmentRate)) {
      const at = signupAt + (1 + rng.uniform() * settings.suggestions.withinDays) * DAY_MS;
      suggestions.push({ editType, at });
    }
  }
  suggestions.sort((a, b) => a.at - b.at);

  const experimentVariant = rng.chance(settings.experiment.treatmentShare)
    ? settings.experiment.variants[1]
    : settings.experiment.variants[0];
  const b = settings.behaviour.tuesdayAffinity;

  // Protected attributes come from a stream of their own: independent of everything else.
  const prot = new SimRng(streamSeed(settings.seed, 'protected', index));
  const protectedAttributes = prot.chance(p.protectedAttributesRate)
    ? {
        gender: GENDERS[prot.weightedIndex(GENDER_SHARES)],
        age_band: AGE_BANDS[prot.weightedIndex(AGE_SHARES)],
      }
    : null;

  return {
    index,
    id: `user-${String(index + 1).padStart(5, '0')}`,
    skill,
    organisation,
    years,
    levelIndex,
    roles,
    profile,
    firstName: rng.pick(FIRST_NAMES),
    lastName: rng.pick(LAST_NAMES),
    contactInText: rng.chance(p.contactInTextRate),
    signupAt,
    signupDay,
    profileUpdateAt,
    optOut,
    deletionAt,
    consent,
    protectedAttributes,
    experimentVariant,
    suggestions,
    tuesdayAffinity: sigmoid(b.base + b.organisation * organisation),
    activity: Math.exp(rng.normal(0, 0.3)),
  };
}
