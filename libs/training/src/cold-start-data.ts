import {
  dayOneFeatures,
  DEFAULT_COLD_START,
  type CellDimension,
  type ColdStartCell,
  type ColdStartTrainingUser,
} from '@hirelearn/ml';
import { roleFamily } from '@hirelearn/safeguards';
import type { EventStore } from '@hirelearn/store';
import { OPTED_OUT_USERS } from '@hirelearn/store';

export interface ColdStartDataOptions {
  /** Only users who signed up (first profile) before this instant (ISO). */
  readonly signedUpBefore?: string;
  /** Applications that make a user established (spec: 30). */
  readonly establishedApplications?: number;
  /** The first applications the label is read from (spec: 20). */
  readonly horizon?: number;
}

/**
 * Day one of every user: the first profile (with its consent) and the first resume
 * snapshot, as stored. Users opted out of cross-user use (market insights or all) are left
 * out here, once, with the analytics' own rule.
 */
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

/** Labelled applications of users with at least $1 of them, in submission order. */
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

function cellsOf(rows: readonly Record<string, unknown>[]): ColdStartCell[] {
  const totals = new Map<string, { d: CellDimension; v: string; n: number; k: number }>();
  for (const r of rows) {
    const values: [CellDimension, unknown][] = [
      ['role', typeof r.job_title === 'string' ? roleFamily(r.job_title).toLowerCase() : null],
      ['seniority', r.job_seniority],
      ['company_stage', r.company_stage],
    ];
    for (const [d, v] of values) {
      if (typeof v !== 'string' || v === '') continue;
      const key = `${d}\u0000${v}`;
      const t = totals.get(key) ?? { d, v, n: 0, k: 0 };
      t.n += 1;
      t.k += r.reached_interview ? 1 : 0;
      totals.set(key, t);
    }
  }
  return [...totals.values()].map((t) =>
    Object.freeze({ dimension: t.d, value: t.v, applications: t.n, interviews: t.k }),
  );
}

/**
 * The cold-start embedder's training users, read from the facts: established users (at
 * least `establishedApplications` applications with a known outcome), each with their
 * day-one features (first profile, first resume snapshot), their totals, the first
 * `horizon` applications' interviews, and their outcomes by job role family, seniority and
 * company stage. A stored day one the contract now refuses is skipped (counted in `skipped`).
 */
export async function loadColdStartUsers(
  store: EventStore,
  options: ColdStartDataOptions = {},
): Promise<{ readonly users: readonly ColdStartTrainingUser[]; readonly skipped: number }> {
  const established = options.establishedApplications ?? DEFAULT_COLD_START.establishedApplications;
  const horizon = options.horizon ?? DEFAULT_COLD_START.horizon;
  const days = await store.rows(DAY_ONE_SQL, [options.signedUpBefore ?? null]);
  const apps = await store.rows(APPLICATIONS_SQL, [established]);
  const byUser = new Map<string, Record<string, unknown>[]>();
  for (const a of apps) {
    const id = String(a.user_id);
    const list = byUser.get(id);
    if (list) list.push(a);
    else byUser.set(id, [a]);
  }
  const users: ColdStartTrainingUser[] = [];
  let skipped = 0;
  for (const d of days) {
    const id = String(d.user_id);
    const rows = byUser.get(id);
    if (!rows) continue;
    const profile = JSON.parse(String(d.profile));
    const resume = d.resume == null ? null : JSON.parse(String(d.resume));
    const day = dayOneFeatures(profile.profile, resume?.resume, profile.consent);
    if (day.status !== 'ok') {
      skipped++;
      continue;
    }
    const first = rows.slice(0, horizon);
    users.push(
      Object.freeze({
        user_id: id,
        signed_up_at: String(d.signed_up_at),
        day_one: day.features,
        applications: rows.length,
        interviews: rows.filter((r) => r.reached_interview).length,
        first_applications: first.length,
        first_interviews: first.filter((r) => r.reached_interview).length,
        cells: Object.freeze(cellsOf(rows)),
      }),
    );
  }
  return Object.freeze({ users: Object.freeze(users), skipped });
}
