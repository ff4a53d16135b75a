/**
 * The named queries of the strategy-threshold RD (rd-study.ts): the RD columns of the window's
 * applications and the resume versions near the cutoff. The cutoff and the density window are
 * parameters, like every bound.
 */
import { num, str, type SqlSource } from '@hirelearn/store';
import { type AnalysisWindow, reachedInterviewBefore, windowBounds } from './window';

/** A setting of the RD as a query parameter: a finite number. */
function finite(x: number, field: string): number {
  if (!Number.isFinite(x))
    throw new RangeError(`rd settings: ${field} must be a finite number, got ${x}`);
  return x;
}

/** The RD columns of the window's applications, in the order of `application_id`. */
export interface RdApplications {
  readonly outcome: number[];
  readonly running: number[];
  /** 1 when the application's mode is not `below_mode`. */
  readonly treated: number[];
  readonly clusters: string[];
  /** The mode most applications below the cutoff carry (null when none is below). */
  readonly below_mode: string | null;
}

/**
 * Every application submitted in the window with a score and a mode, its outcome as known
 * before the window's end: its score (the running variable), whether its mode differs from the
 * mode most applications below `cutoff` carry, and its user (the cluster).
 */
export async function rdApplications(
  db: SqlSource,
  cutoff: number,
  window: AnalysisWindow = {},
): Promise<RdApplications> {
  const rows = await db.rows(
    `
  WITH a AS (
    SELECT * REPLACE (${reachedInterviewBefore('$2')} AS reached_interview) FROM applications
    WHERE submitted_at IS NOT NULL AND resume_score IS NOT NULL AND strategy_mode IS NOT NULL
      AND submitted_at >= $1::TIMESTAMP AND submitted_at < $2::TIMESTAMP),
  below AS (SELECT mode(strategy_mode) AS m FROM a WHERE resume_score < $3::DOUBLE)
  SELECT a.user_id, a.resume_score::DOUBLE AS running,
    (a.strategy_mode IS DISTINCT FROM below.m)::DOUBLE AS treated,
    a.reached_interview::DOUBLE AS outcome, below.m AS below_mode
  FROM a CROSS JOIN below ORDER BY a.application_id`,
    [...windowBounds(window), finite(cutoff, 'cutoff')],
  );
  return {
    outcome: rows.map((r) => num(r.outcome)),
    running: rows.map((r) => num(r.running)),
    treated: rows.map((r) => num(r.treated)),
    clusters: rows.map((r) => str(r.user_id)),
    below_mode: rows.length > 0 && rows[0].below_mode != null ? str(rows[0].below_mode) : null,
  };
}

/**
 * Resume versions with a score in [cutoff − w, cutoff) and in [cutoff, cutoff + w). A rewrite's
 * score is its `after_score`; a first snapshot has none, so it takes the score the applications
 * that used it report.
 */
export async function resumeVersionsNearCutoff(
  db: SqlSource,
  cutoff: number,
  w: number,
): Promise<{ below: number; above: number }> {
  finite(cutoff, 'cutoff');
  finite(w, 'density_window');
  const [row] = await db.rows(
    `
  WITH used AS (
    SELECT user_id, resume_version_id, min(resume_score) AS score FROM applications
    WHERE resume_score IS NOT NULL GROUP BY 1, 2),
  v AS (
    SELECT coalesce(rv.after_score, u.score) AS score FROM resume_versions rv
    LEFT JOIN used u USING (user_id, resume_version_id))
  SELECT count(*) FILTER (WHERE score >= $1::DOUBLE AND score < $2::DOUBLE)::INTEGER AS below,
    count(*) FILTER (WHERE score >= $2::DOUBLE AND score < $3::DOUBLE)::INTEGER AS above
  FROM v`,
    [cutoff - w, cutoff, cutoff + w],
  );
  return { below: num(row?.below), above: num(row?.above) };
}
