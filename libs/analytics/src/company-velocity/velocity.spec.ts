import type { EventStore } from '@hirelearn/store';
import { event, storeOf } from '../testing/event-builder';
import { companyVelocity, relativeTrend } from './velocity';

const posting = (company: string, at: string, n: number) =>
  event('JOB_POSTED', at, {
    job_id: `${company}-${at}-${n}`,
    title: 'Data Engineer',
    company,
    seniority: 'mid',
    location: 'Berlin',
    industry: 'fintech',
  });

/**
 * Known answers, data ending 2025-06-30: Rising posts 1..6 a month (Jan..Jun), last on the
 * 30th, funded in May, headcount 100 -> 130, rated 4.6; Fading posts 6..1 a month (its last
 * on 1 June) and has no signals at all.
 */
function world(): object[] {
  const months = ['01', '02', '03', '04', '05', '06'];
  const out: object[] = [];
  months.forEach((m, i) => {
    for (let k = 0; k < i + 1; k++) out.push(posting('Rising', `2025-${m}-1${k}T10:00:00Z`, k));
    for (let k = 0; k < 6 - i; k++) out.push(posting('Fading', `2025-${m}-0${k + 1}T10:00:00Z`, k));
  });
  out.push(posting('Rising', '2025-06-30T09:00:00Z', 99));
  const signal = (at: string, s: string, value: number) =>
    event('COMPANY_SIGNAL', at, { company: 'Rising', source: 'crunchbase', signal: s, value });
  out.push(signal('2025-05-02T00:00:00Z', 'funding_round', 45));
  out.push(signal('2025-02-01T00:00:00Z', 'headcount', 100));
  out.push(signal('2025-06-01T00:00:00Z', 'headcount', 130));
  out.push(signal('2025-06-01T00:00:00Z', 'rating', 4.6));
  // Fetched after the last posting (a connector's headcount is observed today): the window
  // still ends with the postings.
  out.push(
    event('COMPANY_SIGNAL', '2025-09-01T00:00:00Z', {
      company: 'Elsewhere',
      source: 'crunchbase',
      signal: 'headcount',
      value: 40,
    }),
  );
  return out;
}

describe('company hiring velocity', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await storeOf(world());
  });
  afterAll(() => store?.close());

  it('fits the relative trend by least squares', () => {
    // 1..6: slope 1, mean 3.5.
    expect(relativeTrend([1, 2, 3, 4, 5, 6])).toBeCloseTo(1 / 3.5, 12);
    expect(relativeTrend([0, 0])).toBeNull();
  });

  it('weighs trend 0.4, signals 0.3, recency 0.3 and grades urgency', async () => {
    const r = await companyVelocity(store);
    expect(r.as_of).toBe('2025-06-30T09:00:00Z');
    const [rising] = r.companies;
    expect(rising.company).toBe('Rising');
    expect(rising.evidence.monthly_postings).toEqual([1, 2, 3, 4, 5, 7]);
    // Market [7,7,7,7,7,8]: slope 2.5/17.5 over mean 43/6. Rising: 20/17.5 over 22/6; beyond
    // the market it saturates (0.5 + excess/0.5 > 1). Signals mean(1, 0.5 + 0.3/0.4 -> 1,
    // 3.6/4 = 0.9). Recency: 7 postings in the last 30 days, 22 in the window's 181 days.
    expect(rising.evidence.market_relative_trend).toBeCloseTo(2.5 / 17.5 / (43 / 6), 12);
    expect(rising.evidence.relative_trend).toBeCloseTo(20 / 17.5 / (22 / 6), 12);
    expect(rising.components.postings_trend).toBe(1);
    expect(rising.components.signals).toBeCloseTo((1 + 1 + 0.9) / 3, 12);
    const recency = 7 / 30 / (22 / 181) / 2;
    expect(rising.components.recency).toBeCloseTo(recency, 12);
    expect(rising.velocity).toBeCloseTo(0.4 + 0.3 * (2.9 / 3) + 0.3 * recency, 12);
    expect(rising.urgency).toBe('high');
    expect(rising.basis).toBe('postings_and_signals');
    expect(rising.evidence.funding_rounds).toBe(1);
    expect(rising.evidence.headcount_growth).toBeCloseTo(0.3, 12);
  });

  it('gives a company without signals velocity from postings alone, with the reason', async () => {
    const r = await companyVelocity(store);
    const fading = r.companies.find((c) => c.company === 'Fading');
    expect(fading?.basis).toBe('postings_only');
    expect(fading?.components.signals).toBeNull();
    expect(fading?.reasons[0]).toMatch(/^no_company_signals/);
    expect(fading?.evidence.monthly_postings).toEqual([6, 5, 4, 3, 2, 1]);
    // Trend -1/3.5 per month, below the market: 0. One posting of 21 in the last 30 days.
    const recency = 1 / 30 / (21 / 181) / 2;
    expect(fading?.components.postings_trend).toBe(0);
    expect(fading?.components.recency).toBeCloseTo(recency, 12);
    expect(fading?.velocity).toBeCloseTo((0.3 * recency) / 0.7, 12);
    expect(fading?.evidence.days_since_last_posting).toBe(29);
    expect(fading?.urgency).toBe('low');
  });
});
