/**
 * A user's plan from the event store and the nightly's stored attribution: refuse an erased or
 * unknown user; for a user who opted out of personalization, plan from their segment's figures
 * only and say so; otherwise plan from their own history shrunk toward the segment's.
 */
import type { OutcomeAttribution } from '@hirelearn/attribution';
import type { EventStore } from '@hirelearn/store';
import { categoryEvidence } from './evidence';
import { planLevers } from './levers';
import {
  applicationGroups,
  fittingPostingsPerWeek,
  peerCount,
  userStanding,
  type PlanScope,
} from './plan-queries';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from './settings';
import { planSeed, solvePlan } from './solve';
import type { MultiObjectivePlan, PlanBasis, PlanInputs, PlanReasonCode } from './types';

export interface PlanForUserOptions {
  /** Hours a week the user has; `default_hours_per_week` when absent. */
  readonly hours_per_week?: number;
  /** The nightly's newest stored attribution (null: none stored, levers have no effect). */
  readonly attribution?: OutcomeAttribution | null;
  readonly attribution_run_id?: string | null;
  readonly settings?: PlanSettings;
}

function refused(userId: string, code: PlanReasonCode, reason: string): MultiObjectivePlan {
  return Object.freeze({
    status: 'refused',
    reason_code: code,
    reason,
    user_id: userId,
    basis: null,
    inputs: null,
    objectives: Object.freeze([]),
    front: Object.freeze([]),
    recommended: null,
    knee_distance: null,
    trade_off: '',
    evaluations: 0,
    seed: planSeed(userId),
  });
}

/** The peers' pool: the user's seniority when it has k users, else everyone (said in a note). */
async function priorScope(
  store: EventStore,
  seniority: string | null,
  without: string | null,
  s: PlanSettings,
  notes: string[],
): Promise<PlanScope & { kind: 'peers' }> {
  const segment = { kind: 'peers' as const, seniority, without };
  if (seniority !== null && (await peerCount(store, segment)) >= s.k) return segment;
  notes.push(
    seniority === null
      ? 'no seniority in the profile: the prior is every user who shares their data'
      : `fewer than ${s.k} ${seniority} users share their data: the prior is every user`,
  );
  return { kind: 'peers', seniority: null, without };
}

export async function planForUser(
  store: EventStore,
  userId: string,
  options: PlanForUserOptions = {},
): Promise<MultiObjectivePlan> {
  const s = options.settings ?? DEFAULT_PLAN_SETTINGS;
  const standing = await userStanding(store, userId);
  if (standing.erased)
    return refused(
      userId,
      'erased_user',
      `user '${userId}' was erased on their deletion request; no plan is made from or for an erased user`,
    );
  if (!standing.known)
    return refused(
      userId,
      'unknown_user',
      `user '${userId}' is unknown: no profile and no application is stored for them`,
    );
  const notes: string[] = [];
  const basis: PlanBasis = standing.opted_out_of_personalization ? 'segment' : 'personal';
  if (basis === 'segment')
    notes.push(
      'opted out of personalization: this is a segment-level plan from the figures of users like them, not their own history',
    );
  const prior = await priorScope(
    store,
    standing.seniority,
    basis === 'segment' ? userId : null,
    s,
    notes,
  );
  if (options.hours_per_week === undefined)
    notes.push(`hours a week not given: ${s.default_hours_per_week} assumed`);
  const levers = planLevers(options.attribution ?? null, options.attribution_run_id ?? null, s);
  const own =
    basis === 'personal'
      ? await applicationGroups(store, { kind: 'user', user_id: userId }, s)
      : [];
  // The market that fits their targets is personal too: a segment-level plan uses the setting.
  const postings = basis === 'personal' ? await fittingPostingsPerWeek(store, userId, s) : null;
  if (postings === null)
    notes.push(
      basis === 'personal'
        ? `postings that fit the user not counted (no target roles or seniority in the profile, or no recent postings): ${s.fitting_postings_per_week} a week per category assumed`
        : `postings that fit not counted for a segment-level plan: ${s.fitting_postings_per_week} a week per category assumed`,
    );
  const inputs: PlanInputs = Object.freeze({
    user_id: userId,
    basis,
    segment: prior.seniority,
    hours_per_week: options.hours_per_week ?? s.default_hours_per_week,
    categories: categoryEvidence(
      own,
      await applicationGroups(store, prior, s),
      levers,
      s,
      postings,
    ),
    levers,
    notes: Object.freeze(notes),
  });
  return solvePlan(inputs, s);
}
