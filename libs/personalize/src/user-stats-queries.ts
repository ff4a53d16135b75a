/**
 * The named query of personalization: every user's sufficient statistics, in one query over the facts (so the
 * nightly reads 3,000 users in one scan, never a query per user): applications and interviews
 * by category and by tailoring, weeks active, and for each fit component the interviews of the
 * user's applications above and below their own median of it; plus the consents that decide
 * whether the user is personalized and whether their data may inform their segment.
 */
import { FIT_COMPONENTS, type FitComponent } from '@hirelearn/ml';
import type { CountUnit } from './shrinkage';
import { OPTED_OUT_USERS, num, str, type SqlSource } from '@hirelearn/store';

export const CATEGORIES = ['reach', 'target', 'safety'] as const;
export type Category = (typeof CATEGORIES)[number];

/** How a user withheld personalization, if they did. */
export interface PersonalizationOptOut {
  /** `USER_OPTED_OUT` with scope personalization or all, or the profile in force's consent. */
  readonly how: 'opted_out_personalization' | 'opted_out_all' | 'consent_withheld';
  /** When (the opt-out's time; the profile's for a withheld consent). */
  readonly at: string;
}

export interface UserStats {
  readonly user_id: string;
  /** Seniority of the profile in force (null without a profile). */
  readonly seniority: string | null;
  /** The user's data may inform their segment (no opt-out of market insights or all). */
  readonly shares_data: boolean;
  readonly opt_out: PersonalizationOptOut | null;
  readonly applications: CountUnit;
  /** Applications over weeks active (first to last submission, plus one week). */
  readonly pace: CountUnit;
  readonly by_category: Readonly<Record<Category, CountUnit>>;
  readonly tailored: CountUnit;
  readonly untailored: CountUnit;
  /** Applications whose component is at or above the user's own median of it, and below. */
  readonly components: Readonly<
    Record<FitComponent, { readonly high: CountUnit; readonly low: CountUnit }>
  >;
}

const componentSql = (c: FitComponent) => `
    count(*) FILTER (WHERE a.fit_${c} >= m.${c})::INTEGER AS n_hi_${c},
    count(*) FILTER (WHERE a.fit_${c} >= m.${c} AND a.reached_interview)::INTEGER AS x_hi_${c},
    count(*) FILTER (WHERE a.fit_${c} < m.${c})::INTEGER AS n_lo_${c},
    count(*) FILTER (WHERE a.fit_${c} < m.${c} AND a.reached_interview)::INTEGER AS x_lo_${c}`;

const categorySql = (c: Category) => `
    count(*) FILTER (WHERE a.category = '${c}')::INTEGER AS n_${c},
    count(*) FILTER (WHERE a.category = '${c}' AND a.reached_interview)::INTEGER AS x_${c}`;

/** Names below are ours (components, categories), never data: no value is spelled into SQL. */
const USER_STATS_SQL = `
  WITH a AS (SELECT * FROM applications WHERE submitted_at IS NOT NULL),
  m AS (
    SELECT user_id, ${FIT_COMPONENTS.map((c) => `median(fit_${c}) AS ${c}`).join(', ')}
    FROM a GROUP BY user_id),
  apps AS (
    SELECT a.user_id,
      count(*)::INTEGER AS n, count(*) FILTER (WHERE a.reached_interview)::INTEGER AS x,
      (epoch(max(a.submitted_at)) - epoch(min(a.submitted_at))) / 604800.0 + 1 AS weeks,
      count(*) FILTER (WHERE a.tailoring_applied)::INTEGER AS n_tailored,
      count(*) FILTER (WHERE a.tailoring_applied AND a.reached_interview)::INTEGER AS x_tailored,
      count(*) FILTER (WHERE NOT a.tailoring_applied)::INTEGER AS n_untailored,
      count(*) FILTER (WHERE NOT a.tailoring_applied AND a.reached_interview)::INTEGER AS x_untailored,
      ${CATEGORIES.map(categorySql).join(',')},
      ${FIT_COMPONENTS.map(componentSql).join(',')}
    FROM a JOIN m USING (user_id) GROUP BY a.user_id),
  profile AS (
    SELECT user_id, seniority, consent_personalization, valid_from FROM users WHERE valid_to IS NULL),
  opted AS (
    SELECT user_id, min(occurred_at) AS at,
      bool_or(json_extract_string(payload, '$.scope') = 'all') AS is_all
    FROM raw_events WHERE event_type = 'USER_OPTED_OUT'
      AND json_extract_string(payload, '$.scope') IN ('personalization', 'all')
    GROUP BY user_id),
  no_sharing AS (${OPTED_OUT_USERS}),
  known AS (SELECT user_id FROM apps UNION SELECT user_id FROM profile UNION SELECT user_id FROM opted)
  SELECT k.user_id, p.seniority, p.consent_personalization,
    strftime(p.valid_from, '%Y-%m-%dT%H:%M:%SZ') AS profile_at,
    strftime(o.at, '%Y-%m-%dT%H:%M:%SZ') AS opted_at, o.is_all AS opted_all,
    k.user_id IN (SELECT user_id FROM no_sharing) AS no_sharing,
    apps.* EXCLUDE (user_id)
  FROM known k LEFT JOIN apps USING (user_id) LEFT JOIN profile p USING (user_id)
    LEFT JOIN opted o USING (user_id)
  ORDER BY k.user_id`;

const unit = (r: Record<string, unknown>, x: string, n: string): CountUnit =>
  Object.freeze({ x: num(r[x]), n: num(r[n]) });

function optOutOf(r: Record<string, unknown>): PersonalizationOptOut | null {
  if (r.opted_at !== null && r.opted_at !== undefined)
    return Object.freeze({
      how: r.opted_all ? 'opted_out_all' : 'opted_out_personalization',
      at: str(r.opted_at),
    });
  if (r.consent_personalization === false)
    return Object.freeze({ how: 'consent_withheld', at: str(r.profile_at) });
  return null;
}

function statsOf(r: Record<string, unknown>): UserStats {
  return Object.freeze({
    user_id: str(r.user_id),
    seniority: r.seniority === null || r.seniority === undefined ? null : str(r.seniority),
    shares_data: r.no_sharing !== true,
    opt_out: optOutOf(r),
    applications: unit(r, 'x', 'n'),
    pace: Object.freeze({ x: num(r.n), n: num(r.n) > 0 ? num(r.weeks) : 0 }),
    by_category: Object.freeze(
      Object.fromEntries(CATEGORIES.map((c) => [c, unit(r, `x_${c}`, `n_${c}`)])),
    ) as Record<Category, CountUnit>,
    tailored: unit(r, 'x_tailored', 'n_tailored'),
    untailored: unit(r, 'x_untailored', 'n_untailored'),
    components: Object.freeze(
      Object.fromEntries(
        FIT_COMPONENTS.map((c) => [
          c,
          Object.freeze({
            high: unit(r, `x_hi_${c}`, `n_hi_${c}`),
            low: unit(r, `x_lo_${c}`, `n_lo_${c}`),
          }),
        ]),
      ),
    ) as UserStats['components'],
  });
}

/** Every user the event log knows (applications, a profile or an opt-out), by user id. */
export async function loadUserStats(db: SqlSource): Promise<readonly UserStats[]> {
  return Object.freeze((await db.rows(USER_STATS_SQL)).map(statsOf));
}
