/**
 * The plan's named queries against the event store: who the user is (known, erased, consent to
 * personalization, profile), and applications grouped by what a plan can change, for the user
 * or for a pool of peers. Each application is scored for alignment with its own applicant's
 * latest targets: the title names one of `target_roles` (1 or 0: 'Senior Data Engineer' names
 * 'Data Engineer'), seniority steps from the profile's
 * seniority (1 - steps / seniority_steps, floored at 0) and the posting's `salary_max` against
 * `salary_target` (capped at 1), averaged over the parts that can be scored. Only applications
 * whose outcome is known (not pending) count. Every value from outside, settings included, is a
 * parameter; the SQL text is built only from constants and the placeholders' numbers.
 */
import type { EventStore } from '@hirelearn/store';
import type { PlanSettings } from './settings';
import { PLAN_CATEGORIES, type ApplicationGroup, type PlanCategory } from './types';
import { LATEST_PROFILE, OPTED_OUT_USERS, num, str, type SqlSource } from '@hirelearn/store';

export interface UserStanding {
  readonly erased: boolean;
  /** A profile or an application of the user is stored. */
  readonly known: boolean;
  /** Consent withheld in any profile, or a USER_OPTED_OUT of personalization or all. */
  readonly opted_out_of_personalization: boolean;
  /** Seniority of the latest profile. */
  readonly seniority: string | null;
}

/** Which applications a query reads. */
export type PlanScope =
  | { readonly kind: 'user'; readonly user_id: string }
  /** Users sharing their data with this seniority (every seniority when null), minus one user. */
  | { readonly kind: 'peers'; readonly seniority: string | null; readonly without: string | null };

const FACT_TABLES = ['applications', 'users'];

async function factsExist(db: SqlSource): Promise<boolean> {
  const [r] = await db.rows(
    `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name IN (${FACT_TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  return num(r?.n) === FACT_TABLES.length;
}

const STANDING_SQL = `
  SELECT
    (SELECT count(*) FROM users WHERE user_id = $1)::INTEGER
      + (SELECT count(*) FROM applications WHERE user_id = $1)::INTEGER AS rows,
    (SELECT seniority FROM (${LATEST_PROFILE}) WHERE user_id = $1) AS seniority,
    (SELECT count(*) FROM users WHERE user_id = $1
       AND (NOT consent_personalization OR opted_out_personalization_at IS NOT NULL))::INTEGER
      + (SELECT count(*) FROM raw_events WHERE user_id = $1 AND event_type = 'USER_OPTED_OUT'
       AND json_extract_string(payload, '$.scope') IN ('personalization', 'all'))::INTEGER AS opt_outs`;

/** The user's standing; erased users are found by their tombstone (nothing else is left). */
export async function userStanding(store: EventStore, userId: string): Promise<UserStanding> {
  const erased = (await store.tombstoneHashes()).has(store.userHash(userId));
  if (erased || !(await factsExist(store))) {
    return Object.freeze({
      erased,
      known: false,
      opted_out_of_personalization: false,
      seniority: null,
    });
  }
  const [r] = await store.rows(STANDING_SQL, [userId]);
  return Object.freeze({
    erased: false,
    known: num(r?.rows) > 0,
    opted_out_of_personalization: num(r?.opt_outs) > 0,
    seniority: r?.seniority === null || r?.seniority === undefined ? null : str(r.seniority),
  });
}

/** SQL: the title names one of the roles, case-insensitively. */
const TITLE_MATCHES = (title: string, roles: string) =>
  `len(list_filter(${roles}, r -> contains(lower(${title}), lower(r)))) > 0`;

/** SQL: the seniority ladder, a parameter holding its JSON list. */
const ladderOf = (param: string) => `from_json(${param}::VARCHAR, '["VARCHAR"]')`;

/** The scope's condition on the applications `a`, its values bound from `$first` on. */
function scopeFilter(scope: PlanScope, first = 1): { where: string; params: (string | null)[] } {
  const [p, q] = [`$${first}`, `$${first + 1}`];
  if (scope.kind === 'user') return { where: `a.user_id = ${p}`, params: [scope.user_id] };
  return {
    where: `a.user_id IN (SELECT user_id FROM (${LATEST_PROFILE})
        WHERE (${p}::VARCHAR IS NULL OR seniority = ${p}))
      AND a.user_id NOT IN (${OPTED_OUT_USERS})
      AND a.user_id IS DISTINCT FROM ${q}`,
    params: [scope.seniority, scope.without],
  };
}

/** The groups of the applications `where` keeps; $1 is the seniority ladder, $2 `seniority_steps`. */
function groupsSql(where: string): string {
  const ladder = ladderOf('$1');
  return `
  WITH prof AS (SELECT user_id, seniority AS user_seniority, target_roles, salary_target
                FROM (${LATEST_PROFILE})),
  jobs AS (SELECT json_extract_string(payload, '$.job_id') AS job_id,
             max(TRY_CAST(json_extract(payload, '$.salary_max') AS DOUBLE)) AS salary_max
           FROM raw_events WHERE event_type = 'JOB_POSTED' GROUP BY 1),
  scored AS (
    SELECT a.category, coalesce(a.tailoring_applied, false) AS tailored,
      coalesce(a.submit_weekday, 0) AS weekday, coalesce(a.submit_hour, 0) AS hour,
      a.reached_interview,
      CASE WHEN len(p.target_roles) > 0 THEN
        CASE WHEN ${TITLE_MATCHES('a.job_title', 'p.target_roles')} THEN 1.0 ELSE 0.0 END
      END AS role_fit,
      CASE WHEN list_position(${ladder}, a.job_seniority) > 0
            AND list_position(${ladder}, p.user_seniority) > 0 THEN
        greatest(0.0, 1.0 - abs(list_position(${ladder}, a.job_seniority)
          - list_position(${ladder}, p.user_seniority)) / $2::DOUBLE) END AS seniority_fit,
      CASE WHEN p.salary_target > 0 AND j.salary_max IS NOT NULL THEN
        least(1.0, j.salary_max / p.salary_target) END AS salary_fit
    FROM applications a LEFT JOIN prof p USING (user_id) LEFT JOIN jobs j USING (job_id)
    WHERE ${where} AND a.final_status <> 'pending' AND a.category IN (${PLAN_CATEGORIES.map((c) => `'${c}'`).join(', ')})),
  aligned AS (
    SELECT *, (coalesce(role_fit, 0) + coalesce(seniority_fit, 0) + coalesce(salary_fit, 0))
      / nullif((role_fit IS NOT NULL)::INTEGER + (seniority_fit IS NOT NULL)::INTEGER
        + (salary_fit IS NOT NULL)::INTEGER, 0) AS alignment
    FROM scored)
  SELECT category, tailored, weekday, hour, count(*)::INTEGER AS applications,
    count(*) FILTER (WHERE reached_interview)::INTEGER AS interviews,
    coalesce(sum(alignment), 0)::DOUBLE AS alignment_sum, count(alignment)::INTEGER AS alignment_n
  FROM aligned GROUP BY ALL ORDER BY ALL`;
}

/** Applications of a scope grouped by category, tailoring, weekday and hour, with outcomes. */
export async function applicationGroups(
  db: SqlSource,
  scope: PlanScope,
  s: PlanSettings,
): Promise<readonly ApplicationGroup[]> {
  if (!(await factsExist(db))) return [];
  const { where, params } = scopeFilter(scope, 3);
  const rows = await db.rows(groupsSql(where), [
    JSON.stringify(s.seniority_ladder),
    s.seniority_steps,
    ...params,
  ]);
  return Object.freeze(
    rows.map((r): ApplicationGroup =>
      Object.freeze({
        category: str(r.category) as PlanCategory,
        tailored: Boolean(r.tailored),
        weekday: num(r.weekday),
        hour: num(r.hour),
        applications: num(r.applications),
        interviews: num(r.interviews),
        alignment_sum: num(r.alignment_sum),
        alignment_n: num(r.alignment_n),
      }),
    ),
  );
}

/** Users with a known outcome in the peers' pool: the prior is shown only from k or more. */
export async function peerCount(db: SqlSource, scope: PlanScope): Promise<number> {
  if (!(await factsExist(db))) return 0;
  const { where, params } = scopeFilter(scope);
  const [r] = await db.rows(
    `SELECT count(DISTINCT a.user_id)::INTEGER AS n FROM applications a
     WHERE ${where} AND a.final_status <> 'pending'`,
    params,
  );
  return num(r?.n);
}

/**
 * Postings a week that fit the user, by category: JOB_POSTED in the last `postings_window_weeks`
 * (to the newest posting) whose title names one of the user's target roles, one seniority step
 * above theirs (reach), at it (target) or one below (safety). Null when the profile has no
 * target roles or seniority on the ladder, or the store has no postings in the window.
 */
export async function fittingPostingsPerWeek(
  db: SqlSource,
  userId: string,
  s: PlanSettings,
): Promise<Readonly<Record<PlanCategory, number>> | null> {
  if (!(await factsExist(db))) return null;
  const ladder = ladderOf('$2');
  const weeks = s.postings_window_weeks;
  const rows = await db.rows(
    `WITH prof AS (SELECT seniority, target_roles FROM (${LATEST_PROFILE}) WHERE user_id = $1
                   AND len(target_roles) > 0 AND list_position(${ladder}, seniority) > 0),
    posts AS (SELECT occurred_at, json_extract_string(payload, '$.title') AS title,
                json_extract_string(payload, '$.seniority') AS seniority
              FROM raw_events WHERE event_type = 'JOB_POSTED'),
    horizon AS (SELECT max(occurred_at) AS t FROM posts)
    SELECT list_position(${ladder}, posts.seniority) - list_position(${ladder}, prof.seniority) AS step,
      count(*)::INTEGER AS n
    FROM posts, prof, horizon
    WHERE posts.occurred_at > horizon.t - $3::DOUBLE * INTERVAL 1 DAY
      AND ${TITLE_MATCHES('posts.title', 'prof.target_roles')}
      AND list_position(${ladder}, posts.seniority) > 0
    GROUP BY 1`,
    [userId, JSON.stringify(s.seniority_ladder), 7 * weeks],
  );
  if (rows.length === 0) return null;
  const perWeek = (step: number) => num(rows.find((r) => num(r.step) === step)?.n) / weeks;
  return Object.freeze({ reach: perWeek(1), target: perWeek(0), safety: perWeek(-1) });
}
