import {
  EVENT_TYPES,
  validateLine,
  type EventOf,
  type HirelearnEvent,
  type Validation,
} from '@hirelearn/contract';
import { BAD_KINDS } from './bad-events';
import { simulateWorld, type SimWorld } from './simulate-world';
import { smallWorldSettings } from './testing/small-world';

/** The log as the contract sees it: every line, every invariant the simulator promises. */
describe('simulated world: wire format and invariants', () => {
  let world: SimWorld;
  let now: Date;
  let validations: Validation[];
  const ofType = <T extends HirelearnEvent['event_type']>(type: T) =>
    world.events.filter((e): e is EventOf<T> => e.event_type === type);

  beforeAll(() => {
    world = simulateWorld(smallWorldSettings());
    now = new Date(world.settings.endDate);
    validations = world.lines.map((line) => validateLine(line, now));
  });

  it('writes every valid line so that validateLine accepts it, and every bad line as planted', () => {
    const bad = new Map(world.truth.mess.bad.map((b) => [b.line, b]));
    const failures: string[] = [];
    validations.forEach((result, i) => {
      const planted = bad.get(i + 1);
      if (planted && ['conflicting_duplicate', 'unknown_application'].includes(planted.reason)) {
        if (!result.ok) failures.push(`line ${i + 1}: ${planted.kind} should parse`);
      } else if (planted) {
        if (result.ok) failures.push(`line ${i + 1}: ${planted.kind} passed validation`);
        else if (result.reason !== planted.reason || result.field !== planted.field) {
          failures.push(
            `line ${i + 1}: ${planted.kind} failed with ${result.reason} ${result.field}`,
          );
        }
      } else if (!result.ok) {
        failures.push(`line ${i + 1}: ${result.message}`);
      }
    });
    expect(failures).toEqual([]);
  });

  it('plants `bad` events of every kind the contract names', () => {
    const kinds = world.truth.mess.bad.map((b) => b.kind);
    for (const kind of BAD_KINDS) expect(kinds.filter((k) => k === kind)).toHaveLength(2);
    expect(world.truth.counts.lines).toBe(world.lines.length);
  });

  it('plants conflicts on ids already in the file and orphans on applications never created', () => {
    const firstLineOf = new Map<string, { line: number; text: string }>();
    world.lines.forEach((text, i) => {
      const r = validations[i];
      if (r.ok && !firstLineOf.has(r.event.event_id))
        firstLineOf.set(r.event.event_id, { line: i + 1, text });
    });
    const created = new Set(ofType('APPLICATION_CREATED').map((e) => e.application_id));
    for (const b of world.truth.mess.bad) {
      const text = world.lines[b.line - 1];
      if (b.kind === 'conflicting_duplicate') {
        const first = firstLineOf.get(b.event_id ?? '');
        expect(first && first.line < b.line).toBe(true);
        expect(first?.text).not.toBe(text);
      }
      if (b.kind === 'orphan_status') {
        const parsed = JSON.parse(text) as { application_id: string };
        expect(created.has(parsed.application_id)).toBe(false);
      }
    }
  });

  it('duplicates about 1% of lines verbatim and releases lines out of time order', () => {
    const { duplicates } = world.truth.mess;
    const rate = duplicates.count / world.events.length;
    expect(rate).toBeGreaterThan(0.005);
    expect(rate).toBeLessThan(0.015);
    const seen = new Map<string, number>();
    for (const line of world.lines) seen.set(line, (seen.get(line) ?? 0) + 1);
    const repeated = [...seen.values()].filter((n) => n > 1).length;
    expect(repeated).toBe(duplicates.count);
    let inversions = 0;
    for (let i = 1; i < world.events.length; i++) {
      if (world.events[i].timestamp < world.events[i - 1].timestamp) inversions++;
    }
    const fileTimes = world.lines.map(
      (l) =>
        (JSON.parse(l.startsWith('{') && l.endsWith('}') ? l : '{}') as { timestamp?: string })
          .timestamp ?? '',
    );
    let fileInversions = 0;
    for (let i = 1; i < fileTimes.length; i++)
      if (fileTimes[i] < fileTimes[i - 1]) fileInversions++;
    expect(inversions).toBe(0);
    expect(fileInversions).toBeGreaterThan(world.lines.length / 10);
  });

  it('emits every event type, all timestamps inside the window, event ids unique', () => {
    const types = new Set(world.events.map((e) => e.event_type));
    for (const type of EVENT_TYPES) {
      if (['TARGET_ADJUSTED', 'PLAN_GENERATED', 'SCORE_CHANGED'].includes(type)) continue;
      expect(types.has(type)).toBe(true);
    }
    const ids = new Set(world.events.map((e) => e.event_id));
    expect(ids.size).toBe(world.events.length);
    const start = world.settings.startDate;
    const end = world.settings.endDate;
    expect(world.events.filter((e) => !(e.timestamp >= start && e.timestamp < end))).toEqual([]);
  });

  it('follows the mode threshold rule on every MODE_CHANGED and every application', () => {
    const { cutoff } = world.truth.regression_discontinuity;
    const aggressive = world.settings.strategy.aggressiveThreshold;
    const rule = (score: number) =>
      score < cutoff
        ? 'IMPROVE_RESUME_FIRST'
        : score >= aggressive
          ? 'APPLY_AGGRESSIVELY'
          : 'BALANCED';
    const changes = ofType('MODE_CHANGED');
    expect(changes.length).toBeGreaterThan(world.settings.users);
    expect(changes.filter((e) => e.to_mode !== rule(e.metrics.resume_score))).toEqual([]);
    const apps = ofType('APPLICATION_SUBMITTED');
    expect(apps.filter((e) => e.context.strategy_mode !== rule(e.context.resume_score))).toEqual(
      [],
    );
  });

  it('reports fit_score with the current weights while truth.json records different true weights', () => {
    const w = world.truth.fit_weights.current;
    const off = ofType('APPLICATION_SUBMITTED').filter((e) => {
      const c = e.context.fit_components;
      if (!c) return true;
      const fit =
        w.technical * c.technical +
        w.seniority * c.seniority +
        w.experience * c.experience +
        w.signal * c.signal;
      return Math.abs(fit - e.context.fit_score) > 0.051;
    });
    expect(off).toEqual([]);
    expect(world.truth.fit_weights.true).not.toEqual(w);
  });

  it('links each application to the resume version in force and keeps rewrites consistent', () => {
    const latest = new Map<string, string>();
    const sorted = [...world.events].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    let checked = 0;
    const wrong: string[] = [];
    for (const e of sorted) {
      if (e.event_type === 'RESUME_SNAPSHOT') latest.set(e.user_id, e.resume_version_id);
      if (e.event_type === 'APPLICATION_CREATED') {
        if (e.resume_version_id !== latest.get(e.user_id)) wrong.push(e.event_id);
        checked++;
      }
      if (e.event_type === 'RESUME_REWRITTEN') {
        const exact = Math.abs(e.score_delta - (e.after_score - e.before_score)) <= 0.01;
        if (!exact || !e.edit_types?.length) wrong.push(e.event_id);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  });

  it('answers every accepted suggestion with a suggested rewrite of the same edit type', () => {
    const suggestedRewrites = ofType('RESUME_REWRITTEN').filter((e) => e.suggested_by_system);
    const accepted = [...ofType('SUGGESTION_ACCEPTED'), ...ofType('SUGGESTION_EDITED')];
    expect(suggestedRewrites.length).toBe(accepted.length);
    const byUser = new Map<string, string[]>();
    for (const r of suggestedRewrites)
      byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), ...(r.edit_types ?? [])]);
    const unmatched = accepted.filter((a) => !byUser.get(a.user_id)?.includes(a.edit_type ?? ''));
    expect(unmatched).toEqual([]);
    expect(ofType('SUGGESTION_REJECTED').length).toBeGreaterThan(50);
  });

  it('gives applications a life: created, submitted, then responses or silence', () => {
    const created = new Map(
      ofType('APPLICATION_CREATED').map((e) => [e.application_id, e.timestamp]),
    );
    const submitted = new Map(
      ofType('APPLICATION_SUBMITTED').map((e) => [e.application_id, e.timestamp]),
    );
    expect(submitted.size).toBe(created.size);
    const answered = new Set<string>();
    const early: string[] = [];
    for (const s of ofType('STATUS_CHANGED')) {
      const at = submitted.get(s.application_id);
      if (at === undefined || s.timestamp <= at) early.push(s.event_id);
      answered.add(s.application_id);
    }
    expect(early).toEqual([]);
    const silent = 1 - answered.size / submitted.size;
    expect(silent).toBeGreaterThan(0.25);
  });

  it('includes privacy events: opt-outs, late deletion requests with nothing after, protected attributes for some', () => {
    const deletions = ofType('USER_DELETION_REQUESTED');
    expect(ofType('USER_OPTED_OUT').length).toBeGreaterThan(0);
    expect(deletions.length).toBeGreaterThan(0);
    const lastOf = new Map<string, string>();
    for (const e of world.events)
      if ('user_id' in e && typeof e.user_id === 'string') {
        if ((lastOf.get(e.user_id) ?? '') < e.timestamp) lastOf.set(e.user_id, e.timestamp);
      }
    for (const d of deletions) expect(lastOf.get(d.user_id)).toBe(d.timestamp);
    const profiles = ofType('USER_PROFILE_UPDATED');
    const withProtected = profiles.filter((p) => p.protected_attributes).length / profiles.length;
    expect(withProtected).toBeGreaterThan(0.4);
    expect(withProtected).toBeLessThan(0.8);
  });

  it('writes realistic resumes: metrics and weak verbs, some contact details in the text', () => {
    const snapshots = ofType('RESUME_SNAPSHOT');
    const bullets = snapshots.flatMap((s) => s.resume.roles.flatMap((r) => r.bullets));
    expect(bullets.some((b) => /\d+%|\$\d+k/.test(b))).toBe(true);
    expect(bullets.some((b) => !/\d/.test(b))).toBe(true);
    expect(bullets.some((b) => b.startsWith('Worked on') || b.startsWith('Helped with'))).toBe(
      true,
    );
    expect(snapshots.some((s) => /@example\.com/.test(s.resume.summary))).toBe(true);
  });

  it('posts jobs with a change point in one role and emits company signals', () => {
    const { role, at, multiplier } = world.truth.market.change_point;
    const jobs = ofType('JOB_POSTED').filter((j) => j.title.endsWith(role));
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    const before = jobs.filter((j) => j.timestamp < at).length / days(world.settings.startDate, at);
    const after = jobs.filter((j) => j.timestamp >= at).length / days(at, world.settings.endDate);
    expect(after / before).toBeLessThan(multiplier * 1.4);
    const signals = new Set(ofType('COMPANY_SIGNAL').map((s) => s.signal));
    expect([...signals].sort()).toEqual(['funding_round', 'headcount', 'rating']);
  });
});
