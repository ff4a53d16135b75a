import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  attributeTable,
  attributionSettings,
  loadAnalysisTable,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { refuterSettings } from '@hirelearn/causal';
import { ingest } from '@hirelearn/ingest';
import { DeliveryLog } from '@hirelearn/insight-quality';
import { saveAttribution } from '@hirelearn/nightly';
import { auditArtifacts, DEFAULT_PRIVACY_AUDIT_SETTINGS } from '@hirelearn/safeguards';
import { defaultSimSettings, simulateWorld, type SimTruth } from '@hirelearn/sim';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import {
  DEFAULT_WEEKLY_INSIGHTS_SETTINGS,
  parseIsoWeek,
  renderWeekly,
  shiftWeek,
  WEEKLY_FORMATS,
  weeklyContext,
  weeklyInsightsForAll,
  weeklyInsightsForUser,
  whyNotRecommended,
  type Insight,
  type IsoWeek,
  type WeeklyContext,
  type WeeklyInsights,
} from '@hirelearn/weekly-insights';
import { plantedEffect } from '../libs/attribution/src/testing/truth';
import { requireBuiltCli, runCli } from './support/cli';

/**
 * Weekly insights (spec 8.1) on a simulated world whose causes are known: the nightly's
 * attribution (here over a few treatments, planted nulls among them, with the DiD designs) is
 * stored, and every user's report for one week is built from it, through the library and
 * through the CLI.
 */

/** Planted helpful (metrics, tailoring) and planted nulls (the confounded edit, the timing traps). */
const STUDIED = [
  'added_metrics_to_bullets',
  'reorganized_sections',
  'tailoring_applied',
  'applied_on_tuesday',
  'applied_in_morning',
];
const WEEK = week('2025-W40');
const RUN_ID = 'nightly-weekly-spec';
const s = DEFAULT_WEEKLY_INSIGHTS_SETTINGS;

function week(text: string): IsoWeek {
  const w = parseIsoWeek(text);
  if (w.status !== 'ok') throw new Error(w.reason);
  return w.week;
}

const dir = mkdtempSync(path.join(tmpdir(), 'weekly-insights-'));
const env = {
  HIRELEARN_DB: `duckdb://${dir}/store.duckdb`,
  HIRELEARN_DOCUMENTS: `sqlite://${dir}/documents.sqlite`,
};
let truth: SimTruth;
let attribution: OutcomeAttribution;
let store: EventStore;
let ctx: WeeklyContext;
let reports: WeeklyInsights[];
let knownIds: string[];

async function all(context: WeeklyContext): Promise<WeeklyInsights[]> {
  const out: WeeklyInsights[] = [];
  for await (const r of weeklyInsightsForAll(store, context)) out.push(r);
  return out;
}

beforeAll(async () => {
  const world = simulateWorld(defaultSimSettings({ users: 200, months: 12, seed: 5 }));
  truth = world.truth;
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, world.lines.join('\n'));
  const writer = await EventStore.open(env.HIRELEARN_DB);
  try {
    await ingest(writer, [file]);
    attribution = attributeTable(await loadAnalysisTable(writer), {
      settings: attributionSettings({
        refuters: refuterSettings({ placebo_repeats: 1, subset_repeats: 1 }),
      }),
      treatments: STUDIED,
      designs: { did: true },
      now: new Date('2026-01-02T00:00:00Z'),
    });
  } finally {
    await writer.close();
  }
  const docs = await openDocumentStore(env.HIRELEARN_DOCUMENTS);
  await saveAttribution(docs, RUN_ID, attribution);
  await docs.close();
  store = await EventStore.open(env.HIRELEARN_DB, { readOnly: true });
  ctx = await weeklyContext(store, {
    week: WEEK,
    attribution,
    attribution_run_id: RUN_ID,
    now: new Date('2025-10-06T06:00:00Z'),
  });
  reports = await all(ctx);
  knownIds = (
    await store.rows('SELECT DISTINCT user_id FROM raw_events WHERE user_id IS NOT NULL')
  ).map((r) => String(r.user_id));
}, 240_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const insights = (rs: readonly WeeklyInsights[]): Insight[] =>
  rs.flatMap((r) => r.sections.flatMap((x) => x.insights));
const planted = (t: string) => plantedEffect(truth.treatments, t)?.ate ?? null;

describe('weekly insights on a simulated world', () => {
  it('never recommends a planted null action; what it recommends is planted helpful', () => {
    const nulls = STUDIED.filter((t) => planted(t) === 0);
    expect(nulls).toEqual(expect.arrayContaining(['reorganized_sections', 'applied_on_tuesday']));
    const recommended = insights(reports).filter((i) => i.action !== null);
    expect(recommended.length).toBeGreaterThan(0);
    for (const i of recommended) {
      expect(nulls).not.toContain(i.action);
      expect(planted(i.action!)).toBeGreaterThan(0);
      expect(i.confidence).toBe('HIGH');
    }
    // Each null the attribution studied is refused with a reason, whatever users did.
    for (const e of attribution.effects.filter((x) => nulls.includes(x.treatment)))
      expect(whyNotRecommended(e, s)).not.toBeNull();
  });

  it('refuses an effect that misses a minimum even when it looks good', () => {
    const helpful = ctx.effects.actions[0].effect;
    expect(whyNotRecommended(helpful, s)).toBeNull();
    expect(whyNotRecommended({ ...helpful, causal_confidence: 'MEDIUM' }, s)).toMatch(
      /graded MEDIUM/,
    );
    expect(whyNotRecommended({ ...helpful, confidence_interval: [-0.01, 0.09] }, s)).toMatch(
      /contains 0/,
    );
    expect(whyNotRecommended({ ...helpful, treatment_group_size: 29 }, s)).toMatch(/needs 30/);
    expect(whyNotRecommended({ ...helpful, q_value: 0.2 }, s)).toMatch(/q-value/);
    expect(
      whyNotRecommended({ ...helpful, ate: -0.05, confidence_interval: [-0.08, -0.02] }, s),
    ).toMatch(/hurts/);
  });

  it('gives every insight its evidence, never below the minimums', () => {
    const all = insights(reports);
    expect(new Set(all.map((i) => i.type))).toEqual(
      new Set([
        'activity_vs_own_past',
        'interview_rate_vs_segment',
        'user_pattern',
        'causal_action',
        'market_shift',
        'focus',
      ]),
    );
    const least: Record<Insight['type'], number> = {
      activity_vs_own_past: s.min_history_weeks,
      interview_rate_vs_segment: 2 * s.analytics.min_sample,
      user_pattern: 2 * s.analytics.min_sample,
      causal_action: s.min_treated,
      market_shift: 2 * s.min_postings,
      focus: s.min_history_weeks,
    };
    for (const i of all) {
      const e = i.evidence;
      expect(Number.isFinite(e.effect)).toBe(true);
      expect(e.interval[0]).toBeLessThanOrEqual(e.effect);
      expect(e.effect).toBeLessThanOrEqual(e.interval[1]);
      expect(e.method.length).toBeGreaterThan(0);
      expect(e.sample_size).toBeGreaterThanOrEqual(least[i.type]);
      expect(i.insight_id).toMatch(/^wi-[0-9a-f]{16}$/);
    }
    // A pattern shown is one that held: its interval above 0.
    for (const i of all.filter((x) => x.type === 'user_pattern'))
      expect(i.evidence.interval[0]).toBeGreaterThan(0);
  });

  it('passes the privacy audit over every file of every user (nothing planted), naming no one else', () => {
    const files = reports.flatMap((r) =>
      WEEKLY_FORMATS.map((f) => ({ name: `${r.user_id}/${f}`, text: renderWeekly(r, f, 0.05) })),
    );
    const audit = auditArtifacts(files, {
      ...DEFAULT_PRIVACY_AUDIT_SETTINGS,
      known_user_ids: knownIds,
    });
    expect(audit.findings).toEqual([]);
    expect(audit.artifacts_scanned).toBe(3 * reports.length);
    for (const f of files.filter((x) => x.name.endsWith('/html')))
      expect(f.text).not.toMatch(/https?:|src=|href=|<script/);
    const full = reports.find((r) => r.status === 'ok')!;
    expect(renderWeekly(full, 'html', 0.05)).toMatch(/<svg[^>]*viewBox="0,0,640,\d+"/);
    // The audit catches a peer's id in a report (the check above can fail).
    const [a, b] = reports;
    const leak = renderWeekly(a, 'md', 0.05).replace(
      '# Your week',
      `# Your week (like ${b.user_id})`,
    );
    expect(auditArtifacts([{ name: 'x.md', text: leak }]).status).toBe('fail');
  });

  it('gives users who opted out of personalization the segment-level version, the same for each', async () => {
    const out = truth.privacy.opted_out
      .filter((o) => o.scope === 'personalization' || o.scope === 'all')
      .map((o) => o.user_id);
    const theirs = reports.filter((r) => out.includes(r.user_id));
    expect(theirs.length).toBeGreaterThanOrEqual(2);
    const anonymous = (r: WeeklyInsights) =>
      JSON.stringify({ ...r, user_id: null, segment: null }).replace(/wi-[0-9a-f]{16}/g, 'wi-id');
    for (const r of theirs) {
      expect(r.status).toBe('segment_only');
      expect(r.activity).toBeNull();
      expect(r.sections.map((x) => x.name)).toEqual([
        'recommended_actions',
        'market_context',
        'next_week_focus',
      ]);
      expect(anonymous(r)).toBe(anonymous(theirs[0]));
    }
    // The others withheld the consent in their profile (consent.personalization false).
    const withheld = (
      await store.rows('SELECT DISTINCT user_id FROM users WHERE NOT consent_personalization')
    ).map((r) => String(r.user_id));
    expect(
      reports
        .filter((r) => r.status === 'segment_only')
        .map((r) => r.user_id)
        .sort(),
    ).toEqual([...new Set([...out, ...withheld])].filter((u) => knownIds.includes(u)).sort());
  });

  it('says so, briefly, for a week without activity', async () => {
    const before = await weeklyContext(store, {
      week: week('2024-W40'),
      attribution,
      attribution_run_id: RUN_ID,
    });
    const r = await weeklyInsightsForUser(store, reports[0].user_id, before);
    if (!('user_id' in r)) throw new Error(r.reason);
    expect(r.status).toBe('no_activity');
    expect(r.headline).toBe('No activity in 2024-W40');
    expect(r.sections).toEqual([]);
    expect(renderWeekly(r, 'md', 0.05).length).toBeLessThan(600);
    expect(reports.some((x) => x.status === 'no_activity')).toBe(true);
  });

  it('refuses a user it never knew and one it erased', async () => {
    expect(await weeklyInsightsForUser(store, 'user-99999', ctx)).toMatchObject({
      status: 'unknown_user',
    });
    const [erased] = truth.privacy.deletion_requested;
    expect(knownIds).not.toContain(erased);
    expect(await weeklyInsightsForUser(store, erased, ctx)).toMatchObject({
      status: 'erased_user',
      reason: expect.stringMatching(/erased/),
    });
  });

  it('gives one user alone the report the run over everyone gave, with the same ids', async () => {
    const twice = await all(ctx);
    expect(twice).toEqual(reports);
    for (const r of reports.filter((x) => x.status === 'ok').slice(0, 3))
      expect(await weeklyInsightsForUser(store, r.user_id, ctx)).toEqual(r);
  });
});

describe('hirelearn insights weekly', () => {
  beforeAll(requireBuiltCli);
  const out = path.join(dir, 'out');

  it('writes every user, passes the privacy audit over the files, logs each delivery once', async () => {
    const run = runCli(
      [
        'insights',
        'weekly',
        '--all',
        '--week',
        WEEK.label,
        '--format',
        'html',
        '--out',
        out,
        '--json',
      ],
      env,
    );
    expect(run.stderr).toMatch(/insights weekly: \d+ users/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      users: number;
      files: number;
      deliveries_logged: number;
    };
    expect(summary.users).toBe(reports.length);
    expect(summary.files).toBe(reports.length);
    const html = readdirSync(out, { recursive: true }).filter((f) => String(f).endsWith('.html'));
    expect(html).toHaveLength(reports.length);
    const audit = runCli(['privacy', 'audit', '--path', out, '--db', env.HIRELEARN_DB], env);
    expect(audit.stdout).toMatch(/status\s+PASS/);
    expect(audit.code).toBe(0);

    const delivered = insights(reports).filter(
      (i) => !(i.type === 'focus' && i.action !== null),
    ).length;
    expect(summary.deliveries_logged).toBe(delivered);
    // Delivering a user's report again logs nothing twice (stable ids).
    const user = reports.find((r) => r.status === 'ok')!.user_id;
    expect(runCli(['insights', 'weekly', '--user', user, '--week', WEEK.label], env).code).toBe(0);
    const docs = await openDocumentStore(env.HIRELEARN_DOCUMENTS, { readOnly: true });
    try {
      const logged = await new DeliveryLog(docs).list({ kind: 'weekly_insight' });
      expect(logged).toHaveLength(delivered);
      const action = logged.find((d) => d.predicted_effect !== null)!;
      expect(action.action.type).toMatch(/resume_edit|tailoring/);
      expect(action.confidence).toBe('HIGH');
      expect(action.predicted_effect!.interval[0]).toBeGreaterThan(0);
    } finally {
      await docs.close();
    }
  });

  it('logs a replayed week at --delivered-at, and names the flag and its rule on a bad one', async () => {
    const next = shiftWeek(WEEK, 1);
    const nextCtx = await weeklyContext(store, {
      week: next,
      attribution,
      attribution_run_id: RUN_ID,
    });
    // A user with insights that week, none of them delivered yet.
    const user = (await all(nextCtx)).find(
      (r) => r.status === 'ok' && insights([r]).length > 0,
    )!.user_id;
    const weekly = (...extra: string[]) =>
      runCli(['insights', 'weekly', '--user', user, '--week', next.label, ...extra], env);
    const bad = weekly('--delivered-at', 'soon');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--delivered-at 'soon' is not a date");
    const early = weekly('--delivered-at', '2025-10-08');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(
      `--delivered-at 2025-10-08T00:00:00.000Z is before the end of ${next.label}`,
    );
    expect(weekly('--delivered-at', '2025-10-13T07:00:00+02:00').code).toBe(0);
    const docs = await openDocumentStore(env.HIRELEARN_DOCUMENTS, { readOnly: true });
    try {
      const logged = await new DeliveryLog(docs).list({ user_id: user });
      const replayed = logged.filter((d) => d.source_id.startsWith(`weekly/${next.label}`));
      expect(replayed.length).toBeGreaterThan(0);
      for (const d of replayed) expect(d.delivered_at).toBe('2025-10-13T05:00:00.000Z');
    } finally {
      await docs.close();
    }
  });

  it('prints one user as JSON, and names --week and its rule on a malformed week', () => {
    const user = reports.find((r) => r.status === 'ok')!.user_id;
    const one = runCli(
      ['insights', 'weekly', '--user', user, '--week', WEEK.label, '--format', 'json'],
      env,
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ user_id: user, status: 'ok' });
    const bad = runCli(['insights', 'weekly', '--user', user, '--week', '2025-40'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--week: week '2025-40' is not an ISO week: use YYYY-Www");
  });

  it('refuses an unknown and an erased user clearly', () => {
    const unknown = runCli(
      ['insights', 'weekly', '--user', 'user-99999', '--week', WEEK.label],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /--user 'user-99999': the event store holds no event of this user/,
    );
    const [erased] = truth.privacy.deletion_requested;
    const gone = runCli(['insights', 'weekly', '--user', erased, '--week', WEEK.label], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/the user was erased/);
  });
});
