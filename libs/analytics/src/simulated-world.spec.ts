import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { auditArtifacts, DEFAULT_PRIVACY_AUDIT_SETTINGS } from '@hirelearn/safeguards';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { exportArtifacts, type ExportArtifact } from './export';
import { fairnessAudit } from './fairness';
import { ALL_TIME } from './period';
import { userSegments } from './segments';
import { allUserPerformance } from './user-performance';

describe('analytics on a simulated world', () => {
  const world = simulateWorld(defaultSimSettings({ users: 300, months: 6, seed: 1 }));
  let store: EventStore;
  let artifacts: ExportArtifact[];
  let knownIds: string[];
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'analytics-sim-'));
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    store = await EventStore.open('duckdb::memory:');
    await ingest(store, [file]);
    rmSync(dir, { recursive: true, force: true });
    artifacts = await exportArtifacts(store);
    knownIds = (await store.rows('SELECT DISTINCT user_id FROM users')).map((r) =>
      String(r.user_id),
    );
  });
  afterAll(() => store?.close());

  it('has resumes that hold personal data (the audit has something to catch)', () => {
    expect(world.truth.privacy.contact_info_in_resume.length).toBeGreaterThan(0);
    expect(world.lines.some((l) => l.includes('RESUME_SNAPSHOT') && /@example\.com/.test(l))).toBe(
      true,
    );
  });

  it('passes the privacy audit over everything it exports', () => {
    const settings = { ...DEFAULT_PRIVACY_AUDIT_SETTINGS, known_user_ids: knownIds };
    const result = auditArtifacts(artifacts, settings);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
    expect(artifacts.map((a) => a.name)).toEqual([
      'segments.json',
      'market.json',
      'resume-phrases.json',
    ]);
    expect(artifacts.some((a) => /gender|age_band|protected/.test(a.text))).toBe(false);
  });

  it('fails the audit when a leak is planted', () => {
    const snapshot =
      world.lines.find((l) => l.includes('RESUME_SNAPSHOT') && /@example\.com/.test(l)) ?? '';
    const summary = String(
      (JSON.parse(snapshot) as { resume: { summary: string } }).resume.summary,
    );
    const segments = JSON.parse(artifacts[0].text) as { segments: { user_count: number }[] };
    segments.segments[0].user_count = 3;
    const leaked = [
      ...artifacts,
      { name: 'notes.md', text: `best user: ${knownIds[0]}\n${summary}\n` },
      { name: 'segments-small.json', text: JSON.stringify(segments) },
    ];
    const result = auditArtifacts(leaked, {
      ...DEFAULT_PRIVACY_AUDIT_SETTINGS,
      known_user_ids: knownIds,
    });
    expect(result.status).toBe('fail');
    expect(result.by_kind.user_id).toBeGreaterThanOrEqual(1);
    expect(result.by_kind.email).toBe(1);
    expect(result.by_kind.phone).toBe(1);
    expect(result.by_kind.small_cell).toBe(1);
  });

  it('leaves every opted-out user out of cross-user results', async () => {
    const optedOut = new Set(
      world.truth.privacy.opted_out
        .filter((o) => o.scope !== 'personalization')
        .map((o) => o.user_id),
    );
    const seg = await userSegments(store, ['seniority']);
    expect(seg.excluded_opted_out_users).toBeGreaterThanOrEqual(
      [...optedOut].filter((u) => knownIds.includes(u)).length,
    );
    const total = (
      await store.rows(
        `SELECT count(DISTINCT user_id)::INTEGER AS n FROM users WHERE valid_to IS NULL`,
      )
    )[0].n;
    const shown = seg.segments.reduce((t, s) => t + s.user_count, 0);
    expect(shown).toBeLessThanOrEqual(Number(total) - seg.excluded_opted_out_users);
  });

  it('finds no disparity where the simulator planted none', async () => {
    const f = await fairnessAudit(store);
    expect(f.status).toBe('ok');
    expect(f.groups.length).toBeGreaterThan(2);
    expect(f.flagged).toBe(0);
  });

  it('agrees with a plain count of the applications fact', async () => {
    const rows = await allUserPerformance(store, ALL_TIME);
    const [t] = await store.rows(
      `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE reached_interview)::INTEGER AS x,
        count(*) FILTER (WHERE ghosted)::INTEGER AS g FROM applications`,
    );
    expect(rows.reduce((s, r) => s + r.total_applications, 0)).toBe(t.n);
    expect(rows.reduce((s, r) => s + r.interview_requests, 0)).toBe(t.x);
    expect(rows.reduce((s, r) => s + r.ghosted, 0)).toBe(t.g);
  });
});
