import type { EventOf } from '@hirelearn/contract';
import type { ApplicationTruth } from './journey';
import { simulateWorld, type SimWorld } from './simulate-world';
import {
  applicationsFromLog,
  correlation,
  naiveDifference,
  type LoggedApplication,
} from './testing/log-view';
import { smallWorldSettings } from './testing/small-world';

/** The planted truths: what a naive analysis gets wrong and what truth.json says instead. */
describe('simulated world: planted causal truths', () => {
  let world: SimWorld;
  let logged: LoggedApplication[];
  let hidden: Map<string, ApplicationTruth>;

  beforeAll(() => {
    world = simulateWorld(smallWorldSettings({ bad: 0 }));
    const erased = new Set(world.truth.privacy.deletion_requested);
    logged = applicationsFromLog(world.events).filter((a) => !erased.has(a.userId));
    hidden = new Map(world.applications.map((a) => [a.application_id, a]));
  });

  it('defines treatments so that the log reproduces the simulator’s own assignment', () => {
    expect(logged.length).toBe(world.truth.counts.applications);
    const mismatched = logged.filter((a) => {
      const truth = hidden.get(a.applicationId);
      return (
        !truth ||
        [...a.editTypes].sort().join() !== [...truth.edit_types].sort().join() ||
        a.onTuesday !== truth.submitted_on_tuesday ||
        a.inMorning !== truth.submitted_in_morning
      );
    });
    expect(mismatched).toEqual([]);
  });

  it('shows a false gain for reorganized_sections, whose true effect is zero', () => {
    const t = world.truth.treatments.reorganized_sections;
    expect(t.ate).toBe(0);
    expect(t.att).toBe(0);
    expect(t.total_ate).toBe(0);
    const naive = naiveDifference(
      logged,
      (a) => a.editTypes.has('reorganized_sections'),
      (a) => Number(a.interviewed),
    );
    expect(naive.diff).toBeGreaterThan(0.02);
    expect(naive.diff / naive.se).toBeGreaterThan(3);
  });

  it("springs the 'apply on Tuesday mornings' trap: a naive gain, a true zero", () => {
    const t = world.truth.treatments.submitted_tuesday_morning;
    expect([t.ate, t.att]).toEqual([0, 0]);
    expect(world.truth.treatments.submitted_on_tuesday.ate).toBe(0);
    const naive = naiveDifference(
      logged,
      (a) => a.onTuesday && a.inMorning,
      (a) => Number(a.interviewed),
    );
    expect(naive.diff).toBeGreaterThan(0.02);
    expect(naive.diff / naive.se).toBeGreaterThan(3);
    // Without outcome noise the Tuesday gap is plainly the organised users' doing.
    const tuesday = naiveDifference(
      world.applications,
      (a) => a.submitted_on_tuesday,
      (a) => a.probability,
    );
    expect(tuesday.diff).toBeGreaterThan(0.01);
  });

  it('records exact effects that match the planted ones (up to probability clipping)', () => {
    const t = world.truth.treatments;
    expect(t.added_metrics_to_bullets.ate).toBeCloseTo(0.06, 2);
    expect(t.added_keywords.ate).toBeCloseTo(0.04, 2);
    expect(t.strengthened_action_verbs.ate).toBeCloseTo(0.03, 2);
    expect(t.tailoring_applied.ate).toBeCloseTo(0.05, 2);
    expect(t.experiment_variant.ate).toBeCloseTo(0.02, 2);
    for (const name of ['added_metrics_to_bullets', 'added_keywords'] as const) {
      expect(t[name].total_ate ?? 0).toBeGreaterThan(t[name].ate);
    }
  });

  it('makes added_certifications help only the listed roles', () => {
    const t = world.truth.treatments.added_certifications;
    const roles = t.only_roles ?? [];
    expect(roles.length).toBeGreaterThan(0);
    for (const [role, effect] of Object.entries(t.by_role ?? {})) {
      // Clipping at the top of the probability scale trims a planted effect a little.
      if ((roles as readonly string[]).includes(role)) {
        expect(effect.ate).toBeGreaterThan(0.07);
        expect(effect.ate).toBeLessThanOrEqual(0.08);
      } else expect(effect.ate).toBe(0);
    }
    expect(t.ate).toBeGreaterThan(0.01);
    expect(t.ate).toBeLessThan(0.06);
  });

  it('confounds strengthened_action_verbs with hidden skill: the naive gap overstates it', () => {
    const truth = world.truth.treatments.strengthened_action_verbs.total_ate ?? 0;
    const naive = naiveDifference(
      world.applications,
      (a) => a.edit_types.includes('strengthened_action_verbs'),
      (a) => a.probability,
    );
    expect(naive.diff).toBeGreaterThan(truth + 0.015);
    const users = Object.values(world.truth.hidden_users);
    const took = users.map((u) =>
      Number(u.edit_types_at_end.includes('strengthened_action_verbs')),
    );
    const notSuggested = users
      .map((u, i) => ({ u, took: took[i] }))
      .filter(({ u }) => !u.suggestions_shown.includes('strengthened_action_verbs'));
    expect(
      correlation(
        notSuggested.map(({ u }) => u.skill),
        notSuggested.map(({ took }) => took),
      ),
    ).toBeGreaterThan(0.15);
  });

  it('randomizes suggestions: independent of hidden traits, correlated with taking the edit', () => {
    const feedback = world.events.filter(
      (
        e,
      ): e is
        | EventOf<'SUGGESTION_ACCEPTED'>
        | EventOf<'SUGGESTION_REJECTED'>
        | EventOf<'SUGGESTION_EDITED'> => e.event_type.startsWith('SUGGESTION_'),
    );
    const entries = Object.entries(world.truth.hidden_users).filter(
      ([, u]) => !u.deletion_requested,
    );
    for (const type of ['strengthened_action_verbs', 'reorganized_sections'] as const) {
      const suggested = new Set(feedback.filter((f) => f.edit_type === type).map((f) => f.user_id));
      const z = entries.map(([id]) => Number(suggested.has(id)));
      const d = entries.map(([, u]) => Number(u.edit_types_at_end.includes(type)));
      expect(
        Math.abs(
          correlation(
            z,
            entries.map(([, u]) => u.skill),
          ),
        ),
      ).toBeLessThan(0.12);
      expect(
        Math.abs(
          correlation(
            z,
            entries.map(([, u]) => u.organisation),
          ),
        ),
      ).toBeLessThan(0.12);
      expect(correlation(z, d)).toBeGreaterThan(0.25);
      const first = world.truth.instruments[type];
      expect(first.take_up_if_suggested - first.take_up_if_not_suggested).toBeGreaterThan(0.25);
    }
  });

  it('plants a jump at the mode threshold for a regression discontinuity', () => {
    const rd = world.truth.regression_discontinuity;
    expect(rd.jump).toBe(world.settings.outcome.modeJump);
    const band = (lo: number, hi: number) =>
      world.applications.filter((a) => a.resume_score >= lo && a.resume_score < hi);
    const below = band(rd.cutoff - 3, rd.cutoff);
    const above = band(rd.cutoff, rd.cutoff + 3);
    expect(below.length).toBeGreaterThan(200);
    expect(above.length).toBeGreaterThan(200);
    expect(below.every((a) => a.strategy_mode === 'IMPROVE_RESUME_FIRST')).toBe(true);
    expect(above.every((a) => a.strategy_mode !== 'IMPROVE_RESUME_FIRST')).toBe(true);
    const mean = (xs: ApplicationTruth[]) => xs.reduce((s, a) => s + a.probability, 0) / xs.length;
    expect(mean(above) - mean(below)).toBeGreaterThan(rd.jump / 2);
  });

  it('draws protected attributes independently of hidden skill', () => {
    const profiles = world.events.filter(
      (e): e is EventOf<'USER_PROFILE_UPDATED'> => e.event_type === 'USER_PROFILE_UPDATED',
    );
    const gender = new Map(profiles.map((p) => [p.user_id, p.protected_attributes?.gender]));
    const users = Object.entries(world.truth.hidden_users).filter(([id]) => gender.get(id));
    const female = users.map(([id]) => Number(gender.get(id) === 'female'));
    expect(
      Math.abs(
        correlation(
          female,
          users.map(([, u]) => u.skill),
        ),
      ),
    ).toBeLessThan(0.15);
  });
});
