import { EventStore } from '@hirelearn/store';
import { checkFeedbackLoops } from './feedback';
import { DEFAULT_NIGHTLY_SETTINGS } from './settings';

/**
 * The feedback-loop check on a real DuckDB `applications` table: 12 weeks of 60 applications,
 * spread over `industries(week)` industries, every third one reaching interview 5 days later.
 */
async function world(industries: string): Promise<EventStore> {
  const store = await EventStore.open('duckdb::memory:');
  await store.rows(`
    CREATE OR REPLACE TABLE applications AS
    SELECT TIMESTAMP '2025-06-02 10:00:00' + to_days(CAST(w * 7 AS INTEGER)) + to_minutes(CAST(i AS BIGINT)) AS submitted_at,
      'industry-' || CAST(i % (${industries}) AS VARCHAR) AS industry,
      CASE WHEN i % 3 = 0 THEN TIMESTAMP '2025-06-02 10:00:00' + to_days(CAST(w * 7 + 5 AS INTEGER)) END AS interview_at,
      CAST(NULL AS TIMESTAMP) AS offer_at
    FROM range(12) t(w), range(60) s(i)`);
  return store;
}

describe('checkFeedbackLoops', () => {
  it('a loop whose industries narrow week by week is a finding with the exploration to inject', async () => {
    // 6 industries in the first weeks, then 5, 4, ... down to 1.
    const store = await world('greatest(1, 6 - w // 2)');
    try {
      const check = await checkFeedbackLoops(store, {}, DEFAULT_NIGHTLY_SETTINGS);
      const applications = check.loops.find((l) => l.loop === 'applications')!;
      expect(applications.status).toBe('ok');
      expect(applications.weeks).toBe(12);
      expect(applications.events).toBe(720);
      expect(applications.declining).toBe(true);
      expect(applications.exploration_rate).toBe(0.3);
      expect(check.findings[0]).toMatch(
        /^feedback loop narrowing \(applications\): industry diversity fell \d+\.\d% over 12 weeks; inject exploration at 30%$/,
      );
      expect(check.loops.find((l) => l.loop === 'interviews')!.declining).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('a stable spread is no finding; too few weeks is no verdict', async () => {
    const store = await world('6');
    try {
      const check = await checkFeedbackLoops(store, {}, DEFAULT_NIGHTLY_SETTINGS);
      expect(check.findings).toEqual([]);
      expect(check.loops.every((l) => l.status === 'ok' && !l.declining)).toBe(true);
      // A window holding three weeks: fewer than feedback_min_weeks (4).
      const short = await checkFeedbackLoops(
        store,
        { until: '2025-06-20' },
        DEFAULT_NIGHTLY_SETTINGS,
      );
      expect(short.loops[0]).toMatchObject({ status: 'insufficient_data', weeks: 3 });
      expect(short.loops[0].reason).toBe('need 4 weeks, got 3');
    } finally {
      await store.close();
    }
  });
});
