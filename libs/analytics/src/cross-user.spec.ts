import type { EventStore } from '@hirelearn/store';
import { resumePhrases } from './export';
import { fairnessAudit } from './fairness';
import { marketInsights } from './market';
import { ALL_TIME } from './period';
import { userSegments } from './segments';
import { analyticsSettings } from './settings';
import { applicationEvents, profileEvent, storeOf } from './testing/event-builder';
import { crossUserWorld } from './testing/cross-user-world';
import { userPatterns } from './user-patterns';

/** k = 2 keeps the hand-built world small; the default k = 10 is tested below too. */
const settings = analyticsSettings({ k: 2 });

describe('cross-user analytics (known answers)', () => {
  let store: EventStore;
  beforeAll(async () => {
    store = await storeOf(crossUserWorld());
  });
  afterAll(() => store?.close());

  describe('userPatterns', () => {
    it('shrinks toward the segment and never calls a small sample best', async () => {
      const p = await userPatterns(store, 's1', settings);
      expect(p.status).toBe('ok');
      // Segment: mid users who share their data (o1 opted out): 7 of 17 applications.
      expect(p.segment).toMatchObject({
        seniority: 'mid',
        interview_rate: { successes: 7, n: 17 },
      });
      const [ml, de] = p.best_roles.cells;
      expect(ml).toMatchObject({
        value: 'ML Engineer',
        eligible: false,
        interview_rate: { successes: 2, n: 2, rate: 1 },
      });
      expect(ml.shrunk_rate).toBeCloseTo((2 + (10 * 7) / 17) / 12, 10);
      expect(de).toMatchObject({
        value: 'Data Engineer',
        eligible: true,
        interview_rate: { successes: 3, n: 5 },
      });
      expect(de.shrunk_rate).toBeCloseTo((3 + (10 * 7) / 17) / 15, 10);
      expect(p.best_roles.best).toBe('Data Engineer'); // 2 of 2 does not top the list
      expect(p.best_locations.best).toBe('Berlin');
      expect(p.best_company_sizes.best).toBe('51-200');
      expect(p.best_company_stages.best).toBe('series_a');
      expect(p.best_seniority.best).toBe('mid');
      expect(p.best_resume_version.best).toBe('rv-s1-1');
    });
    it('marks timing as a correlation', async () => {
      const p = await userPatterns(store, 's1', settings);
      expect(p.timing.interpretation).toBe('correlation');
      expect(p.timing.causal_check).toMatch(/causal verdict/);
      expect(p.timing.by_weekday.best).toBeNull(); // no weekday has 5 applications
      expect(p.timing.by_weekday.cells.find((c) => c.value === 'Mon')?.interview_rate.n).toBe(2);
      expect(p.timing.by_hour_band.best).toBe('morning (6-12)');
    });
    it('reads acceptance and rejection patterns from the suggestions', async () => {
      const p = await userPatterns(store, 's1', settings);
      expect(p.acceptance_patterns).toEqual([
        {
          edit_type: 'added_keywords',
          acceptance_rate: expect.objectContaining({ successes: 2, n: 3 }),
          edited: 0,
          rejected: 1,
        },
      ]);
      expect(p.rejection_reasons).toEqual({ too_much_work: 1 });
    });
  });

  describe('userSegments', () => {
    it('computes every field of a segment without the opted-out user', async () => {
      const r = await userSegments(store, ['seniority'], settings);
      expect(r.excluded_opted_out_users).toBe(2); // o1 (profile and event) and o2 (event only)
      expect(r.segments.map((s) => s.value)).toEqual(['mid']); // senior: 1 user < k
      const mid = r.segments[0];
      expect(mid.user_count).toBe(4);
      expect(mid.avg_interview_rate).toBeCloseTo((5 / 7 + 1 / 4 + 0 + 1 / 2) / 4, 10);
      expect(mid.interview_rate).toMatchObject({ successes: 7, n: 17 });
      expect(mid.applications_to_first_interview.mean).toBeCloseTo((3 + 4 + 1) / 3, 10);
      expect(mid.applications_to_first_interview.n).toBe(3);
      expect(mid.weeks_to_offer).toEqual({ mean: 2, n: 1 });
      expect(
        mid.successful_strategies.map((s) => [s.name, s.user_count, s.interview_rate.n]),
      ).toEqual([['BALANCED', 2, 11]]);
      expect(mid.successful_strategies[0].lift).toBeCloseTo(5 / 11 - 7 / 17, 10);
      expect(
        mid.common_pitfalls.map((s) => [s.name, s.interview_rate.successes, s.interview_rate.n]),
      ).toEqual([['untailored applications', 2, 6]]);
      // The senior segment and the reach-category cell (one user each) are suppressed.
      expect(r.suppressed_cells).toBe(2);
    });
    it('segments by experience range, role, industry and location', async () => {
      const r = await userSegments(
        store,
        ['experience', 'target_role', 'industry', 'location'],
        settings,
      );
      expect(r.segments.map((s) => [s.dimension, s.value, s.user_count])).toEqual([
        ['experience', '3-5 years', 4],
        ['industry', 'saas', 5],
        ['location', 'Berlin', 4],
        ['target_role', 'Data Engineer', 5],
      ]);
    });
    it('suppresses everything below the default k = 10', async () => {
      const r = await userSegments(store, ['seniority']);
      expect(r.segments).toEqual([]);
      expect(r.suppressed_cells).toBe(2);
    });
  });

  describe('marketInsights', () => {
    it('computes every field for the period', async () => {
      const m = await marketInsights(store, ALL_TIME, settings);
      expect(m.status).toBe('ok');
      expect(m.most_active_industries).toEqual([
        { industry: 'saas', postings: 3, share: 0.75 },
        { industry: 'fintech', postings: 1, share: 0.25 },
      ]);
      expect(m.hottest_skills).toEqual([
        { skill: 'Python', demand: 2, avg_salary: 100000 },
        { skill: 'SQL', demand: 1, avg_salary: 110000 },
        { skill: 'Go', demand: 1, avg_salary: null },
      ]);
      expect(m.hottest_locations[0]).toMatchObject({
        location: 'Berlin',
        postings: 3,
        user_count: 4,
        interview_rate: { successes: 7, n: 17 },
      });
      // Paris: one user (o1 is left out) → application figures withheld.
      expect(m.hottest_locations[1]).toMatchObject({
        location: 'Paris',
        postings: 1,
        user_count: 0,
      });
      expect(m.best_months_to_apply.map((x) => x.month)).toEqual(['2025-03']);
      expect(m.worst_months_to_apply).toEqual([]);
      expect(m.days_to_first_response).toEqual({ mean: 3, median: 3, n: 8 });
      expect(m.ghosting_rate).toMatchObject({ successes: 12, n: 20 });
      expect(m.demand_by_seniority).toEqual([
        expect.objectContaining({
          seniority: 'mid',
          openings: 3,
          applications: 17,
          user_count: 4,
          competition: 17 / 3,
        }),
        expect.objectContaining({
          seniority: 'senior',
          openings: 1,
          applications: 0,
          user_count: 0,
        }),
      ]);
      expect(m.demand_by_seniority[0].response_rate).toMatchObject({ successes: 7, n: 17 });
      expect(m.user_count).toBe(5);
      expect(m.suppressed_cells).toBe(3); // Paris, April, senior
    });
    it('cuts postings and applications at the period', async () => {
      const m = await marketInsights(
        store,
        { label: 'x', start: '2025-03-02 00:00:00', end: '2025-03-04 00:00:00' },
        settings,
      );
      // j2 (03-02) and j3 (03-03) are inside; j1 (03-01) and the 06-01 posting are not.
      expect(m.most_active_industries).toEqual([
        { industry: 'fintech', postings: 1, share: 0.5 },
        { industry: 'saas', postings: 1, share: 0.5 },
      ]);
      expect(m.user_count).toBe(4); // s1..s4 applied on 03-03
    });
  });

  describe('resumePhrases', () => {
    it('exports only phrases k users share, scrubbed', async () => {
      const r = await resumePhrases(store, settings);
      expect(r.phrases.map((p) => [p.kind, p.phrase, p.user_count])).toEqual([
        ['bullet', 'Built pipelines, see [url]', 4],
        ['skill', 'Python', 4],
        ['skill', 'SQL', 3],
      ]);
      // The phone bullets (one per user) and Rust (s1 alone) are below k.
      expect(r.suppressed_cells).toBe(5);
    });
  });

  describe('fairnessAudit', () => {
    it('gives rates by group with the four-fifths and CI rules', async () => {
      const f = await fairnessAudit(store, settings);
      expect(f.suppressed_cells).toBe(1); // gender x: one user
      const [fem, male] = f.groups;
      expect(fem).toMatchObject({
        attribute: 'gender',
        group: 'f',
        user_count: 2,
        interview_rate: { successes: 6, n: 11 },
      });
      expect(fem.offer_rate).toMatchObject({ successes: 1, n: 11 });
      expect(fem.impact_ratio).toBe(1);
      expect(male).toMatchObject({
        group: 'm',
        user_count: 2,
        interview_rate: { successes: 1, n: 6 },
      });
      expect(male.impact_ratio).toBeCloseTo(1 / 6 / (6 / 11), 10);
      expect(male.four_fifths_violation).toBe(true);
      expect(male.ci_below_reference).toBe(false); // 6 applications: too few to call it
      expect(male.disparity).toBe(false);
      expect(f.flagged).toBe(0);
    });
  });

  describe('fairnessAudit with attribute names that are not plain words', () => {
    it('reads each attribute by its key, quotes and dots included', async () => {
      // Keys come from events: `"` ended the JSON path the audit built and failed the query.
      const attributes = { 'gen"der': 'f', 'age.band': '30-39' };
      const odd = await storeOf([
        profileEvent('q1', '2025-02-01T00:00:00Z', {}, { protected_attributes: attributes }),
        ...applicationEvents({ user: 'q1', app: 'qa1', at: '2025-02-02T09:00:00Z' }),
      ]);
      try {
        const f = await fairnessAudit(odd, analyticsSettings({ k: 1 }));
        expect(f.groups.map((g) => [g.attribute, g.group, g.user_count])).toEqual([
          ['age.band', '30-39', 1],
          ['gen"der', 'f', 1],
        ]);
      } finally {
        await odd.close();
      }
    });
  });
});
