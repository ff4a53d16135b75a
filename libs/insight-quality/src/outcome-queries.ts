/**
 * What the measurement reads of the event log, as named queries over the store's facts: each
 * user's applications with a known outcome, their resume edits and their answers to
 * suggestions. Users who do not share their data across users are left out (the store's
 * `OPTED_OUT_USERS`: a `USER_OPTED_OUT` of `market_insights` or `all`, or a profile withholding
 * `consent.market_insights`): the quality report is a figure across users.
 */
import { OPTED_OUT_USERS, type SqlSource } from '@hirelearn/store';

/** A submitted application whose outcome is known (an interview, or a final no). */
export interface ApplicationOutcome {
  readonly at_ms: number;
  readonly interviewed: boolean;
  readonly tailored: boolean;
  /** ISO weekday of submission (1 Monday ... 7 Sunday), UTC. */
  readonly weekday: number;
  readonly hour: number;
  readonly category: string | null;
  /** The edit types the resume version it was sent with carries. */
  readonly edit_types: readonly string[];
}

/** A resume version, with the edit types it added and those it carries. */
export interface EditAct {
  readonly at_ms: number;
  readonly added: readonly string[];
  readonly carried: readonly string[];
}

export type FeedbackType = 'SUGGESTION_ACCEPTED' | 'SUGGESTION_EDITED' | 'SUGGESTION_REJECTED';

export interface FeedbackAct {
  readonly at_ms: number;
  readonly type: FeedbackType;
  readonly suggestion_id: string | null;
  readonly edit_type: string | null;
}

/** One user's outcomes, each list in time order. */
export interface UserOutcomes {
  readonly applications: readonly ApplicationOutcome[];
  readonly edits: readonly EditAct[];
  readonly feedback: readonly FeedbackAct[];
}

const FACTS = ['applications', 'users', 'resume_versions'];

/** Still pending (no answer yet, not ghosted): its outcome is not known, so it is not counted. */
const APPLICATIONS_SQL = `
  SELECT a.user_id, epoch_ms(a.submitted_at)::DOUBLE AS at_ms, a.reached_interview AS interviewed,
    coalesce(a.tailoring_applied, false) AS tailored, a.submit_weekday::INTEGER AS weekday,
    a.submit_hour::INTEGER AS hour, a.category, coalesce(v.edit_types, []) AS edit_types
  FROM applications a LEFT JOIN resume_versions v USING (user_id, resume_version_id)
  WHERE a.submitted_at IS NOT NULL AND (a.reached_interview OR a.final_status <> 'pending')
  ORDER BY a.user_id, a.submitted_at, a.application_id`;

const EDITS_SQL = `
  SELECT user_id, epoch_ms(created_at)::DOUBLE AS at_ms, edit_types_added AS added, edit_types AS carried
  FROM resume_versions
  ORDER BY user_id, created_at, resume_version_id`;

const FEEDBACK_SQL = `
  SELECT user_id, epoch_ms(occurred_at)::DOUBLE AS at_ms, event_type AS type,
    json_extract_string(payload, '$.suggestion_id') AS suggestion_id,
    json_extract_string(payload, '$.edit_type') AS edit_type
  FROM raw_events
  WHERE event_type IN ('SUGGESTION_ACCEPTED', 'SUGGESTION_EDITED', 'SUGGESTION_REJECTED')
  ORDER BY user_id, occurred_at, event_id`;

const EMPTY: UserOutcomes = Object.freeze({ applications: [], edits: [], feedback: [] });

/**
 * The outcomes of `users` (those delivered something), by user; a user with nothing in the
 * log (or opted out) maps to empty lists. An empty store (no facts yet) is all empty.
 */
export async function loadUserOutcomes(
  store: SqlSource,
  users: ReadonlySet<string>,
): Promise<ReadonlyMap<string, UserOutcomes>> {
  const out = new Map<
    string,
    { applications: ApplicationOutcome[]; edits: EditAct[]; feedback: FeedbackAct[] }
  >();
  const present = await store.rows(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN (${FACTS.map((t) => `'${t}'`).join(', ')})`,
  );
  if (Number(present[0]?.n) < FACTS.length || users.size === 0) return out;
  const optedOut = new Set((await store.rows(OPTED_OUT_USERS)).map((r) => String(r.user_id)));
  const of = (user: unknown) => {
    const id = String(user);
    if (!users.has(id) || optedOut.has(id)) return null;
    let o = out.get(id);
    if (!o) out.set(id, (o = { applications: [], edits: [], feedback: [] }));
    return o;
  };
  for (const r of await store.rows(APPLICATIONS_SQL)) {
    of(r.user_id)?.applications.push({
      at_ms: Number(r.at_ms),
      interviewed: r.interviewed === true,
      tailored: r.tailored === true,
      weekday: Number(r.weekday),
      hour: Number(r.hour),
      category: r.category === null ? null : String(r.category),
      edit_types: r.edit_types as string[],
    });
  }
  for (const r of await store.rows(EDITS_SQL)) {
    of(r.user_id)?.edits.push({
      at_ms: Number(r.at_ms),
      added: (r.added as string[] | null) ?? [],
      carried: (r.carried as string[] | null) ?? [],
    });
  }
  for (const r of await store.rows(FEEDBACK_SQL)) {
    of(r.user_id)?.feedback.push({
      at_ms: Number(r.at_ms),
      type: String(r.type) as FeedbackType,
      suggestion_id: r.suggestion_id === null ? null : String(r.suggestion_id),
      edit_type: r.edit_type === null ? null : String(r.edit_type),
    });
  }
  return out;
}

/** The outcomes of a user, empty when the log holds none. */
export function outcomesOf(log: ReadonlyMap<string, UserOutcomes>, user: string): UserOutcomes {
  return log.get(user) ?? EMPTY;
}
