/**
 * The named queries of the analysis table (issue 18's convention: every statement against the
 * store's tables lives in a `*queries.ts` module, typed; callers see no SQL nor column names).
 *
 * The one query behind every study: DuckDB joins each submitted application to the resume
 * version it used, the user's profile, the user's randomized suggestions and the user's earlier
 * outcomes, and returns only numeric analysis columns (one row per application).
 *
 * Why each covariate is pre-treatment:
 *   - profile (years, seniority, education): the user's first profile, set at signup;
 *   - initial_score: the score of the user's first resume version, before any edit;
 *   - fit components, job seniority and category: properties of the job chosen;
 *   - prior_rate: interviews of the user's applications whose interview came before this
 *     submission, shrunk toward the base rate (a proxy of the hidden skill);
 *   - resume_score and the strategy mode are set by the resume the application used, so they
 *     are pre-treatment for tailoring and timing but NOT for edits (an edit moves them).
 */

import { EDUCATION_LEVELS, SENIORITY_LEVELS } from '@hirelearn/contract';
import { num, str, type SqlSource } from '@hirelearn/store';
import { type AnalysisWindow, reachedInterviewBefore, windowBounds } from './window';

/** A SQL string literal of one of our own constants (the vocabularies below); never of data. */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

const SENIORITY = SENIORITY_LEVELS;
const EDUCATION = EDUCATION_LEVELS;

/** `list_position` of a value in a fixed vocabulary, as an ordinal (0 when unknown). */
const ordinal = (expr: string, vocabulary: readonly string[]) =>
  `coalesce(list_position([${vocabulary.map(q).join(', ')}], ${expr}), 0)::DOUBLE`;

/** Prior-rate shrinkage: (interviews + k·base) / (applications + k). */
export const PRIOR_STRENGTH = 5;

/** The fact tables the analysis query reads. */
const FACTS = ['applications', 'users', 'resume_versions'];

/** Whether the store has built every fact table the analysis reads (not before its first ingest). */
export async function hasAnalysisFacts(db: SqlSource): Promise<boolean> {
  const [row] = await db.rows(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables
     WHERE table_name IN ($1::VARCHAR, $2::VARCHAR, $3::VARCHAR)`,
    FACTS,
  );
  return num(row?.n) >= FACTS.length;
}

/** The edit types present in the log, as the events spell them, sorted. */
export async function editTypesInLog(db: SqlSource): Promise<string[]> {
  const rows = await db.rows(`
  SELECT DISTINCT t AS edit_type FROM (SELECT unnest(edit_types) AS t FROM resume_versions)
  WHERE t IS NOT NULL ORDER BY 1`);
  return rows.map((r) => str(r.edit_type));
}

/** The analysis columns of the applications in a window, one entry per application. */
export interface AnalysisColumns {
  readonly application_ids: string[];
  readonly user_ids: string[];
  readonly submitted_at: string[];
  /** Every numeric column by its analysis name (`edit:<type>`, `resume_score`, ...). */
  readonly columns: Record<string, number[]>;
}

const TEXT_COLUMNS = new Set(['application_id', 'user_id', 'submitted_at']);

/**
 * The analysis query's result for the given edit types over `window`, column-wise, in the
 * order of `application_id` (a NULL numeric value is NaN).
 */
export async function analysisColumns(
  db: SqlSource,
  editTypes: readonly string[],
  window: AnalysisWindow = {},
): Promise<AnalysisColumns> {
  const query = analysisQuery(editTypes, window);
  const rows = await db.rows(query.sql, [...query.params]);
  const keys = rows.length > 0 ? Object.keys(rows[0]).filter((k) => !TEXT_COLUMNS.has(k)) : [];
  const columns: Record<string, number[]> = {};
  for (const key of keys)
    columns[query.columns.get(key) ?? key] = rows.map((r) => Number(r[key] ?? NaN));
  return {
    application_ids: rows.map((r) => String(r.application_id)),
    user_ids: rows.map((r) => String(r.user_id)),
    submitted_at: rows.map((r) => String(r.submitted_at)),
    columns,
  };
}

/**
 * The analysis query for some edit types. Edit types are data (any string a producer sends), so
 * none of them is ever spelled in the SQL: each is bound as a parameter, and its two columns
 * get aliases we generate by position (`edit_0`, `suggested_0`, ...), which `columns` maps
 * back to the table's names (`edit:<type>`, `suggested:<type>`). The window's bounds
 * (`AnalysisWindow`) follow the edit types as the last two parameters.
 */
export interface AnalysisQuery {
  readonly sql: string;
  /** `$1..$n`: the edit types, in the order given; `$n+1`, `$n+2`: the window's since, until. */
  readonly params: readonly string[];
  /** Result column (a generated alias) → analysis column, for every per-edit column. */
  readonly columns: ReadonlyMap<string, string>;
}

/** The query returning the analysis columns for the given edit types, over the window. */
export function analysisQuery(
  editTypes: readonly string[],
  window: AnalysisWindow = {},
): AnalysisQuery {
  const columns = new Map<string, string>();
  const edits: string[] = [];
  const suggested: string[] = [];
  editTypes.forEach((t, i) => {
    columns.set(`edit_${i}`, `edit:${t}`);
    columns.set(`suggested_${i}`, `suggested:${t}`);
    edits.push(
      `list_contains(coalesce(rv.edit_types, []), $${i + 1}::VARCHAR)::DOUBLE AS edit_${i}`,
    );
    suggested.push(
      `coalesce(list_contains(sg.types, $${i + 1}::VARCHAR), false)::DOUBLE AS suggested_${i}`,
    );
  });
  const [since, until] = [`$${editTypes.length + 1}`, `$${editTypes.length + 2}`];
  return {
    sql: analysisSql(edits, suggested, since, until),
    params: [...editTypes, ...windowBounds(window)],
    columns,
  };
}

/**
 * One row per application submitted in [since, until) (parameter references); only what
 * happened before `until` exists for it, and the history before `since` still feeds the
 * covariates (prior applications and interviews, first scores).
 */
function analysisSql(
  edits: readonly string[],
  suggested: readonly string[],
  since: string,
  until: string,
): string {
  const perEdit = [...edits, ...suggested].map((c) => `\n    ${c},`).join('');
  return `
  WITH a AS (
    SELECT * REPLACE (${reachedInterviewBefore(until)} AS reached_interview) FROM applications
    WHERE submitted_at IS NOT NULL AND resume_score IS NOT NULL AND submitted_at < ${until}::TIMESTAMP),
  base AS (SELECT avg(reached_interview::DOUBLE) AS rate FROM a),
  prof AS (
    SELECT DISTINCT ON (user_id) user_id, years_experience, seniority, education_level
    FROM users ORDER BY user_id, valid_from),
  first_score AS (
    SELECT DISTINCT ON (user_id) user_id, resume_score AS initial_score
    FROM a ORDER BY user_id, submitted_at, application_id),
  first_edit AS (
    SELECT DISTINCT ON (user_id) user_id, before_score
    FROM resume_versions WHERE before_score IS NOT NULL ORDER BY user_id, created_at),
  sg AS (
    SELECT user_id, list(DISTINCT coalesce(payload->>'$.edit_type',
                                           payload->>'$.suggested_content.edit_type')) AS types
    FROM raw_events
    WHERE event_type IN ('SUGGESTION_ACCEPTED', 'SUGGESTION_EDITED', 'SUGGESTION_REJECTED')
      AND occurred_at < ${until}::TIMESTAMP
    GROUP BY 1),
  prior AS (
    SELECT a.application_id,
      count(p.application_id)::DOUBLE AS prior_apps,
      count(p.application_id) FILTER (WHERE p.interview_at < a.submitted_at)::DOUBLE AS prior_interviews
    FROM a LEFT JOIN a p ON p.user_id = a.user_id AND p.submitted_at < a.submitted_at
    GROUP BY 1)
  SELECT a.application_id, a.user_id,
    strftime(a.submitted_at, '%Y-%m-%dT%H:%M:%SZ') AS submitted_at,
    a.reached_interview::DOUBLE AS reached_interview,
    coalesce(a.tailoring_applied, false)::DOUBLE AS tailoring_applied,
    a.submit_weekday::DOUBLE AS submit_weekday,
    a.submit_hour::DOUBLE AS submit_hour,${perEdit}
    a.resume_score::DOUBLE AS resume_score,
    (a.strategy_mode = 'BALANCED')::DOUBLE AS mode_balanced,
    (a.strategy_mode = 'APPLY_AGGRESSIVELY')::DOUBLE AS mode_aggressive,
    coalesce(fe.before_score, fs.initial_score)::DOUBLE AS initial_score,
    coalesce(a.fit_technical, 0)::DOUBLE AS fit_technical,
    coalesce(a.fit_seniority, 0)::DOUBLE AS fit_seniority,
    coalesce(a.fit_experience, 0)::DOUBLE AS fit_experience,
    coalesce(a.fit_signal, 0)::DOUBLE AS fit_signal,
    (a.category = 'reach')::DOUBLE AS category_reach,
    (a.category = 'safety')::DOUBLE AS category_safety,
    ${ordinal('a.job_seniority', SENIORITY)} AS job_seniority,
    coalesce(pf.years_experience, 0)::DOUBLE AS years_experience,
    ${ordinal('pf.seniority', SENIORITY)} AS seniority,
    ${ordinal('pf.education_level', EDUCATION)} AS education,
    ln(1 + pr.prior_apps) AS log_prior_apps,
    (pr.prior_interviews + ${PRIOR_STRENGTH} * base.rate) / (pr.prior_apps + ${PRIOR_STRENGTH}) AS prior_rate
  FROM a
  CROSS JOIN base
  JOIN prior pr USING (application_id)
  LEFT JOIN resume_versions rv ON rv.user_id = a.user_id AND rv.resume_version_id = a.resume_version_id
  LEFT JOIN prof pf ON pf.user_id = a.user_id
  LEFT JOIN first_score fs ON fs.user_id = a.user_id
  LEFT JOIN first_edit fe ON fe.user_id = a.user_id
  LEFT JOIN sg ON sg.user_id = a.user_id
  WHERE a.submitted_at >= ${since}::TIMESTAMP
  ORDER BY a.application_id`;
}
