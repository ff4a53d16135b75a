import type { LabelledApplication } from '@hirelearn/ml';
import type { EventStore } from '@hirelearn/store';

/**
 * Applications whose outcome is known (final status not `pending`), with the applicant's
 * profile seniority in force when they applied. Protected attributes are not read.
 */
const SQL = `
  SELECT a.application_id, a.user_id, a.fit_technical, a.fit_seniority, a.fit_experience,
    a.fit_signal, a.category, a.resume_score, a.tailoring_applied, a.job_seniority,
    a.strategy_mode, a.reached_interview, u.seniority AS user_seniority
  FROM applications a
  LEFT JOIN users u ON u.user_id = a.user_id AND u.valid_from <= a.created_at
    AND (u.valid_to IS NULL OR a.created_at < u.valid_to)
  WHERE a.final_status <> 'pending'
  ORDER BY a.application_id`;

/** Reads the labelled applications the models train on from the facts tables. */
export async function loadLabelledApplications(store: EventStore): Promise<LabelledApplication[]> {
  const rows = await store.rows(SQL);
  return rows.map((r) => ({
    application_id: String(r.application_id),
    user_id: String(r.user_id),
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
  }));
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
