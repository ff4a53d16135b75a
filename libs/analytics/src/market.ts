import { suppressSmallCells } from '@hirelearn/safeguards';
import { dataPeriod } from './data-period';
import type { Period } from './period';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { num, numOrNull, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

export interface IndustryActivity {
  readonly industry: string;
  readonly postings: number;
  readonly share: number;
}

export interface SkillDemand {
  readonly skill: string;
  /** Postings asking for the skill. */
  readonly demand: number;
  /** Mean of the postings' salary midpoints, where given. */
  readonly avg_salary: number | null;
}

export interface LocationHeat {
  readonly location: string;
  readonly postings: number;
  readonly user_count: number;
  readonly interview_rate: Rate;
}

export interface MonthOutcome {
  readonly month: string;
  readonly user_count: number;
  readonly interview_rate: Rate;
}

export interface SeniorityDemand {
  readonly seniority: string;
  readonly openings: number;
  readonly applications: number;
  readonly user_count: number;
  /** Applications per opening. */
  readonly competition: number | null;
  /** Applications with any response (interview, offer or rejection). */
  readonly response_rate: Rate;
}

/** The spec's `MarketInsights` for a period; application-side cells are k-anonymous. */
export interface MarketInsights {
  readonly status: 'ok' | 'no_data';
  readonly period: Period;
  readonly most_active_industries: readonly IndustryActivity[];
  readonly hottest_skills: readonly SkillDemand[];
  readonly hottest_locations: readonly LocationHeat[];
  readonly best_months_to_apply: readonly MonthOutcome[];
  readonly worst_months_to_apply: readonly MonthOutcome[];
  readonly days_to_first_response: {
    readonly mean: number | null;
    readonly median: number | null;
    readonly n: number;
  };
  readonly ghosting_rate: Rate;
  readonly demand_by_seniority: readonly SeniorityDemand[];
  readonly user_count: number;
  readonly k: number;
  readonly suppressed_cells: number;
}

const POSTINGS = `
  SELECT json_extract_string(payload, '$.industry') AS industry,
    json_extract_string(payload, '$.location') AS location,
    json_extract_string(payload, '$.seniority') AS seniority,
    json_extract(payload, '$.skills')::VARCHAR[] AS skills,
    (TRY_CAST(json_extract(payload, '$.salary_min') AS DOUBLE)
      + TRY_CAST(json_extract(payload, '$.salary_max') AS DOUBLE)) / 2 AS salary_mid
  FROM raw_events
  WHERE event_type = 'JOB_POSTED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP`;

const APPS = `
  SELECT user_id, job_location, job_seniority, days_to_first_response, ghosted,
    reached_interview OR rejected AS responded, reached_interview,
    strftime(coalesce(submitted_at, created_at), '%Y-%m') AS month
  FROM applications
  WHERE coalesce(submitted_at, created_at) >= $1::TIMESTAMP
    AND coalesce(submitted_at, created_at) < $2::TIMESTAMP
    AND user_id NOT IN (${OPTED_OUT_USERS})`;

const SQL = {
  industries: `WITH j AS (${POSTINGS}) SELECT industry, count(*)::INTEGER AS postings,
    count(*) / sum(count(*)) OVER () AS share FROM j WHERE industry IS NOT NULL GROUP BY 1
    ORDER BY postings DESC, industry`,
  skills: `WITH j AS (${POSTINGS}), s AS (SELECT unnest(skills) AS skill, salary_mid FROM j)
    SELECT skill, count(*)::INTEGER AS demand, avg(salary_mid) AS avg_salary FROM s GROUP BY 1
    ORDER BY demand DESC, avg_salary DESC NULLS LAST, skill`,
  locations: `WITH j AS (${POSTINGS}), a AS (${APPS}),
    jp AS (SELECT location, count(*)::INTEGER AS postings FROM j GROUP BY 1),
    ap AS (SELECT job_location AS location, count(DISTINCT user_id)::INTEGER AS user_count,
      count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x FROM a GROUP BY 1)
    SELECT location, coalesce(postings, 0)::INTEGER AS postings, coalesce(user_count, 0)::INTEGER AS user_count,
      coalesce(n, 0)::INTEGER AS n, coalesce(x, 0)::INTEGER AS x
    FROM jp FULL JOIN ap USING (location) WHERE location IS NOT NULL ORDER BY postings DESC, location`,
  months: `WITH a AS (${APPS}) SELECT month, count(DISTINCT user_id)::INTEGER AS user_count,
    count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x FROM a GROUP BY 1 ORDER BY 1`,
  totals: `WITH a AS (${APPS}) SELECT count(DISTINCT user_id)::INTEGER AS user_count, count(*)::INTEGER AS n,
    count(*) FILTER (WHERE ghosted)::INTEGER AS ghosted,
    avg(days_to_first_response) AS mean_days, median(days_to_first_response) AS median_days,
    count(days_to_first_response)::INTEGER AS days_n FROM a`,
  seniority: `WITH j AS (${POSTINGS}), a AS (${APPS}),
    jp AS (SELECT seniority, count(*)::INTEGER AS openings FROM j GROUP BY 1),
    ap AS (SELECT job_seniority AS seniority, count(DISTINCT user_id)::INTEGER AS user_count,
      count(*)::INTEGER AS n, count(*) FILTER (WHERE responded)::INTEGER AS x FROM a GROUP BY 1)
    SELECT seniority, coalesce(openings, 0)::INTEGER AS openings, coalesce(user_count, 0)::INTEGER AS user_count,
      coalesce(n, 0)::INTEGER AS n, coalesce(x, 0)::INTEGER AS x
    FROM jp FULL JOIN ap USING (seniority) WHERE seniority IS NOT NULL ORDER BY openings DESC, seniority`,
} as const;

/**
 * `MarketInsights` for a period. Postings (no user behind them) are shown whole; every cell
 * computed from applications needs k distinct users, else its application figures are
 * withheld and counted as suppressed. Ghosting here is the facts' flag (as of the store's end).
 */
export async function marketInsights(
  db: SqlSource,
  period: Period,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<MarketInsights> {
  const params = [period.start, period.end];
  // One connection runs one query at a time: sequential on purpose.
  const industries = await db.rows(SQL.industries, params);
  const skills = await db.rows(SQL.skills, params);
  const locations = await db.rows(SQL.locations, params);
  const months = await db.rows(SQL.months, params);
  const [totals] = await db.rows(SQL.totals, params);
  const seniority = await db.rows(SQL.seniority, params);
  let suppressed = 0;
  const k = settings.k;
  const enough = (users: number) => users >= k;
  const rate = (r: Record<string, unknown>) => rateOf(num(r.x), num(r.n), settings.alpha);
  const noRate = rateOf(0, 0);

  const hottestLocations = locations
    .map((r): LocationHeat => {
      const users = num(r.user_count);
      if (users > 0 && !enough(users)) suppressed += 1;
      return Object.freeze({
        location: str(r.location),
        postings: num(r.postings),
        user_count: enough(users) ? users : 0,
        interview_rate: enough(users) ? rate(r) : noRate,
      });
    })
    .slice(0, settings.top);
  const monthCells = suppressSmallCells(months, (r) => num(r.user_count), k);
  suppressed += monthCells.suppressed_cells;
  const rated = monthCells.cells
    .filter((r) => num(r.n) >= settings.min_sample)
    .map((r): MonthOutcome =>
      Object.freeze({
        month: str(r.month),
        user_count: num(r.user_count),
        interview_rate: rate(r),
      }),
    )
    .sort(
      (a, b) =>
        (b.interview_rate.rate ?? 0) - (a.interview_rate.rate ?? 0) ||
        a.month.localeCompare(b.month),
    );
  const third = Math.max(1, Math.floor(rated.length / 3));
  const demand = seniority.map((r): SeniorityDemand => {
    const users = num(r.user_count);
    if (users > 0 && !enough(users)) suppressed += 1;
    const shown = enough(users);
    const openings = num(r.openings);
    return Object.freeze({
      seniority: str(r.seniority),
      openings,
      applications: shown ? num(r.n) : 0,
      user_count: shown ? users : 0,
      competition: shown && openings > 0 ? num(r.n) / openings : null,
      response_rate: shown ? rate(r) : noRate,
    });
  });
  const totalUsers = num(totals?.user_count);
  const totalShown = enough(totalUsers);
  if (totalUsers > 0 && !totalShown) suppressed += 2;
  return Object.freeze({
    status: industries.length || totalUsers ? 'ok' : 'no_data',
    period: await dataPeriod(db, period),
    most_active_industries: Object.freeze(
      industries.slice(0, settings.top).map((r) =>
        Object.freeze({
          industry: str(r.industry),
          postings: num(r.postings),
          share: num(r.share),
        }),
      ),
    ),
    hottest_skills: Object.freeze(
      skills.slice(0, settings.top).map((r) =>
        Object.freeze({
          skill: str(r.skill),
          demand: num(r.demand),
          avg_salary: numOrNull(r.avg_salary),
        }),
      ),
    ),
    hottest_locations: Object.freeze(hottestLocations),
    best_months_to_apply: Object.freeze(rated.slice(0, third)),
    worst_months_to_apply: Object.freeze(rated.length > 1 ? rated.slice(-third).reverse() : []),
    days_to_first_response: Object.freeze(
      totalShown
        ? {
            mean: numOrNull(totals.mean_days),
            median: numOrNull(totals.median_days),
            n: num(totals.days_n),
          }
        : { mean: null, median: null, n: 0 },
    ),
    ghosting_rate: totalShown ? rateOf(num(totals.ghosted), num(totals.n), settings.alpha) : noRate,
    demand_by_seniority: Object.freeze(demand),
    user_count: totalShown ? totalUsers : 0,
    k,
    suppressed_cells: suppressed,
  });
}
