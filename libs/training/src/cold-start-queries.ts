/**
 * The named queries of the cold-start embedder's training data: each user's day one as
 * stored, and the labelled applications of established users. Users opted out of cross-user
 * use (market insights or all) are left out of day one, once, with the analytics' own rule
 * (`OPTED_OUT_USERS`).
 */
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** A user's first profile and first resume snapshot, as the events stored them. */
export interface StoredDayOne {
  readonly user_id: string;
  /** The first USER_PROFILE_UPDATED payload (JSON text). */
  readonly profile: string;
  /** When that profile arrived (ISO, UTC, milliseconds). */
  readonly signed_up_at: string;
  /** The first RESUME_SNAPSHOT payload (JSON text); null when the user sent none. */
  readonly resume: string | null;
}

const DAY_ONE_SQL = `
  WITH excluded AS (${OPTED_OUT_USERS}),
  firsts AS (
    SELECT user_id, event_type,
      arg_min(payload, (occurred_at, event_id)) AS payload,
      strftime(min(occurred_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS at
    FROM raw_events
    WHERE event_type IN ('USER_PROFILE_UPDATED', 'RESUME_SNAPSHOT')
      AND user_id NOT IN (SELECT user_id FROM excluded)
    GROUP BY 1, 2)
  SELECT p.user_id, p.payload AS profile, p.at AS signed_up_at, r.payload AS resume
  FROM firsts p LEFT JOIN firsts r ON r.user_id = p.user_id AND r.event_type = 'RESUME_SNAPSHOT'
  WHERE p.event_type = 'USER_PROFILE_UPDATED' AND ($1 IS NULL OR p.at < $1)
  ORDER BY p.user_id`;

/**
 * Day one of every user not opted out who signed up (first profile) before `signedUpBefore`
 * (every user when null), by user id.
 */
export async function dayOnes(
  db: SqlSource,
  signedUpBefore: string | null,
): Promise<StoredDayOne[]> {
  const rows = await db.rows(DAY_ONE_SQL, [signedUpBefore]);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    profile: str(r.profile),
    signed_up_at: str(r.signed_up_at),
    resume: r.resume == null ? null : str(r.resume),
  }));
}

/** A labelled application (final status not pending) and its place in its user's history. */
export interface NthApplication {
  readonly user_id: string;
  /** 1 for the user's first application (by submission, else creation time). */
  readonly nth: number;
  readonly job_title: string | null;
  readonly job_seniority: string | null;
  readonly company_stage: string | null;
  readonly reached_interview: boolean;
}

const APPLICATIONS_SQL = `
  WITH labelled AS (
    SELECT user_id, application_id, job_title, job_seniority, company_stage, reached_interview,
      row_number() OVER (PARTITION BY user_id
        ORDER BY coalesce(submitted_at, created_at), application_id) AS nth,
      count(*) OVER (PARTITION BY user_id) AS total
    FROM applications WHERE final_status <> 'pending')
  SELECT user_id, nth, job_title, job_seniority, company_stage, reached_interview
  FROM labelled WHERE total >= $1
  ORDER BY user_id, nth`;

const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The labelled applications of users with at least `established` of them, by user, in
 * submission order.
 */
export async function establishedApplications(
  db: SqlSource,
  established: number,
): Promise<NthApplication[]> {
  const rows = await db.rows(APPLICATIONS_SQL, [established]);
  return rows.map((r) => ({
    user_id: str(r.user_id),
    nth: num(r.nth),
    job_title: textOrNull(r.job_title),
    job_seniority: textOrNull(r.job_seniority),
    company_stage: textOrNull(r.company_stage),
    reached_interview: Boolean(r.reached_interview),
  }));
}
