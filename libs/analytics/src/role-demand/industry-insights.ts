import { companyVelocity } from '../company-velocity/velocity';
import type { Period } from '../period';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from '../settings';
import { keyedDemand, type Competition, type DemandTrend } from './role-demand';
import { companyIndustries } from './role-demand-queries';
import { DEFAULT_ROLE_DEMAND_SETTINGS, type RoleDemandSettings } from './settings';
import { type SqlSource } from '@hirelearn/store';

/** One industry: demand, its trend, competition and how many of its companies hire urgently. */
export interface IndustryInsight extends Competition {
  readonly industry: string;
  readonly openings: number;
  readonly share: number;
  readonly trend: DemandTrend;
  readonly companies_hiring: number;
  /** Companies of the industry whose hiring velocity is 'high' urgency. */
  readonly high_urgency_companies: number;
}

export interface IndustryInsightsResult {
  readonly status: 'ok' | 'no_data';
  readonly period: Period;
  readonly industries: readonly IndustryInsight[];
  readonly suppressed_cells: number;
  readonly k: number;
}

/**
 * Industry insights (spec 4.5.3): per industry, openings and share, trend, competition
 * (k-anonymous, opt-outs left out) and its companies by hiring urgency. Largest first.
 */
export async function industryInsights(
  db: SqlSource,
  period: Period,
  analytics: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
  settings: RoleDemandSettings = DEFAULT_ROLE_DEMAND_SETTINGS,
): Promise<IndustryInsightsResult> {
  const d = await keyedDemand(db, 'industry', period, analytics, settings);
  const velocity = await companyVelocity(db);
  const urgent = new Set(
    velocity.companies.filter((c) => c.urgency === 'high').map((c) => c.company),
  );
  const companies = new Map<string, Set<string>>();
  for (const { company, industry } of await companyIndustries(db, period)) {
    if (!companies.has(industry)) companies.set(industry, new Set());
    companies.get(industry)?.add(company);
  }
  const total = [...d.openings.values()].reduce((x, y) => x + y, 0);
  const industries = [...d.openings.entries()]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([industry, openings]): IndustryInsight => {
      const hiring = companies.get(industry) ?? new Set<string>();
      return Object.freeze({
        industry,
        openings,
        share: total ? openings / total : 0,
        trend: d.trends.get(industry) as DemandTrend,
        companies_hiring: hiring.size,
        high_urgency_companies: [...hiring].filter((c) => urgent.has(c)).length,
        ...(d.competition.get(industry) as Competition),
      });
    });
  return Object.freeze({
    status: industries.length ? 'ok' : 'no_data',
    period,
    industries: Object.freeze(industries),
    suppressed_cells: d.suppressed,
    k: analytics.k,
  });
}
