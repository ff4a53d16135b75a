import { relativeTrend } from '../company-velocity/velocity';
import { marketForecast, type MarketForecast } from '../market-temporal/forecast';
import { TITLE_LEVEL_WORDS } from '../market-temporal/series';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import { DEFAULT_ROLE_DEMAND_SETTINGS, type RoleDemandSettings } from './settings';
import { num, OPTED_OUT_USERS, str, type SqlSource } from '@hirelearn/store';

export type TrendDirection = 'rising' | 'falling' | 'flat' | 'unknown';

/** Postings per month over the trend window, its fitted trend and direction. */
export interface DemandTrend {
  readonly months: readonly string[];
  readonly monthly: readonly number[];
  /** Least-squares slope over the mean: relative change per month. */
  readonly relative_trend: number | null;
  readonly direction: TrendDirection;
}

/** Applications per opening, from applications of k+ distinct users (else withheld). */
export interface Competition {
  readonly applications: number | null;
  readonly user_count: number | null;
  /** Applications per opening in the period (null when withheld or no openings). */
  readonly competition_index: number | null;
  readonly suppressed: boolean;
}

/** The spec's `RoleDemand` of one role. */
export interface RoleDemand extends Competition {
  readonly role: string;
  readonly openings: number;
  readonly trend: DemandTrend;
  readonly forecast: MarketForecast;
}

export interface RoleDemandResult {
  readonly status: 'ok' | 'no_data';
  readonly period: Period;
  readonly roles: readonly RoleDemand[];
  /** Roles whose application figures were withheld (fewer than k users). */
  readonly suppressed_cells: number;
  readonly k: number;
}

/** Level words removed from a title to get its role, as the market series do. */
export const ROLE_PATTERN = `^(${TITLE_LEVEL_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s+`;

/** Postings per role (or industry) and month; $3 the title pattern. */
const POSTINGS_SQL = (key: string) => `
  SELECT ${key} AS key, strftime(occurred_at, '%Y-%m') AS month, count(*)::INTEGER AS n
  FROM raw_events
  WHERE event_type = 'JOB_POSTED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP
  GROUP BY 1, 2 HAVING key IS NOT NULL ORDER BY key, month`;

/** Applications per role (or industry) of users who share their data. */
const APPLICATIONS_SQL = (key: string) => `
  SELECT ${key} AS key, count(*)::INTEGER AS n, count(DISTINCT user_id)::INTEGER AS users
  FROM applications
  WHERE coalesce(submitted_at, created_at) >= $1::TIMESTAMP AND coalesce(submitted_at, created_at) < $2::TIMESTAMP
    AND user_id NOT IN (${OPTED_OUT_USERS})
  GROUP BY 1 HAVING key IS NOT NULL`;

export const ROLE_KEYS = {
  postings: `regexp_replace(json_extract_string(payload, '$.title'), $3, '')`,
  applications: `regexp_replace(job_title, $3, '')`,
} as const;
export const INDUSTRY_KEYS = {
  postings: `json_extract_string(payload, '$.industry')`,
  applications: `industry`,
} as const;

const nextMonth = (m: string, k: number) => {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1 + k, 1)).toISOString().slice(0, 7);
};

/** Monthly postings of each key, the trend window ending at the period's last posting month. */
export interface KeyedPostings {
  readonly openings: ReadonlyMap<string, number>;
  readonly trends: ReadonlyMap<string, DemandTrend>;
  readonly competition: ReadonlyMap<string, Competition>;
  readonly suppressed: number;
}

/** Openings, trend and competition per key (role or industry), k-anonymous on the application side. */
export async function keyedDemand(
  db: SqlSource,
  keys: { readonly postings: string; readonly applications: string },
  period: Period,
  a: AnalyticsSettings,
  s: RoleDemandSettings,
): Promise<KeyedPostings> {
  const usesPattern = keys.postings.includes('$3');
  const params = [period.start, period.end, ...(usesPattern ? [ROLE_PATTERN] : [])];
  const rows = await db.rows(POSTINGS_SQL(keys.postings), params);
  const apps = await db.rows(APPLICATIONS_SQL(keys.applications), params);
  const last = rows.reduce((m, r) => (str(r.month) > m ? str(r.month) : m), '');
  const months = last
    ? Array.from({ length: s.trend_months }, (_, i) => nextMonth(last, i - s.trend_months + 1))
    : [];
  const openings = new Map<string, number>();
  const monthly = new Map<string, number[]>();
  for (const r of rows) {
    const key = str(r.key);
    openings.set(key, (openings.get(key) ?? 0) + num(r.n));
    const i = months.indexOf(str(r.month));
    if (i < 0) continue;
    if (!monthly.has(key)) monthly.set(key, new Array<number>(months.length).fill(0));
    (monthly.get(key) as number[])[i] = num(r.n);
  }
  const trends = new Map<string, DemandTrend>();
  for (const key of openings.keys()) {
    const m = monthly.get(key) ?? new Array<number>(months.length).fill(0);
    const t = relativeTrend(m);
    trends.set(
      key,
      Object.freeze({
        months: Object.freeze(months),
        monthly: Object.freeze(m),
        relative_trend: t,
        direction:
          t === null
            ? 'unknown'
            : t > s.flat_band
              ? 'rising'
              : t < -s.flat_band
                ? 'falling'
                : 'flat',
      }),
    );
  }
  const competition = new Map<string, Competition>();
  let suppressed = 0;
  const byKey = new Map(apps.map((r) => [str(r.key), r]));
  for (const key of openings.keys()) {
    const r = byKey.get(key);
    const users = r ? num(r.users) : 0;
    const shown = users >= a.k;
    if (users > 0 && !shown) suppressed++;
    const n = r ? num(r.n) : 0;
    const open = openings.get(key) ?? 0;
    competition.set(
      key,
      Object.freeze({
        applications: shown ? n : users === 0 ? 0 : null,
        user_count: shown ? users : users === 0 ? 0 : null,
        competition_index: shown && open > 0 ? n / open : null,
        suppressed: users > 0 && !shown,
      }),
    );
  }
  return { openings, trends, competition, suppressed };
}

/**
 * The spec's role demand: per role (a posting title without its level word), openings in the
 * period, their trend over the last months, a forecast with intervals (the market forecast of
 * `postings/role/<role>`, scored against the seasonal naive one) and the competition index
 * (applications per opening; withheld below k distinct applicants, opt-outs left out).
 */
export async function roleDemand(
  db: SqlSource,
  period: Period,
  options: {
    readonly analytics?: AnalyticsSettings;
    readonly settings?: RoleDemandSettings;
    readonly on_progress?: (done: number, total: number, role: string) => void;
  } = {},
): Promise<RoleDemandResult> {
  const a = options.analytics ?? DEFAULT_ANALYTICS_SETTINGS;
  const s = options.settings ?? DEFAULT_ROLE_DEMAND_SETTINGS;
  const d = await keyedDemand(db, ROLE_KEYS, period, a, s);
  const keys = [...d.openings.keys()].sort(
    (x, y) => (d.openings.get(y) ?? 0) - (d.openings.get(x) ?? 0) || x.localeCompare(y),
  );
  const roles: RoleDemand[] = [];
  for (const [i, role] of keys.entries()) {
    const forecast = await marketForecast(db, {
      period,
      series: `postings/role/${role}`,
      months: s.forecast_months,
      analytics: a,
    });
    roles.push(
      Object.freeze({
        role,
        openings: d.openings.get(role) ?? 0,
        trend: d.trends.get(role) as DemandTrend,
        forecast,
        ...(d.competition.get(role) as Competition),
      }),
    );
    options.on_progress?.(i + 1, keys.length, role);
  }
  return Object.freeze({
    status: roles.length ? 'ok' : 'no_data',
    period,
    roles: Object.freeze(roles),
    suppressed_cells: d.suppressed,
    k: a.k,
  });
}
