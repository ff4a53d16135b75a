/**
 * The named queries of the nightly: the window's applications the optimizers read, and the
 * weekly industry counts the feedback-loop check reads. Outcomes are as known before the
 * window's end (attribution's `reachedInterviewBefore`), so a replay of a past window sees
 * what the nightly saw then. Every value from outside is a parameter.
 */
import { reachedInterviewBefore, windowBounds, type AnalysisWindow } from '@hirelearn/attribution';
import { num, numOrNull, str, type SqlSource } from '@hirelearn/store';

/** A submitted application of the window, with its outcome as known before the window's end. */
export interface WindowApplication {
  readonly application_id: string;
  readonly user_id: string;
  /** The resume score it was sent with; null when none was recorded. */
  readonly resume_score: number | null;
  /** ISO time, UTC (`YYYY-MM-DDTHH:MM:SSZ`). */
  readonly submitted_at: string;
  readonly reached_interview: boolean;
  /** An interview, offer or rejection arrived before the window's end. */
  readonly responded: boolean;
}

/** The window's submitted applications, by application id. */
export async function windowApplications(
  db: SqlSource,
  window: AnalysisWindow,
): Promise<WindowApplication[]> {
  const [since, until] = windowBounds(window);
  const rows = await db.rows(
    `SELECT application_id, user_id, resume_score::DOUBLE AS resume_score,
       strftime(submitted_at, '%Y-%m-%dT%H:%M:%SZ') AS submitted_at,
       ${reachedInterviewBefore('$2')} AS reached_interview,
       coalesce(interview_at < $2::TIMESTAMP OR offer_at < $2::TIMESTAMP
         OR rejected_at < $2::TIMESTAMP, false) AS responded
     FROM applications
     WHERE submitted_at IS NOT NULL
       AND submitted_at >= $1::TIMESTAMP AND submitted_at < $2::TIMESTAMP
     ORDER BY application_id`,
    [since, until],
  );
  return rows.map((r) => ({
    application_id: str(r.application_id),
    user_id: str(r.user_id),
    resume_score: numOrNull(r.resume_score),
    submitted_at: str(r.submitted_at),
    reached_interview: r.reached_interview === true,
    responded: r.responded === true,
  }));
}

const WEEK_SECONDS = 7 * 86_400;

/** Applications submitted in one week (epoch weeks) to one industry, and how many reached interview. */
export interface WeeklyIndustryCount {
  readonly week: number;
  /** The industry, `unknown` when the application has none. */
  readonly category: string;
  readonly applications: number;
  readonly interviews: number;
}

/**
 * Per week and industry, the applications submitted in the `weeks` weeks before `until` (the
 * window's end; `infinity`: just after the last submission) and those that reached interview
 * before it.
 */
export async function weeklyIndustryCounts(
  db: SqlSource,
  until: string,
  weeks: number,
): Promise<WeeklyIndustryCount[]> {
  const rows = await db.rows(
    `WITH bound AS (
       SELECT CASE WHEN $1 = 'infinity' THEN max(submitted_at) + INTERVAL 1 SECOND
              ELSE $1::TIMESTAMP END AS t FROM applications)
     SELECT CAST(floor(epoch(a.submitted_at) / ${WEEK_SECONDS}) AS INTEGER) AS week,
       coalesce(a.industry, 'unknown') AS category,
       count(*)::INTEGER AS applications,
       count(*) FILTER (WHERE ${reachedInterviewBefore('bound.t')})::INTEGER AS interviews
     FROM applications a, bound
     WHERE a.submitted_at < bound.t AND a.submitted_at >= bound.t - to_days($2::INTEGER)
     GROUP BY 1, 2`,
    [until, weeks * 7],
  );
  return rows.map((r) => ({
    week: num(r.week),
    category: str(r.category),
    applications: num(r.applications),
    interviews: num(r.interviews),
  }));
}
