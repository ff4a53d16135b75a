import { suppressSmallCells } from '@hirelearn/safeguards';
import { dataPeriod } from './data-period';
import type { Period } from './period';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import {
  applicationTotals,
  industryPostings,
  locationCells,
  monthCells,
  seniorityCells,
  skillPostings,
  type ApplicationCell,
  type IndustryActivity,
  type SkillDemand,
} from './market-queries';
import { type SqlSource } from '@hirelearn/store';

export type { IndustryActivity, SkillDemand } from './market-queries';

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
  // One connection runs one query at a time: sequential on purpose.
  const industries = await industryPostings(db, period);
  const skills = await skillPostings(db, period);
  const locations = await locationCells(db, period);
  const months = await monthCells(db, period);
  const totals = await applicationTotals(db, period);
  const seniority = await seniorityCells(db, period);
  let suppressed = 0;
  const k = settings.k;
  const enough = (users: number) => users >= k;
  const rate = (r: ApplicationCell) => rateOf(r.x, r.n, settings.alpha);
  const noRate = rateOf(0, 0);

  const hottestLocations = locations
    .map((r): LocationHeat => {
      const users = r.user_count;
      if (users > 0 && !enough(users)) suppressed += 1;
      return Object.freeze({
        location: r.location,
        postings: r.postings,
        user_count: enough(users) ? users : 0,
        interview_rate: enough(users) ? rate(r) : noRate,
      });
    })
    .slice(0, settings.top);
  const shownMonths = suppressSmallCells(months, (r) => r.user_count, k);
  suppressed += shownMonths.suppressed_cells;
  const rated = shownMonths.cells
    .filter((r) => r.n >= settings.min_sample)
    .map((r): MonthOutcome =>
      Object.freeze({
        month: r.month,
        user_count: r.user_count,
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
    const users = r.user_count;
    if (users > 0 && !enough(users)) suppressed += 1;
    const shown = enough(users);
    const openings = r.openings;
    return Object.freeze({
      seniority: r.seniority,
      openings,
      applications: shown ? r.n : 0,
      user_count: shown ? users : 0,
      competition: shown && openings > 0 ? r.n / openings : null,
      response_rate: shown ? rate(r) : noRate,
    });
  });
  const totalUsers = totals.user_count;
  const totalShown = enough(totalUsers);
  if (totalUsers > 0 && !totalShown) suppressed += 2;
  return Object.freeze({
    status: industries.length || totalUsers ? 'ok' : 'no_data',
    period: await dataPeriod(db, period),
    most_active_industries: Object.freeze(
      industries.slice(0, settings.top).map((r) => Object.freeze({ ...r })),
    ),
    hottest_skills: Object.freeze(
      skills.slice(0, settings.top).map((r) => Object.freeze({ ...r })),
    ),
    hottest_locations: Object.freeze(hottestLocations),
    best_months_to_apply: Object.freeze(rated.slice(0, third)),
    worst_months_to_apply: Object.freeze(rated.length > 1 ? rated.slice(-third).reverse() : []),
    days_to_first_response: Object.freeze(
      totalShown
        ? {
            mean: totals.mean_days_to_response,
            median: totals.median_days_to_response,
            n: totals.days_n,
          }
        : { mean: null, median: null, n: 0 },
    ),
    ghosting_rate: totalShown
      ? rateOf(totals.ghosted, totals.applications, settings.alpha)
      : noRate,
    demand_by_seniority: Object.freeze(demand),
    user_count: totalShown ? totalUsers : 0,
    k,
    suppressed_cells: suppressed,
  });
}
