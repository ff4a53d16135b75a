import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import type { EventStore } from '@hirelearn/store';
import { loadRdStudyData } from './rd-study';
import { DEFAULT_ATTRIBUTION_SETTINGS } from './settings';
import { loadAnalysisTable, type AnalysisTable } from './table';
import { readIngested } from './testing/ingested';
import { windowBounds } from './window';

const world = simulateWorld(defaultSimSettings({ users: 80, months: 6, seed: 11 }));

describe('the analysis window', () => {
  let all: AnalysisTable;
  let windowed: AnalysisTable;
  let since: string;
  let until: string;
  let interviews: Map<string, string | null>;
  let rdRows: [number, number];

  beforeAll(async () => {
    await readIngested(world, async (store: EventStore) => {
      all = await loadAnalysisTable(store);
      const sorted = [...all.submitted_at].sort();
      since = sorted[Math.floor(sorted.length / 3)].slice(0, 10);
      until = sorted[Math.floor((2 * sorted.length) / 3)].slice(0, 10);
      windowed = await loadAnalysisTable(store, { since, until });
      const rows = await store.rows(
        `SELECT application_id, strftime(least(interview_at, offer_at), '%Y-%m-%dT%H:%M:%SZ') AS at
         FROM applications`,
      );
      interviews = new Map(rows.map((r) => [String(r.application_id), (r.at as string) ?? null]));
      const s = DEFAULT_ATTRIBUTION_SETTINGS.rd;
      rdRows = [
        (await loadRdStudyData(store, s)).outcome.length,
        (await loadRdStudyData(store, s, { since, until })).outcome.length,
      ];
    });
  }, 120_000);

  it('keeps exactly the applications submitted in [since, until)', () => {
    const inside = all.application_ids.filter(
      (_, i) =>
        all.submitted_at[i] >= `${since}T00:00:00Z` && all.submitted_at[i] < `${until}T00:00:00Z`,
    );
    expect(windowed.n).toBeGreaterThan(50);
    expect(windowed.n).toBeLessThan(all.n);
    expect([...windowed.application_ids].sort()).toEqual(inside.sort());
    expect(rdRows[1]).toBeLessThan(rdRows[0]);
    expect(rdRows[1]).toBeGreaterThan(0);
  });

  it('counts only the interviews that came before until, as a run made then would', () => {
    const cutoff = `${until}T00:00:00Z`;
    let later = 0;
    windowed.application_ids.forEach((id, i) => {
      const at = interviews.get(id) ?? null;
      const known = at !== null && at < cutoff;
      if (at !== null && !known) later++;
      expect(windowed.columns.reached_interview[i]).toBe(known ? 1 : 0);
    });
    expect(later).toBeGreaterThan(0); // the window's end cut some outcomes off
  });

  it('still learns covariates from the history before since', () => {
    // Applications of the window with earlier applications before `since` have priors.
    const row = (t: AnalysisTable, id: string) => t.application_ids.indexOf(id);
    const id = windowed.application_ids.find((x) => all.columns.log_prior_apps[row(all, x)] > 0)!;
    expect(windowed.columns.log_prior_apps[row(windowed, id)]).toBe(
      all.columns.log_prior_apps[row(all, id)],
    );
  });

  it('refuses bounds that are not dates or that are out of order, naming the field', () => {
    expect(() => windowBounds({ since: 'last week' })).toThrow(/since: 'last week' is not a date/);
    expect(() => windowBounds({ until: '2026-02-30' })).toThrow(
      /until: '2026-02-30' is not a date/,
    );
    expect(() => windowBounds({ since: '2026-03-01', until: '2026-02-01' })).toThrow(
      /since \(2026-03-01\) must be before until \(2026-02-01\)/,
    );
    expect(windowBounds({})).toEqual(['-infinity', 'infinity']);
    expect(windowBounds({ since: '2026-01-06T09:30:00+01:00' })).toEqual([
      '2026-01-06 08:30:00',
      'infinity',
    ]);
  });
});
