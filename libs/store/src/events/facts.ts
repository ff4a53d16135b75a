/** Settings of the facts: when silence counts as ghosting. */
export interface FactsSettings {
  /** An application with no response this many days after submission counts as ghosted. */
  readonly ghost_after_days: number;
}

export const DEFAULT_FACTS_SETTINGS: FactsSettings = Object.freeze({ ghost_after_days: 30 });

/** Every derived table; each has a `user_id` column so erasure reaches it. */
export const FACT_TABLES = [
  'applications',
  'users',
  'user_protected_attributes',
  'resume_versions',
] as const;

const num = (path: string) => `TRY_CAST((j->>'${path}') AS DOUBLE)`;
const str = (path: string) => `(j->>'${path}')`;
const strings = (path: string) => `coalesce(from_json(j->'${path}', '["VARCHAR"]'), [])`;

/**
 * SQL that rebuilds the facts from the event log. "Ever reached" comes from the whole status
 * history, so a final rejection never erases the interview before it; ghosting is a time
 * threshold measured against the newest event in the store (deterministic on replay).
 */
export function factsSql(settings: FactsSettings): string {
  const ghostDays = Math.round(settings.ghost_after_days);
  return `
  CREATE OR REPLACE TABLE applications AS
  WITH app AS (
    SELECT application_id, user_id, event_type, occurred_at, payload::JSON AS j FROM raw_events
    WHERE event_type IN ('APPLICATION_CREATED', 'APPLICATION_SUBMITTED')),
  times AS (
    SELECT application_id,
      min(occurred_at) FILTER (WHERE event_type = 'APPLICATION_CREATED') AS created_at,
      min(occurred_at) FILTER (WHERE event_type = 'APPLICATION_SUBMITTED') AS submitted_at
    FROM app GROUP BY 1),
  ctx AS (
    SELECT DISTINCT ON (application_id) application_id, user_id, j FROM app
    ORDER BY application_id, event_type = 'APPLICATION_SUBMITTED' DESC, occurred_at DESC),
  st AS (
    SELECT application_id, occurred_at, (payload::JSON->>'$.outcome.status') AS status,
      TRY_CAST((payload::JSON->>'$.outcome.days_to_response') AS DOUBLE) AS days
    FROM raw_events WHERE event_type = 'STATUS_CHANGED'),
  reached AS (
    SELECT application_id,
      min(occurred_at) FILTER (WHERE status = 'interview') AS interview_at,
      min(occurred_at) FILTER (WHERE status = 'offer') AS offer_at,
      min(occurred_at) FILTER (WHERE status = 'rejected') AS rejected_at,
      min(occurred_at) FILTER (WHERE status = 'ghosted') AS ghosted_at,
      min(days) FILTER (WHERE status <> 'ghosted') AS days_to_first_response,
      arg_max(status, occurred_at) AS last_status
    FROM st GROUP BY 1),
  as_of AS (SELECT max(occurred_at) AS t FROM raw_events)
  SELECT c.application_id, c.user_id, ${str('$.job_id')} AS job_id,
    ${str('$.resume_version_id')} AS resume_version_id,
    ${str('$.context.strategy_mode')} AS strategy_mode,
    ${num('$.context.fit_score')} AS fit_score,
    ${num('$.context.fit_components.technical')} AS fit_technical,
    ${num('$.context.fit_components.seniority')} AS fit_seniority,
    ${num('$.context.fit_components.experience')} AS fit_experience,
    ${num('$.context.fit_components.signal')} AS fit_signal,
    ${str('$.context.category')} AS category,
    ${str('$.context.job_characteristics.title')} AS job_title,
    ${str('$.context.job_characteristics.company')} AS company,
    ${str('$.context.job_characteristics.seniority')} AS job_seniority,
    ${str('$.context.job_characteristics.location')} AS job_location,
    ${str('$.context.job_characteristics.industry')} AS industry,
    ${str('$.context.job_characteristics.company_size')} AS company_size,
    ${str('$.context.job_characteristics.company_stage')} AS company_stage,
    ${num('$.context.resume_score')} AS resume_score,
    TRY_CAST((j->>'$.context.tailoring_applied') AS BOOLEAN) AS tailoring_applied,
    t.created_at, t.submitted_at,
    isodow(t.submitted_at) AS submit_weekday,
    hour(t.submitted_at) AS submit_hour,
    r.interview_at IS NOT NULL OR r.offer_at IS NOT NULL AS reached_interview,
    r.offer_at IS NOT NULL AS reached_offer,
    r.rejected_at IS NOT NULL AS rejected,
    r.interview_at, r.offer_at, r.rejected_at, r.days_to_first_response,
    r.ghosted_at IS NOT NULL OR (
      r.interview_at IS NULL AND r.offer_at IS NULL AND r.rejected_at IS NULL
      AND coalesce(t.submitted_at, t.created_at) + INTERVAL ${ghostDays} DAY <= as_of.t
    ) AS ghosted,
    coalesce(r.last_status, CASE
      WHEN coalesce(t.submitted_at, t.created_at) + INTERVAL ${ghostDays} DAY <= as_of.t THEN 'ghosted'
      ELSE 'pending' END) AS final_status
  FROM ctx c JOIN times t USING (application_id) LEFT JOIN reached r USING (application_id), as_of
  ORDER BY c.application_id;

  CREATE OR REPLACE TABLE users AS
  WITH p AS (
    SELECT user_id, occurred_at, event_id, payload::JSON AS j FROM raw_events
    WHERE event_type = 'USER_PROFILE_UPDATED'),
  opt AS (
    SELECT user_id,
      min(occurred_at) FILTER (WHERE scope IN ('market_insights', 'all')) AS market_insights_at,
      min(occurred_at) FILTER (WHERE scope IN ('personalization', 'all')) AS personalization_at
    FROM (SELECT user_id, occurred_at, (payload::JSON->>'$.scope') AS scope FROM raw_events
          WHERE event_type = 'USER_OPTED_OUT') GROUP BY 1)
  SELECT p.user_id, p.occurred_at AS valid_from,
    lead(p.occurred_at) OVER (PARTITION BY p.user_id ORDER BY p.occurred_at, p.event_id) AS valid_to,
    ${num('$.profile.years_experience')} AS years_experience,
    ${str('$.profile.seniority')} AS seniority,
    ${strings('$.profile.target_roles')} AS target_roles,
    ${strings('$.profile.industries')} AS industries,
    ${strings('$.profile.locations')} AS locations,
    ${str('$.profile.education_level')} AS education_level,
    ${str('$.profile.work_arrangement_preference')} AS work_arrangement_preference,
    ${num('$.profile.salary_target')} AS salary_target,
    coalesce(TRY_CAST((j->>'$.consent.market_insights') AS BOOLEAN), true) AS consent_market_insights,
    coalesce(TRY_CAST((j->>'$.consent.personalization') AS BOOLEAN), true) AS consent_personalization,
    opt.market_insights_at AS opted_out_market_insights_at,
    opt.personalization_at AS opted_out_personalization_at
  FROM p LEFT JOIN opt USING (user_id)
  ORDER BY p.user_id, valid_from;

  CREATE OR REPLACE TABLE user_protected_attributes AS
  SELECT user_id, occurred_at AS valid_from, (payload::JSON->'$.protected_attributes') AS attributes
  FROM raw_events
  WHERE event_type = 'USER_PROFILE_UPDATED' AND (payload::JSON->'$.protected_attributes') IS NOT NULL
  ORDER BY user_id, valid_from;

  CREATE OR REPLACE TABLE resume_versions AS
  WITH r AS (
    SELECT user_id, occurred_at, event_type, payload::JSON AS j FROM raw_events
    WHERE event_type IN ('RESUME_REWRITTEN', 'SCORE_CHANGED', 'RESUME_SNAPSHOT')),
  accepted AS (
    SELECT *, CASE WHEN coalesce(TRY_CAST((j->>'$.user_accepted') AS BOOLEAN), true)
                   THEN ${strings('$.edit_types')} ELSE [] END AS edits,
      coalesce(TRY_CAST((j->>'$.suggested_by_system') AS BOOLEAN), false) AS suggested
    FROM r),
  v AS (
    SELECT user_id, ${str('$.resume_version_id')} AS resume_version_id,
      min(occurred_at) AS created_at,
      arg_min(${num('$.before_score')}, occurred_at) FILTER (WHERE event_type <> 'RESUME_SNAPSHOT') AS before_score,
      arg_max(${num('$.after_score')}, occurred_at) FILTER (WHERE event_type <> 'RESUME_SNAPSHOT') AS after_score,
      list_sort(list_distinct(flatten(list(edits)))) AS edit_types_added,
      list_sort(list_distinct(flatten(list(CASE WHEN suggested THEN edits ELSE [] END)))) AS suggested_edit_types_added
    FROM accepted GROUP BY 1, 2)
  SELECT user_id, resume_version_id, created_at, before_score, after_score,
    edit_types_added, suggested_edit_types_added,
    list_sort(list_distinct(flatten(list(edit_types_added) OVER w))) AS edit_types,
    list_sort(list_distinct(flatten(list(suggested_edit_types_added) OVER w))) AS suggested_edit_types
  FROM v
  WINDOW w AS (PARTITION BY user_id ORDER BY created_at, resume_version_id
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ORDER BY user_id, created_at;
  `;
}
