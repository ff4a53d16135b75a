import { relativeTrend } from '../company-velocity/velocity';
import { marketForecast, type MarketForecast } from '../market-temporal/forecast';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import { DEFAULT_ROLE_DEMAND_SETTINGS, type RoleDemandSettings } from './settings';
import { applicationsBy, monthlyPostingsBy, type DemandKey } from './role-demand-queries';
import { type SqlSource } from '@hirelearn/store';

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
  key: DemandKey,
  period: Period,
  a: AnalyticsSettings,
  s: RoleDemandSettings,
): Promise<KeyedPostings> {
  const rows = await monthlyPostingsBy(db, key, period);
  const apps = await applicationsBy(db, key, period);
  const last = rows.reduce((m, r) => (r.month > m ? r.month : m), '');
  const months = last
    ? Array.from({ length: s.trend_months }, (_, i) => nextMonth(last, i - s.trend_months + 1))
    : [];
  const openings = new Map<string, number>();
  const monthly = new Map<string, number[]>();
  for (const r of rows) {
    openings.set(r.value, (openings.get(r.value) ?? 0) + r.postings);
    const i = months.indexOf(r.month);
    if (i < 0) continue;
    if (!monthly.has(r.value)) monthly.set(r.value, new Array<number>(months.length).fill(0));
    (monthly.get(r.value) as number[])[i] = r.postings;
  }
  const trends = new Map<string, DemandTrend>();
  for (const value of openings.keys()) {
    const m = monthly.get(value) ?? new Array<number>(months.length).fill(0);
    const t = relativeTrend(m);
    trends.set(
      value,
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
  const byValue = new Map(apps.map((r) => [r.value, r]));
  for (const value of openings.keys()) {
    const r = byValue.get(value);
    const users = r ? r.user_count : 0;
    const shown = users >= a.k;
    if (users > 0 && !shown) suppressed++;
    const n = r ? r.applications : 0;
    const open = openings.get(value) ?? 0;
    competition.set(
      value,
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
  const d = await keyedDemand(db, 'role', period, a, s);
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
