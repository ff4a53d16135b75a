import { defaultSimSettings, simulateWorld, type EditType } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { snapshotFeatures, type SnapshotFeatures } from './features';
import { resumeDnaLibrary, type ResumeDnaLibrary } from './library';
import {
  editVerdict,
  matchFeatures,
  resumeMatch,
  type EditEvidence,
  type ResumeMatch,
} from './match';
import { DEFAULT_RESUME_DNA_SETTINGS, resumeDnaSettings } from './settings';

const EDITS: EditType[] = [
  'added_metrics_to_bullets',
  'added_keywords',
  'added_certifications',
  'reorganized_sections',
  'strengthened_action_verbs',
];

describe('resume DNA on a simulated world', () => {
  const world = simulateWorld(defaultSimSettings({ users: 400, months: 12, seed: 42 }));
  let store: EventStore;
  let library: ResumeDnaLibrary;
  let effects: EditEvidence[];
  let snapshots: SnapshotFeatures[];
  let matches: ResumeMatch[];
  /** user -> edit types their latest resume carries (the facts, from RESUME_REWRITTEN). */
  let carried: Map<string, Set<string>>;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'resume-dna-'));
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    store = await EventStore.open('duckdb::memory:');
    await ingest(store, [file]);
    rmSync(dir, { recursive: true, force: true });
    // The attribution's effects as the simulator knows them exactly (its specs grade the
    // attribution against this same truth; a run here takes minutes on a loaded machine).
    effects = EDITS.map((edit) => {
      const t = world.truth.treatments[edit];
      return {
        treatment: edit,
        ate: t.ate,
        confidence_interval: [t.ate - 0.005, t.ate + 0.005] as const,
        causal_confidence: 'HIGH' as const,
        recommendation: `planted ${t.planted_effect}`,
      };
    });
    snapshots = await snapshotFeatures(store, DEFAULT_RESUME_DNA_SETTINGS);
    library = await resumeDnaLibrary(store, DEFAULT_RESUME_DNA_SETTINGS, snapshots);
    const latest = new Map<string, SnapshotFeatures>();
    for (const s of snapshots) latest.set(s.user_id, s);
    matches = [...latest.values()].flatMap((s) => {
      const role = library.roles.find((r) => r.role === s.role);
      return role ? [matchFeatures(s.user_id, s.resume_version_id, s.features, role, effects)] : [];
    });
    carried = new Map(
      (
        await store.rows(
          `SELECT user_id, arg_max(edit_types, created_at) AS e FROM resume_versions GROUP BY 1`,
        )
      ).map((r) => [String(r.user_id), new Set((r.e as string[] | null) ?? [])]),
    );
  }, 120_000);
  afterAll(() => store?.close());

  it('builds patterns for every role from successful users only', () => {
    expect(library.status).toBe('ok');
    expect(library.roles.length).toBeGreaterThanOrEqual(6);
    for (const r of library.roles) {
      expect(r.successful_users).toBeGreaterThanOrEqual(library.k);
      for (const p of r.patterns) expect(p.user_count).toBeGreaterThanOrEqual(library.k);
    }
    expect(library.roles.some((r) => r.status === 'ok')).toBe(true);
  });

  it('gives users whose resumes lack a planted helpful feature that gap', () => {
    // Keywords: 2-4 skills of 12 added to 5-9; a user near the typical coverage is short of
    // the successful mean by less than gap_min_difference (measured: 0.67 of them get it).
    const planted = [
      ['added_metrics_to_bullets', 'metric_share', 0.8],
      ['added_keywords', 'keyword_coverage', 0.6],
      ['added_certifications', 'has_certifications', 0.8],
    ] as const;
    for (const [edit, feature, recall] of planted) {
      const ok = matches.filter((m) => m.status === 'ok');
      const typical = (m: ResumeMatch) =>
        library.roles.find((r) => r.role === m.role)?.baseline.features[feature] ?? 0;
      // Lacking: never made the edit, and below the role's typical resume on its feature.
      const lacking = ok.filter(
        (m) => !carried.get(m.user_id)?.has(edit) && (m.features?.[feature] ?? 0) < typical(m),
      );
      const having = ok.filter((m) => carried.get(m.user_id)?.has(edit));
      const share = (group: ResumeMatch[]) =>
        group.filter((m) => m.gaps.some((g) => g.edit_type === edit)).length / group.length;
      expect(lacking.length).toBeGreaterThan(30);
      expect(share(lacking)).toBeGreaterThan(recall);
      expect(share(having)).toBeLessThan(0.15);
    }
  });

  it('never suggests the planted null feature, and says why', () => {
    expect(editVerdict(effects.find((e) => e.treatment === 'reorganized_sections'))).toBe(
      'useless',
    );
    const withheld = matches.filter((m) =>
      m.withheld_gaps.some((g) => g.edit_type === 'reorganized_sections'),
    );
    expect(withheld.length).toBeGreaterThan(0);
    expect(matches.some((m) => m.gaps.some((g) => g.edit_type === 'reorganized_sections'))).toBe(
      false,
    );
  });

  it('matches one user from the store, and withholds a role with fewer than k users', async () => {
    const user = matches.find((m) => m.gaps.length > 0)?.user_id ?? '';
    const one = await resumeMatch(store, user, library, effects);
    expect(one).toEqual(matches.find((m) => m.user_id === user));
    const strict = resumeDnaSettings({ k: 100 });
    const small = await resumeDnaLibrary(store, strict, snapshots);
    expect(small.suppressed_roles).toBeGreaterThan(0);
    expect(small.roles.length + small.suppressed_roles).toBe(
      library.roles.length + library.suppressed_roles,
    );
    for (const r of small.roles) expect(r.successful_users).toBeGreaterThanOrEqual(100);
    const outside = matches.find((m) => !small.roles.some((r) => r.role === m.role));
    const refused = await resumeMatch(store, outside?.user_id ?? '', small, effects, strict);
    expect(refused.status).toBe('role_not_in_library');
    expect(refused.gaps).toEqual([]);
  });
});
