import {
  dayOneFeatures,
  DEFAULT_COLD_START,
  type CellDimension,
  type ColdStartCell,
  type ColdStartTrainingUser,
} from '@hirelearn/ml';
import { roleFamily } from '@hirelearn/safeguards';
import type { SqlSource } from '@hirelearn/store';
import { dayOnes, establishedApplications, type NthApplication } from './cold-start-queries';

export interface ColdStartDataOptions {
  /** Only users who signed up (first profile) before this instant (ISO). */
  readonly signedUpBefore?: string;
  /** Applications that make a user established (spec: 30). */
  readonly establishedApplications?: number;
  /** The first applications the label is read from (spec: 20). */
  readonly horizon?: number;
}

function cellsOf(rows: readonly NthApplication[]): ColdStartCell[] {
  const totals = new Map<string, { d: CellDimension; v: string; n: number; k: number }>();
  for (const r of rows) {
    const values: [CellDimension, string | null][] = [
      ['role', r.job_title === null ? null : roleFamily(r.job_title).toLowerCase()],
      ['seniority', r.job_seniority],
      ['company_stage', r.company_stage],
    ];
    for (const [d, v] of values) {
      if (v === null || v === '') continue;
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
  db: SqlSource,
  options: ColdStartDataOptions = {},
): Promise<{ readonly users: readonly ColdStartTrainingUser[]; readonly skipped: number }> {
  const established = options.establishedApplications ?? DEFAULT_COLD_START.establishedApplications;
  const horizon = options.horizon ?? DEFAULT_COLD_START.horizon;
  const days = await dayOnes(db, options.signedUpBefore ?? null);
  const apps = await establishedApplications(db, established);
  const byUser = new Map<string, NthApplication[]>();
  for (const a of apps) {
    const list = byUser.get(a.user_id);
    if (list) list.push(a);
    else byUser.set(a.user_id, [a]);
  }
  const users: ColdStartTrainingUser[] = [];
  let skipped = 0;
  for (const d of days) {
    const rows = byUser.get(d.user_id);
    if (!rows) continue;
    const profile = JSON.parse(d.profile);
    const resume = d.resume === null ? null : JSON.parse(d.resume);
    const day = dayOneFeatures(profile.profile, resume?.resume, profile.consent);
    if (day.status !== 'ok') {
      skipped++;
      continue;
    }
    const first = rows.slice(0, horizon);
    users.push(
      Object.freeze({
        user_id: d.user_id,
        signed_up_at: d.signed_up_at,
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
