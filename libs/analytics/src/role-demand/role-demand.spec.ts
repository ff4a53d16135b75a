import type { EventStore } from '@hirelearn/store';
import { ALL_TIME } from '../period';
import { analyticsSettings } from '../settings';
import { applicationEvents, event, storeOf } from '../testing/event-builder';
import { industryInsights } from './industry-insights';
import { roleDemand } from './role-demand';

const posting = (title: string, industry: string, company: string, at: string, n: number) =>
  event('JOB_POSTED', at, {
    job_id: `${title}-${at}-${n}`,
    title,
    company,
    seniority: 'mid',
    location: 'Berlin',
    industry,
  });

/**
 * Known answers: Data Engineer postings rise 1..6 a month (Jan..Jun 2025: 21, as 'Senior Data
 * Engineer' and 'Data Engineer'), Product Designer fall 6..1 (21). Data Engineer has 3
 * applicants with 2 applications each (6 per 21 openings), plus an opted-out applicant who
 * must not count; Product Designer has 2 applicants: below k = 3, withheld.
 */
function world(): object[] {
  const out: object[] = [];
  ['01', '02', '03', '04', '05', '06'].forEach((m, i) => {
    for (let k = 0; k < i + 1; k++)
      out.push(
        posting(
          k % 2 ? 'Senior Data Engineer' : 'Data Engineer',
          'fintech',
          'Rising',
          `2025-${m}-1${k}T10:00:00Z`,
          k,
        ),
      );
    for (let k = 0; k < 6 - i; k++)
      out.push(posting('Product Designer', 'media', 'Fading', `2025-${m}-0${k + 1}T10:00:00Z`, k));
  });
  for (const u of ['u1', 'u2', 'u3', 'out'])
    for (const d of ['2025-03-03', '2025-03-04'])
      out.push(
        ...applicationEvents({
          user: u,
          app: `${u}-${d}`,
          at: `${d}T10:00:00Z`,
          title: 'Senior Data Engineer',
          industry: 'fintech',
        }),
      );
  out.push(
    event('USER_OPTED_OUT', '2025-01-01T00:00:00Z', { user_id: 'out', scope: 'market_insights' }),
  );
  for (const u of ['p1', 'p2'])
    out.push(
      ...applicationEvents({
        user: u,
        app: `${u}-1`,
        at: '2025-03-05T10:00:00Z',
        title: 'Product Designer',
        industry: 'media',
      }),
    );
  return out;
}

describe('role demand and industry insights', () => {
  let store: EventStore;
  const a = analyticsSettings({ k: 3 });
  beforeAll(async () => {
    store = await storeOf(world());
  });
  afterAll(() => store?.close());

  it('gives openings, trend, a forecast and applications per opening', async () => {
    const r = await roleDemand(store, ALL_TIME, { analytics: a });
    expect(r.roles.map((x) => [x.role, x.openings])).toEqual([
      ['Data Engineer', 21],
      ['Product Designer', 21],
    ]);
    const [de, pd] = r.roles;
    expect(de.trend.monthly).toEqual([1, 2, 3, 4, 5, 6]);
    expect(de.trend.relative_trend).toBeCloseTo(1 / 3.5, 12);
    expect(de.trend.direction).toBe('rising');
    expect(pd.trend.direction).toBe('falling');
    expect(de.applications).toBe(6);
    expect(de.user_count).toBe(3);
    expect(de.competition_index).toBeCloseTo(6 / 21, 12);
    expect(pd.suppressed).toBe(true);
    expect(pd.applications).toBeNull();
    expect(pd.competition_index).toBeNull();
    expect(r.suppressed_cells).toBe(1);
    // Six months carry no yearly season: Holt's linear trend, saying so, with intervals.
    expect(de.forecast.series).toBe('postings/role/Data Engineer');
    expect(de.forecast.seasonal).toBe(false);
    expect(de.forecast.reason).not.toBe('');
    expect(de.forecast.forecast).toHaveLength(3);
    for (const p of de.forecast.forecast) expect(p.lower).toBeLessThanOrEqual(p.upper);
  });

  it('gives industries their share, trend, competition and urgent companies', async () => {
    const r = await industryInsights(store, ALL_TIME, a);
    const fintech = r.industries.find((x) => x.industry === 'fintech');
    expect(fintech?.share).toBeCloseTo(0.5, 12);
    expect(fintech?.trend.direction).toBe('rising');
    expect(fintech?.competition_index).toBeCloseTo(6 / 21, 12);
    expect(fintech?.companies_hiring).toBe(1);
    expect(r.industries.find((x) => x.industry === 'media')?.suppressed).toBe(true);
    expect(r.suppressed_cells).toBe(1);
  });
});
