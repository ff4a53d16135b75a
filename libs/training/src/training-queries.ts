/**
 * The named queries of training: the applications the models train on (and those a service is
 * asked about, read the same way, so serving sees the features training saw) and the window
 * of the data a run trained on.
 */
import type { LabelledApplication } from '@hirelearn/ml';
import type { DataWindow } from '@hirelearn/registry';
import type { SqlSource } from '@hirelearn/store';

/**
 * Applications with the applicant's profile seniority in force when they applied, those the
 * `WHERE` that follows keeps. Protected attributes are not read.
 */
const APPLICATIONS_SQL = `
  SELECT a.application_id, a.user_id, a.job_id, a.fit_technical, a.fit_seniority, a.fit_experience,
    a.fit_signal, a.category, a.resume_score, a.tailoring_applied, a.job_seniority,
    a.strategy_mode, a.reached_interview, u.seniority AS user_seniority
  FROM applications a
  LEFT JOIN users u ON u.user_id = a.user_id AND u.valid_from <= a.created_at
    AND (u.valid_to IS NULL OR a.created_at < u.valid_to)`;

/** Reads the labelled applications (final status not `pending`) the models train on. */
export async function loadLabelledApplications(db: SqlSource): Promise<LabelledApplication[]> {
  const rows = await db.rows(
    `${APPLICATIONS_SQL} WHERE a.final_status <> 'pending' ORDER BY a.application_id`,
  );
  return rows.map(toApplication);
}

/** Reads the named applications, whatever their outcome (to ask a service about them). */
export async function loadApplications(
  db: SqlSource,
  applicationIds: readonly string[],
): Promise<LabelledApplication[]> {
  const rows = await db.rows(
    `${APPLICATIONS_SQL} WHERE list_contains(from_json($1, '["VARCHAR"]'), a.application_id)
     ORDER BY a.application_id`,
    [JSON.stringify(applicationIds)],
  );
  return rows.map(toApplication);
}

/** The first and last creation times of the applications (ISO, UTC; '' when there is none). */
export async function trainingDataWindow(db: SqlSource): Promise<DataWindow> {
  const [w] = await db.rows(
    `SELECT strftime(min(created_at), '%Y-%m-%dT%H:%M:%SZ') AS start,
            strftime(max(created_at), '%Y-%m-%dT%H:%M:%SZ') AS "end" FROM applications`,
  );
  return { start: String(w?.start ?? ''), end: String(w?.end ?? '') };
}

function toApplication(r: Record<string, unknown>): LabelledApplication {
  return {
    application_id: String(r.application_id),
    user_id: String(r.user_id),
    job_id: r.job_id == null ? null : String(r.job_id),
    fit_technical: num(r.fit_technical),
    fit_seniority: num(r.fit_seniority),
    fit_experience: num(r.fit_experience),
    fit_signal: num(r.fit_signal),
    category: r.category == null ? null : String(r.category),
    resume_score: num(r.resume_score),
    tailoring_applied: r.tailoring_applied == null ? null : Boolean(r.tailoring_applied),
    job_seniority: r.job_seniority == null ? null : String(r.job_seniority),
    user_seniority: r.user_seniority == null ? null : String(r.user_seniority),
    strategy_mode: r.strategy_mode == null ? null : String(r.strategy_mode),
    reached_interview: Boolean(r.reached_interview),
  };
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
