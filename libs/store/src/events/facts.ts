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

/**
 * The shapes the facts read from payloads. `json_transform` parses each payload once into a
 * typed struct; extracting paths one by one would parse it again for every field.
 */
const SHAPES = {
  application: {
    job_id: 'VARCHAR',
    resume_version_id: 'VARCHAR',
    context: {
      strategy_mode: 'VARCHAR',
      fit_score: 'DOUBLE',
      fit_components: {
        technical: 'DOUBLE',
        seniority: 'DOUBLE',
        experience: 'DOUBLE',
        signal: 'DOUBLE',
      },
      category: 'VARCHAR',
      job_characteristics: {
        title: 'VARCHAR',
        company: 'VARCHAR',
        seniority: 'VARCHAR',
        location: 'VARCHAR',
        industry: 'VARCHAR',
        company_size: 'VARCHAR',
        company_stage: 'VARCHAR',
      },
      resume_score: 'DOUBLE',
      tailoring_applied: 'BOOLEAN',
    },
  },
  status: { outcome: { status: 'VARCHAR', days_to_response: 'DOUBLE' } },
  profile: {
    profile: {
      years_experience: 'DOUBLE',
      seniority: 'VARCHAR',
      target_roles: ['VARCHAR'],
      industries: ['VARCHAR'],
      locations: ['VARCHAR'],
      education_level: 'VARCHAR',
      work_arrangement_preference: 'VARCHAR',
      salary_target: 'DOUBLE',
    },
    consent: { market_insights: 'BOOLEAN', personalization: 'BOOLEAN' },
  },
  opt_out: { scope: 'VARCHAR' },
  resume: {
    resume_version_id: 'VARCHAR',
    before_score: 'DOUBLE',
    after_score: 'DOUBLE',
    user_accepted: 'BOOLEAN',
    suggested_by_system: 'BOOLEAN',
    edit_types: ['VARCHAR'],
  },
} as const;

const parsedFrom = (shape: keyof typeof SHAPES, column: string) =>
  `json_transform(${column}, '${JSON.stringify(SHAPES[shape])}')`;
const parsed = (shape: keyof typeof SHAPES) => parsedFrom(shape, 'payload');

/**
 * A number of days spelled into the facts' SQL (a script of several statements, which cannot
 * take parameters): only a finite number >= 0 passes, rounded to whole days, so nothing but
 * digits reaches the SQL whatever a caller (`ingest --ghost-after-days`) passes.
 */
function wholeDays(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name}: must be a finite number of days >= 0, got ${String(value)}`);
  }
  return Math.round(value);
}

/**
 * SQL that rebuilds the facts from the event log. "Ever reached" comes from the whole status
 * history, so a final rejection never erases the interview before it; ghosting is a time
 * threshold measured against the newest event in the store (deterministic on replay).
 */
export function factsSql(settings: FactsSettings): string {
  const ghostDays = wholeDays('ghost_after_days', settings.ghost_after_days);
  return `
  CREATE OR REPLACE TABLE applications AS
  WITH app AS (
    SELECT application_id,
      min(occurred_at) FILTER (WHERE event_type = 'APPLICATION_CREATED') AS created_at,
      min(occurred_at) FILTER (WHERE event_type = 'APPLICATION_SUBMITTED') AS submitted_at,
      arg_max({'user_id': user_id, 'payload': payload},
        (event_type = 'APPLICATION_SUBMITTED', occurred_at)) AS context_event
    FROM raw_events WHERE event_type IN ('APPLICATION_CREATED', 'APPLICATION_SUBMITTED')
    GROUP BY 1),
  ctx AS (
    SELECT application_id, context_event.user_id AS user_id, created_at, submitted_at,
      ${parsedFrom('application', 'context_event.payload')} AS j
    FROM app),
  st AS (
    SELECT application_id, occurred_at, j.outcome.status AS status, j.outcome.days_to_response AS days
    FROM (SELECT application_id, occurred_at, ${parsed('status')} AS j FROM raw_events
          WHERE event_type = 'STATUS_CHANGED')),
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
  SELECT t.application_id, t.user_id, j.job_id AS job_id,
    j.resume_version_id AS resume_version_id,
    j.context.strategy_mode AS strategy_mode,
    j.context.fit_score AS fit_score,
    j.context.fit_components.technical AS fit_technical,
    j.context.fit_components.seniority AS fit_seniority,
    j.context.fit_components.experience AS fit_experience,
    j.context.fit_components.signal AS fit_signal,
    j.context.category AS category,
    j.context.job_characteristics.title AS job_title,
    j.context.job_characteristics.company AS company,
    j.context.job_characteristics.seniority AS job_seniority,
    j.context.job_characteristics.location AS job_location,
    j.context.job_characteristics.industry AS industry,
    j.context.job_characteristics.company_size AS company_size,
    j.context.job_characteristics.company_stage AS company_stage,
    j.context.resume_score AS resume_score,
    j.context.tailoring_applied AS tailoring_applied,
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
  FROM ctx t LEFT JOIN reached r USING (application_id), as_of
  ORDER BY t.application_id;

  CREATE OR REPLACE TABLE users AS
  WITH p AS (
    SELECT user_id, occurred_at, event_id, ${parsed('profile')} AS j FROM raw_events
    WHERE event_type = 'USER_PROFILE_UPDATED'),
  opt AS (
    SELECT user_id,
      min(occurred_at) FILTER (WHERE scope IN ('market_insights', 'all')) AS market_insights_at,
      min(occurred_at) FILTER (WHERE scope IN ('personalization', 'all')) AS personalization_at
    FROM (SELECT user_id, occurred_at, ${parsed('opt_out')}.scope AS scope FROM raw_events
          WHERE event_type = 'USER_OPTED_OUT') GROUP BY 1)
  SELECT p.user_id, p.occurred_at AS valid_from,
    lead(p.occurred_at) OVER (PARTITION BY p.user_id ORDER BY p.occurred_at, p.event_id) AS valid_to,
    j.profile.years_experience AS years_experience,
    j.profile.seniority AS seniority,
    coalesce(j.profile.target_roles, []) AS target_roles,
    coalesce(j.profile.industries, []) AS industries,
    coalesce(j.profile.locations, []) AS locations,
    j.profile.education_level AS education_level,
    j.profile.work_arrangement_preference AS work_arrangement_preference,
    j.profile.salary_target AS salary_target,
    coalesce(j.consent.market_insights, true) AS consent_market_insights,
    coalesce(j.consent.personalization, true) AS consent_personalization,
    opt.market_insights_at AS opted_out_market_insights_at,
    opt.personalization_at AS opted_out_personalization_at
  FROM p LEFT JOIN opt USING (user_id)
  ORDER BY p.user_id, valid_from;

  CREATE OR REPLACE TABLE user_protected_attributes AS
  SELECT user_id, valid_from, attributes FROM (
    SELECT user_id, occurred_at AS valid_from,
      json_extract(payload, '$.protected_attributes') AS attributes
    FROM raw_events WHERE event_type = 'USER_PROFILE_UPDATED')
  WHERE attributes IS NOT NULL
  ORDER BY user_id, valid_from;

  CREATE OR REPLACE TABLE resume_versions AS
  WITH r AS (
    SELECT user_id, occurred_at, event_type, ${parsed('resume')} AS j FROM raw_events
    WHERE event_type IN ('RESUME_REWRITTEN', 'SCORE_CHANGED', 'RESUME_SNAPSHOT')),
  accepted AS (
    SELECT *, CASE WHEN coalesce(j.user_accepted, true) THEN coalesce(j.edit_types, []) ELSE [] END AS edits,
      coalesce(j.suggested_by_system, false) AS suggested
    FROM r),
  v AS (
    SELECT user_id, j.resume_version_id AS resume_version_id,
      min(occurred_at) AS created_at,
      arg_min(j.before_score, occurred_at) FILTER (WHERE event_type <> 'RESUME_SNAPSHOT') AS before_score,
      arg_max(j.after_score, occurred_at) FILTER (WHERE event_type <> 'RESUME_SNAPSHOT') AS after_score,
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
