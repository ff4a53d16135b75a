import { rateOf, shrunkRate, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { LATEST_PROFILE, num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

/** One value of one dimension of a user's applications, with its interview rate. */
export interface PatternCell {
  readonly value: string;
  readonly interview_rate: Rate;
  /** Pulled toward the segment's rate; what the ranking uses. */
  readonly shrunk_rate: number;
  /** n >= min_sample: may be called best or worst. */
  readonly eligible: boolean;
}

/** The cells of one dimension, best first, and the best eligible one (if any). */
export interface PatternDimension {
  readonly cells: readonly PatternCell[];
  readonly best: string | null;
}

export interface SuggestionPattern {
  readonly edit_type: string;
  readonly acceptance_rate: Rate;
  readonly edited: number;
  readonly rejected: number;
}

/** Timing is observational: organised users both apply on Tuesday mornings and do well. */
export interface TimingPattern {
  readonly by_weekday: PatternDimension;
  readonly by_hour_band: PatternDimension;
  readonly interpretation: 'correlation';
  readonly causal_check: string;
}

/**
 * An edit type the user made: how often, and the interview rate of their applications sent
 * with a resume carrying it against those without. Correlation within one user (later
 * versions meet a different market): the attribution is the causal check.
 */
export interface EditPattern {
  readonly edit_type: string;
  /** Accepted rewrites that made it. */
  readonly times: number;
  readonly interview_rate_with: Rate;
  readonly interview_rate_without: Rate;
}

/** The spec's `UserPatterns`: what has worked for this user so far, sample sizes attached. */
export interface UserPatterns {
  readonly status: 'ok' | 'no_applications';
  readonly user_id: string;
  readonly segment: { readonly seniority: string | null; readonly interview_rate: Rate };
  readonly min_sample: number;
  readonly best_roles: PatternDimension;
  readonly best_locations: PatternDimension;
  readonly best_company_sizes: PatternDimension;
  readonly best_company_stages: PatternDimension;
  readonly best_seniority: PatternDimension;
  readonly timing: TimingPattern;
  readonly best_resume_version: PatternDimension;
  /**
   * By the part of the resume the application's version rewrote (RESUME_REWRITTEN.rewrite_type:
   * bullet, summary, section; 'original' for a version no rewrite made).
   */
  readonly best_performing_sections: PatternDimension;
  readonly typical_edit_patterns: readonly EditPattern[];
  readonly acceptance_patterns: readonly SuggestionPattern[];
  readonly rejection_reasons: Readonly<Record<string, number>>;
}

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const DIMENSIONS_SQL = `
  WITH a AS (SELECT * FROM applications WHERE user_id = $1)
  SELECT dimension, value, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS x
  FROM (
    SELECT 'role' AS dimension, job_title AS value, reached_interview FROM a
    UNION ALL SELECT 'location', job_location, reached_interview FROM a
    UNION ALL SELECT 'company_size', company_size, reached_interview FROM a
    UNION ALL SELECT 'company_stage', company_stage, reached_interview FROM a
    UNION ALL SELECT 'seniority', job_seniority, reached_interview FROM a
    UNION ALL SELECT 'weekday', submit_weekday::VARCHAR, reached_interview FROM a
    UNION ALL SELECT 'hour_band', CASE WHEN submit_hour < 6 THEN 'night (0-6)'
      WHEN submit_hour < 12 THEN 'morning (6-12)' WHEN submit_hour < 18 THEN 'afternoon (12-18)'
      ELSE 'evening (18-24)' END, reached_interview FROM a
    UNION ALL SELECT 'resume_version', resume_version_id, reached_interview FROM a
    UNION ALL SELECT 'section', coalesce(rw.rewrite_type, 'original'), reached_interview
      FROM a LEFT JOIN (
        SELECT json_extract_string(payload, '$.resume_version_id') AS resume_version_id,
          arg_max(json_extract_string(payload, '$.rewrite_type'), occurred_at) AS rewrite_type
        FROM raw_events WHERE user_id = $1 AND event_type = 'RESUME_REWRITTEN'
          AND coalesce(TRY_CAST(json_extract(payload, '$.user_accepted') AS BOOLEAN), true)
        GROUP BY 1) rw USING (resume_version_id))
  WHERE value IS NOT NULL
  GROUP BY ALL`;

/** The segment's pooled rate over users who share their data (the user included). */
const SEGMENT_SQL = `
  WITH me AS (SELECT seniority FROM (${LATEST_PROFILE}) WHERE user_id = $1),
  peers AS (SELECT user_id FROM (${LATEST_PROFILE}) p, me
    WHERE p.seniority IS NOT DISTINCT FROM me.seniority
      AND (user_id = $1 OR user_id NOT IN (${OPTED_OUT_USERS})))
  SELECT (SELECT seniority FROM me) AS seniority, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS x
  FROM applications WHERE user_id IN (SELECT user_id FROM peers)`;

const SUGGESTIONS_SQL = `
  SELECT coalesce(json_extract_string(payload, '$.edit_type'),
      json_extract_string(payload, '$.suggested_content.edit_type'),
      json_extract_string(payload, '$.suggestion_type')) AS edit_type,
    count(*) FILTER (WHERE event_type <> 'SUGGESTION_REJECTED')::INTEGER AS accepted,
    count(*) FILTER (WHERE event_type = 'SUGGESTION_EDITED')::INTEGER AS edited,
    count(*) FILTER (WHERE event_type = 'SUGGESTION_REJECTED')::INTEGER AS rejected,
    count(*)::INTEGER AS n,
    list(json_extract_string(payload, '$.rejection_reason'))
      FILTER (WHERE event_type = 'SUGGESTION_REJECTED') AS reasons
  FROM raw_events
  WHERE user_id = $1 AND event_type IN ('SUGGESTION_ACCEPTED', 'SUGGESTION_EDITED', 'SUGGESTION_REJECTED')
  GROUP BY 1 ORDER BY n DESC, edit_type`;

/** Each edit type the user made, and their applications with and without it. */
const EDITS_SQL = `
  WITH t AS (
    SELECT edit_type, count(*)::INTEGER AS times
    FROM (SELECT unnest(edit_types_added) AS edit_type FROM resume_versions WHERE user_id = $1)
    GROUP BY 1),
  a AS (
    SELECT a.reached_interview, coalesce(rv.edit_types, []) AS carried
    FROM applications a LEFT JOIN resume_versions rv
      ON rv.user_id = a.user_id AND rv.resume_version_id = a.resume_version_id
    WHERE a.user_id = $1)
  SELECT t.edit_type, t.times,
    count(a.reached_interview) FILTER (WHERE list_contains(a.carried, t.edit_type))::INTEGER AS n_with,
    count(*) FILTER (WHERE list_contains(a.carried, t.edit_type) AND a.reached_interview)::INTEGER AS x_with,
    count(a.reached_interview) FILTER (WHERE NOT list_contains(a.carried, t.edit_type))::INTEGER AS n_without,
    count(*) FILTER (WHERE NOT list_contains(a.carried, t.edit_type) AND a.reached_interview)::INTEGER AS x_without
  FROM t LEFT JOIN a ON true
  GROUP BY t.edit_type, t.times ORDER BY t.times DESC, t.edit_type`;

function dimension(
  rows: readonly Record<string, unknown>[],
  name: string,
  prior: number,
  s: AnalyticsSettings,
  label: (v: string) => string = (v) => v,
): PatternDimension {
  const cells = rows
    .filter((r) => r.dimension === name)
    .map((r): PatternCell => {
      const n = num(r.n);
      const x = num(r.x);
      return Object.freeze({
        value: label(str(r.value)),
        interview_rate: rateOf(x, n, s.alpha),
        shrunk_rate: shrunkRate(x, n, prior, s.prior_strength),
        eligible: n >= s.min_sample,
      });
    })
    .sort(
      (a, b) =>
        b.shrunk_rate - a.shrunk_rate ||
        b.interview_rate.n - a.interview_rate.n ||
        a.value.localeCompare(b.value),
    );
  const best = cells.find((c) => c.eligible);
  return Object.freeze({ cells: Object.freeze(cells), best: best ? best.value : null });
}

/** One user's `UserPatterns` over their whole history. */
export async function userPatterns(
  db: SqlSource,
  userId: string,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserPatterns> {
  const rows = await db.rows(DIMENSIONS_SQL, [userId]);
  const [seg] = await db.rows(SEGMENT_SQL, [userId]);
  const suggestions = await db.rows(SUGGESTIONS_SQL, [userId]);
  const edits = await db.rows(EDITS_SQL, [userId]);
  const segmentRate = rateOf(num(seg?.x), num(seg?.n), settings.alpha);
  const prior = segmentRate.rate ?? 0;
  const dim = (name: string, label?: (v: string) => string) =>
    dimension(rows, name, prior, settings, label);
  const reasons: Record<string, number> = {};
  for (const s of suggestions) {
    for (const r of (s.reasons as (string | null)[] | null) ?? []) {
      const key = r ?? 'unspecified';
      reasons[key] = (reasons[key] ?? 0) + 1;
    }
  }
  const total = rows.filter((r) => r.dimension === 'role').reduce((t, r) => t + num(r.n), 0);
  return Object.freeze({
    status: total > 0 ? 'ok' : 'no_applications',
    user_id: userId,
    segment: Object.freeze({
      seniority: seg?.seniority ? str(seg.seniority) : null,
      interview_rate: segmentRate,
    }),
    min_sample: settings.min_sample,
    best_roles: dim('role'),
    best_locations: dim('location'),
    best_company_sizes: dim('company_size'),
    best_company_stages: dim('company_stage'),
    best_seniority: dim('seniority'),
    timing: Object.freeze({
      by_weekday: dim('weekday', (v) => WEEKDAYS[Number(v)] ?? v),
      by_hour_band: dim('hour_band'),
      interpretation: 'correlation' as const,
      causal_check:
        'timing is confounded (organised users favour Tuesday mornings); see the causal verdict for submitted_on_tuesday / submitted_in_morning before acting on it',
    }),
    best_resume_version: dim('resume_version'),
    best_performing_sections: dim('section'),
    typical_edit_patterns: Object.freeze(
      edits.map((e) =>
        Object.freeze({
          edit_type: str(e.edit_type),
          times: num(e.times),
          interview_rate_with: rateOf(num(e.x_with), num(e.n_with), settings.alpha),
          interview_rate_without: rateOf(num(e.x_without), num(e.n_without), settings.alpha),
        }),
      ),
    ),
    acceptance_patterns: Object.freeze(
      suggestions.map((s) =>
        Object.freeze({
          edit_type: str(s.edit_type),
          acceptance_rate: rateOf(num(s.accepted), num(s.n), settings.alpha),
          edited: num(s.edited),
          rejected: num(s.rejected),
        }),
      ),
    ),
    rejection_reasons: Object.freeze(reasons),
  });
}
