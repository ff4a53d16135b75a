import { refuterSettings, withQValues } from '@hirelearn/causal';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { benjaminiHochberg, createRng } from '@hirelearn/stats';
import { designEffect, type DesignEffect } from './design-study';
import { didStudies, didStudy, periodOf, userPeriodPanel } from './did-study';
import { loadRdStudyData, type RdStudyData } from './rd-study';
import { attributeTable } from './run';
import { attributionSettings, DEFAULT_ATTRIBUTION_SETTINGS } from './settings';
import { loadAnalysisTable, type AnalysisTable } from './table';
import { plantedEffect, type PlantedEffect } from './testing/truth';
import { readIngested } from './testing/ingested';

/** One 400-user × 6-month world for the file (~12.9k applications, ~100-150 editors per type). */
let truth: SimTruth;
let table: AnalysisTable;
let rd: RdStudyData;
let effects: Map<string, DesignEffect>;

const settings = DEFAULT_ATTRIBUTION_SETTINGS;
const gradeAll = (t: AnalysisTable) => {
  const studies = didStudies(t, settings);
  const q = withQValues(studies.map((s) => s.primary));
  return new Map(studies.map((s, i) => [s.treatment, designEffect(s, q[i], settings.grading)]));
};
const planted = (name: string): PlantedEffect =>
  plantedEffect(truth.treatments as unknown as Record<string, PlantedEffect>, name)!;

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 400, months: 6, seed: 3 }));
  truth = world.truth;
  [table, rd] = await readIngested(
    world,
    async (store) =>
      [await loadAnalysisTable(store), await loadRdStudyData(store, settings.rd)] as const,
  );
  effects = gradeAll(table);
});

describe('resume edits as difference-in-differences', () => {
  it('studies every edit type of the log, by user and month, with a pre-trend test', () => {
    expect([...effects.keys()]).toEqual(table.edit_types);
    for (const e of effects.values()) {
      expect(e.method).toBe('did');
      expect(e.design.period).toBe('month');
      expect(e.design.adjusted_for_other_edits).toBe(true);
      expect(e.refutations.map((r) => r.name)).toEqual(['pre_trend']);
    }
  });

  it('finds the planted +6 point edit positive, its interval covering the total effect', () => {
    const e = effects.get('added_metrics_to_bullets')!;
    const t = planted('added_metrics_to_bullets');
    expect(e.status).toBe('ok');
    expect(e.ate).toBeGreaterThan(0);
    const [lo, hi] = e.confidence_interval!;
    expect(lo).toBeGreaterThan(0);
    expect(lo).toBeLessThanOrEqual(t.total_ate!);
    expect(hi).toBeGreaterThanOrEqual(t.total_ate!);
    expect(e.refutations[0].passed).toBe(true);
  });

  it('does not grade the null edit (reorganized sections) HIGH; its interval covers 0', () => {
    const e = effects.get('reorganized_sections')!;
    expect(e.causal_confidence).not.toBe('HIGH');
    const [lo, hi] = e.confidence_interval!;
    expect(lo).toBeLessThanOrEqual(0);
    expect(hi).toBeGreaterThanOrEqual(0);
    // The cross-section is fooled by who edits; the within-user comparison is not.
    expect(e.naive.ate!).toBeGreaterThan(0.03);
  });

  it('fails the pre-trend test when editors were already improving before the edit', () => {
    // Users who will add metrics reach interview in the months before they do, and not after:
    // a pre-trend, with an effect that is really a return to the user's level.
    const col = table.columns['edit:added_metrics_to_bullets'];
    const month = table.submitted_at.map((s) => periodOf(s, 'month'));
    const first = new Map<string, string>();
    table.user_ids.forEach((u, i) => {
      if (col[i] === 1 && !(month[i] >= (first.get(u) ?? '9999'))) first.set(u, month[i]);
    });
    const before = (i: number) => {
      const f = first.get(table.user_ids[i]);
      return f !== undefined && month[i] < f && month[i] >= shift(f, -2);
    };
    const y = table.columns.reached_interview.map((v, i) => (before(i) ? 1 : v));
    const trended = { ...table, columns: { ...table.columns, reached_interview: y } };
    const study = didStudy(trended, 'added_metrics_to_bullets', settings);
    const e = designEffect(study, withQValues([study.primary])[0], settings.grading);
    expect(e.refutations[0].passed).toBe(false);
    expect(e.causal_confidence).toBe('LOW');
  });
});

/** 'YYYY-MM' moved by `k` months. */
function shift(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

describe('the user × period panel', () => {
  const mini: AnalysisTable = {
    n: 6,
    application_ids: ['a', 'b', 'c', 'd', 'e', 'f'],
    user_ids: ['u1', 'u1', 'u1', 'u2', 'u2', 'u2'],
    submitted_at: [
      '2025-01-06T09:00:00Z',
      '2025-01-12T09:00:00Z',
      '2025-02-03T09:00:00Z',
      '2025-01-07T09:00:00Z',
      '2025-02-04T09:00:00Z',
      '2025-02-05T09:00:00Z',
    ],
    edit_types: ['x'],
    columns: { reached_interview: [1, 0, 1, 0, 1, 1], 'edit:x': [0, 1, 1, 0, 0, 0] },
  };

  it('averages outcome and treatment over each user-month', () => {
    expect(userPeriodPanel(mini, ['reached_interview', 'edit:x'], 'month')).toEqual({
      user: ['u1', 'u1', 'u2', 'u2'],
      period: ['2025-01', '2025-02', '2025-01', '2025-02'],
      means: { reached_interview: [0.5, 1, 0, 1], 'edit:x': [0.5, 1, 0, 0] },
    });
  });

  it('equals the 2x2 difference of cell means on a two-group, two-month panel', () => {
    // u1, u2 edit in February; u3, u4 never: (1 − 0.5) − (0.5 − 0.5) = 0.5.
    const users = ['u1', 'u2', 'u3', 'u4'];
    const two: AnalysisTable = {
      n: 8,
      application_ids: users.flatMap((u) => [`${u}-jan`, `${u}-feb`]),
      user_ids: users.flatMap((u) => [u, u]),
      submitted_at: users.flatMap(() => ['2025-01-10T09:00:00Z', '2025-02-10T09:00:00Z']),
      edit_types: ['x'],
      columns: {
        reached_interview: [0, 1, 1, 1, 0, 0, 1, 1],
        'edit:x': [0, 1, 0, 1, 0, 0, 0, 0],
      },
    };
    const e = didStudy(two, 'x', DEFAULT_ATTRIBUTION_SETTINGS);
    expect(e.primary.status).toBe('ok');
    expect(e.primary.method).toBe('did_imputation');
    expect(e.primary.estimate).toBeCloseTo(0.5, 10);
    expect(e.estimates.did_twfe).toBeCloseTo(0.5, 10);
    expect(e.support).toEqual({ treated_users: 2, control_users: 2 });
  });

  it('does not grade HIGH a finding the other specification does not confirm (a co-edit)', () => {
    // Edit x is always made with edit y, which alone raises the interview rate by 30 points;
    // some users make y alone. Unadjusted, x takes y's effect; adjusted for y, it has none.
    const rng = createRng(41);
    const users: string[] = [];
    const months: string[] = [];
    const y: number[] = [];
    const x: number[] = [];
    const ey: number[] = [];
    for (let u = 0; u < 150; u++) {
      const kind = u % 3; // 0: x and y in March, 1: y alone in March, 2: never
      for (let m = 1; m <= 5; m++) {
        for (let k = 0; k < 4; k++) {
          const after = m >= 3 && kind < 2;
          users.push(`u${u}`);
          months.push(`2025-0${m}-1${k}T09:00:00Z`);
          x.push(after && kind === 0 ? 1 : 0);
          ey.push(after ? 1 : 0);
          y.push(rng.uniform() < 0.2 + (after ? 0.3 : 0) ? 1 : 0);
        }
      }
    }
    const coEdit: AnalysisTable = {
      n: y.length,
      application_ids: y.map((_, i) => `a${i}`),
      user_ids: users,
      submitted_at: months,
      edit_types: ['x', 'y'],
      columns: { reached_interview: y, 'edit:x': x, 'edit:y': ey },
    };
    const plain = attributionSettings({ did: { ...settings.did, adjust_for_other_edits: false } });
    const unadjusted = didStudy(coEdit, 'x', plain);
    expect(unadjusted.primary.ci[0]).toBeGreaterThan(0.05);
    expect(unadjusted.primary.estimate).toBeGreaterThan(0.1); // ≈ 0.3 − 0.3/2: half the controls make y
    expect(unadjusted.estimates.did_adjusted!).toBeLessThan(0.1);
    expect(unadjusted.caveats[0]).toMatch(
      /with the adjustment for the other edits does not confirm/,
    );
    const graded = designEffect(unadjusted, withQValues([unadjusted.primary])[0], plain.grading);
    expect(graded.causal_confidence).toBe('MEDIUM');
    expect(unadjusted.refutations[0].passed).toBe(true); // one cohort: lead 2 dropped as reference
    const adjusted = didStudy(coEdit, 'x', settings);
    expect(Math.abs(adjusted.primary.estimate)).toBeLessThan(0.1);
    expect(adjusted.design.confirmed_by_other_specification).toBe(true);
  });

  it('starts weeks on Monday (2025-01-06 was a Monday, 2025-01-12 the Sunday after)', () => {
    expect(periodOf('2025-01-06T00:00:00Z', 'week')).toBe(periodOf('2025-01-12T23:59:59Z', 'week'));
    expect(periodOf('2025-01-05T23:59:59Z', 'week')).not.toBe(
      periodOf('2025-01-06T00:00:00Z', 'week'),
    );
  });
});

describe('the nightly run with the design studies', () => {
  it('puts the RD and the DiD beside the adjustment estimate, one BH family, sorted by q', () => {
    const run = attributeTable(table, {
      settings: attributionSettings({
        refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
      }),
      treatments: ['added_keywords', 'strategy_mode_at_threshold'],
      designs: { rd, did: true },
      now: new Date('2026-01-02T00:00:00Z'),
    });
    const got = run.effects.map((e) => `${e.treatment}/${e.method}`).sort();
    expect(got).toEqual([
      'added_keywords/aipw',
      'added_keywords/did',
      'strategy_mode_at_threshold/rd',
    ]);
    const q = benjaminiHochberg(run.effects.map((e) => e.p_value!));
    run.effects.forEach((e, i) => expect(e.q_value).toBeCloseTo(q[i], 12));
    const qs = run.effects.map((e) => e.q_value!);
    expect(qs).toEqual([...qs].sort((a, b) => a - b));
    expect(JSON.parse(JSON.stringify(run)).effects).toHaveLength(3);
  });
});
