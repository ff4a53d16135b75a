/**
 * Running the weekly report: for one user (refusing an unknown or erased one), or for everyone
 * as a stream. Everyone is walked in batches of `batch_users` ids: three set-based queries per
 * batch (standing, weekly counts, pattern cells) instead of a scan per user, and only one
 * batch's rows held at a time, so memory stays flat however many users there are.
 */
import { buildWeeklyInsights } from './build';
import type { WeeklyContext } from './context';
import {
  hasTombstone,
  isKnownUser,
  nextUserBatch,
  patternCounts,
  userStates,
  weeklyCounts,
  type UserBatch,
} from './queries';
import type { WeeklyInsights, WeeklyRefusal } from './types';
import { type SqlSource } from '@hirelearn/store';

/** The event store as the weekly report reads it: SQL, and the salted hash its tombstones keep. */
export interface WeeklySource extends SqlSource {
  userHash(userId: string): string;
}

function groupBy<T extends { readonly user_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.user_id);
    if (list) list.push(r);
    else m.set(r.user_id, [r]);
  }
  return m;
}

/** The reports of one batch of users, built one at a time as they are taken. */
async function* batchReports(
  db: SqlSource,
  ctx: WeeklyContext,
  batch: UserBatch,
): AsyncGenerator<WeeklyInsights> {
  const states = await userStates(db, batch, ctx.history_start, ctx.week);
  const counts = groupBy(await weeklyCounts(db, batch, ctx.history_start, ctx.week));
  const patterns = groupBy(await patternCounts(db, batch, ctx.week));
  for (const state of states) {
    yield buildWeeklyInsights(ctx, {
      state,
      counts: counts.get(state.user_id) ?? [],
      patterns: patterns.get(state.user_id) ?? [],
    });
  }
}

/** Every known user's report for the context's week, in user id order, as a stream. */
export async function* weeklyInsightsForAll(
  db: SqlSource,
  ctx: WeeklyContext,
): AsyncGenerator<WeeklyInsights> {
  let after: string | null = null;
  for (;;) {
    const batch = await nextUserBatch(db, after, ctx.settings.batch_users);
    if (batch === null) return;
    yield* batchReports(db, ctx, batch);
    after = batch.to;
  }
}

/** Why no report can be made for the user (unknown or erased), null when one can. */
export async function weeklyRefusal(
  db: WeeklySource,
  userId: string,
): Promise<WeeklyRefusal | null> {
  if (await hasTombstone(db, db.userHash(userId)))
    return Object.freeze({
      status: 'erased_user',
      reason:
        'the user was erased (a deletion request): nothing of theirs is kept, so there is no report',
    });
  if (!(await isKnownUser(db, userId)))
    return Object.freeze({
      status: 'unknown_user',
      reason: 'the event store holds no event of this user: check the id',
    });
  return null;
}

/** One user's report, or a refusal when the store never knew them or erased them. */
export async function weeklyInsightsForUser(
  db: WeeklySource,
  userId: string,
  ctx: WeeklyContext,
): Promise<WeeklyInsights | WeeklyRefusal> {
  const refusal = await weeklyRefusal(db, userId);
  if (refusal !== null) return refusal;
  const batch = { from: userId, to: userId };
  for await (const report of batchReports(db, ctx, batch)) return report;
  throw new Error(`weekly insights: no standing row for a known user`);
}
