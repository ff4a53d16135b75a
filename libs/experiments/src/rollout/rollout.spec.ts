import { DocumentStore, openDocumentStore } from '@hirelearn/store';
import { analyzeExperiment } from '../analysis/analyze';
import { ExperimentData } from '../analysis/sufficient-stats-queries';
import { featureDefinition } from '../assignment/feature-json';
import { ExperimentCatalog } from '../catalog/catalog';
import { VariantMoments } from '../stats/moments';
import { definition, PASSING_ETHICS } from '../testing/fixtures';
import { Experiment } from '../types';
import { applyRampStep, decideRampStep } from './ramp';
import { shouldAutoRollout } from './should-auto-rollout';

/** Moments of n users with the given mean and sd (Σy = n·m, Σy² = (n−1)s² + n·m²). */
function m(variant_id: string, n: number, mean: number, sd: number): VariantMoments {
  return { variant_id, n, sum: n * mean, sum_sq: (n - 1) * sd * sd + n * mean * mean };
}

interface Arm {
  readonly n: number;
  readonly interviews: number;
  readonly ghosted: number;
}

/** Data of the two-variant fixture: interviews (success), ghosted_rate and applications (guardrails). */
function data(control: Arm, treatment: Arm): ExperimentData {
  const arms = [
    ['control', control],
    ['lower', treatment],
  ] as const;
  return {
    status: 'ok',
    reason: '',
    users: { control: control.n, lower: treatment.n },
    multiple_exposures: 0,
    moments: {
      interviews: arms.map(([id, a]) => m(id, a.n, a.interviews, 1)),
      ghosted_rate: arms.map(([id, a]) => m(id, a.n, a.ghosted, 0.2)),
      applications: arms.map(([id, a]) => m(id, a.n, 10, 3)),
    },
  };
}

const same = (n: number): Arm => ({ n, interviews: 1, ghosted: 0.3 });
const actor = (why: string, at: string) => ({ who: 'test-lead', why, at });

describe('experiment lifecycle: ramp, harmed guardrail, automatic rollback', () => {
  let docs: DocumentStore;
  let catalog: ExperimentCatalog;

  beforeEach(async () => {
    docs = await openDocumentStore('sqlite::memory:');
    catalog = new ExperimentCatalog(docs);
  });
  afterEach(async () => docs.close());

  it('walks 10% -> 50% -> 100%, then rolls back when ghosting rises, storing every decision', async () => {
    const created = await catalog.create(definition(), actor('proposal', '2026-01-01T00:00:00Z'));
    expect(created.status).toBe('ok');
    const started = await catalog.start(
      'exp-threshold',
      actor('ethics ok', '2026-01-02T00:00:00Z'),
    );
    expect(started.experiment).toMatchObject({ status: 'running', coverage: 0.1 });

    const step = async (d: ExperimentData, at: string) => {
      const e = (await catalog.get('exp-threshold')) as Experiment;
      const r = analyzeExperiment(e, d, {}, at);
      return applyRampStep(catalog, 'exp-threshold', r, actor('nightly', at));
    };
    // Results of another experiment cannot decide this one.
    const other = analyzeExperiment(
      { ...(started.experiment as Experiment), experiment_id: 'exp-other' },
      data(same(10), same(10)),
    );
    expect(
      (await applyRampStep(catalog, 'exp-threshold', other, actor('x', '2026-01-06T00:00:00Z')))
        .catalog.status,
    ).toBe('invalid');
    const s1 = await step(data(same(100), same(100)), '2026-01-03T00:00:00Z');
    expect(s1.decision).toMatchObject({
      action: 'ramp',
      coverage_before: 0.1,
      coverage_after: 0.5,
    });
    const s2 = await step(data(same(500), same(500)), '2026-01-04T00:00:00Z');
    expect(s2.decision).toMatchObject({ action: 'ramp', coverage_before: 0.5, coverage_after: 1 });
    // Ghosting rises from 30% to 36% of applications in the treatment: a harmed guardrail.
    const s3 = await step(
      data(same(1000), { n: 1000, interviews: 1, ghosted: 0.36 }),
      '2026-01-05T00:00:00Z',
    );
    expect(s3.decision?.action).toBe('rollback');
    expect(s3.decision?.checks.find((c) => c.check === 'nothing_harmed')?.detail).toContain(
      'ghosted_rate',
    );
    const e = (await catalog.get('exp-threshold')) as Experiment;
    expect(e).toMatchObject({
      status: 'completed',
      outcome: 'rolled_back',
      shipped_variant: 'control',
    });
    expect(featureDefinition(e).rules).toEqual([{ id: 'exp-threshold-shipped', force: 70 }]);

    const decisions = await catalog.decisions('exp-threshold');
    expect(decisions.map((d) => d.action)).toEqual(['ramp', 'ramp', 'rollback']);
    expect(
      decisions[2].evidence?.metrics.some((x) => x.metric_id === 'ghosted_rate' && x.harmed),
    ).toBe(true);
    const history = await catalog.history('exp-threshold');
    expect(history.map((h) => h.action)).toEqual([
      'create',
      'start',
      'coverage',
      'coverage',
      'rolled_back',
    ]);
    expect(history.every((h) => h.who === 'test-lead' && h.at && h.why)).toBe(true);
    expect(history[2]).toMatchObject({ before: { coverage: 0.1 }, after: { coverage: 0.5 } });
    // A completed experiment no longer ramps.
    const again = await step(data(same(1000), same(1000)), '2026-01-06T00:00:00Z');
    expect(again.catalog.status).toBe('invalid_transition');
  });

  it('rolls out a significant winner at full coverage when every check passes', async () => {
    await catalog.create(definition(), actor('p', '2026-01-01T00:00:00Z'));
    await catalog.start('exp-threshold', actor('go', '2026-01-02T00:00:00Z'));
    await catalog.setCoverage('exp-threshold', 1, actor('manual', '2026-01-03T00:00:00Z'));
    const e = (await catalog.get('exp-threshold')) as Experiment;
    const r = analyzeExperiment(e, data(same(1000), { n: 1000, interviews: 1.3, ghosted: 0.3 }));
    expect(r.winner).toBe('lower');
    const verdict = shouldAutoRollout(r);
    expect(verdict.should_rollout).toBe(true);
    const out = await applyRampStep(
      catalog,
      'exp-threshold',
      r,
      actor('nightly', '2026-01-04T00:00:00Z'),
    );
    expect(out.decision?.action).toBe('rollout');
    expect(await catalog.get('exp-threshold')).toMatchObject({
      status: 'completed',
      outcome: 'rolled_out',
      shipped_variant: 'lower',
    });
  });

  it('refuses to start when the ethics gate fails, naming the rule', async () => {
    await catalog.create(
      definition({
        ethics: { ...PASSING_ETHICS, job_recommendation_change: -0.3, has_rollback_plan: false },
      }),
      actor('p', '2026-01-01T00:00:00Z'),
    );
    const r = await catalog.start('exp-threshold', actor('go', '2026-01-02T00:00:00Z'));
    expect(r.status).toBe('ethics_refused');
    expect(r.violations.map((v) => v.rule)).toEqual(['job_recommendation_cut', 'rollback_plan']);
    expect(r.reason).toContain('job_recommendation_cut');
    expect((await catalog.get('exp-threshold'))?.status).toBe('draft');
  });

  it('refuses to start, naming the setting and its rule, when the ethics settings are invalid', async () => {
    const strict = new ExperimentCatalog(docs, {
      ethics: {
        max_job_recommendation_cut: 0.2,
        max_user_effort_rise: -1,
        min_expected_benefit: 0.05,
      },
    });
    await strict.create(definition(), actor('p', '2026-01-01T00:00:00Z'));
    const r = await strict.start('exp-threshold', actor('go', '2026-01-02T00:00:00Z'));
    expect(r.status).toBe('ethics_refused');
    expect(r.violations.map((v) => v.field)).toEqual(['settings.max_user_effort_rise']);
    expect(r.reason).toContain('settings.max_user_effort_rise: must be a finite number >= 0');
    expect((await strict.get('exp-threshold'))?.status).toBe('draft');
  });

  it('validates definitions and transitions', async () => {
    const bad = await catalog.create(
      definition({
        experiment_id: 'bad id',
        variants: [{ variant_id: 'a', value: 1, allocation: 0.7 }],
        success_metric: 'nope',
      }),
      actor('p', '2026-01-01T00:00:00Z'),
    );
    expect(bad.status).toBe('invalid');
    expect(bad.problems.join('\n')).toMatch(
      /experiment_id[\s\S]*variants: at least 2[\s\S]*success_metric/,
    );
    await catalog.create(definition(), actor('p', '2026-01-01T00:00:00Z'));
    expect((await catalog.create(definition(), actor('p', '2026-01-01T00:00:00Z'))).status).toBe(
      'exists',
    );
    expect((await catalog.pause('exp-threshold', actor('x', '2026-01-02T00:00:00Z'))).status).toBe(
      'invalid_transition',
    );
    await catalog.start('exp-threshold', actor('go', '2026-01-02T00:00:00Z'));
    await catalog.setCoverage('exp-threshold', 0.5, actor('up', '2026-01-03T00:00:00Z'));
    const down = await catalog.setCoverage(
      'exp-threshold',
      0.2,
      actor('down', '2026-01-04T00:00:00Z'),
    );
    expect(down.status).toBe('invalid_transition');
    expect(
      (await catalog.pause('exp-threshold', actor('x', '2026-01-05T00:00:00Z'))).experiment?.status,
    ).toBe('paused');
    const resumed = await catalog.start('exp-threshold', actor('y', '2026-01-06T00:00:00Z'));
    expect(resumed.experiment).toMatchObject({ status: 'running', coverage: 0.5 });
    expect((await catalog.list('running')).map((x) => x.experiment_id)).toEqual(['exp-threshold']);
  });
});

describe('decisions that must not be made', () => {
  const e = {
    ...definition(),
    guardrail_metrics: ['ghosted_rate', 'applications'],
  };
  const running = (coverage: number): Experiment =>
    ({
      ...e,
      minimum_sample_size: 200,
      maximum_duration_days: 30,
      status: 'running',
      created_at: '',
      started_at: '',
      ended_at: null,
      seed: 's',
      hash_version: 2,
      coverage,
      namespace: null,
      outcome: null,
      shipped_variant: null,
    }) as Experiment;

  it('a sample-ratio mismatch blocks every decision, even a winning one', () => {
    const r = analyzeExperiment(
      running(1),
      data(same(1000), { n: 1200, interviews: 1.5, ghosted: 0.3 }),
    );
    expect(r.status).toBe('sample_ratio_mismatch');
    expect(r.decision_blocked_by[0]).toContain('sample ratio mismatch');
    expect(shouldAutoRollout(r).should_rollout).toBe(false);
    expect(decideRampStep(running(1), r).action).toBe('hold');
    expect(decideRampStep(running(0.1), r).action).toBe('hold');
  });

  it("the experiment's own minimum sample size, when larger, holds the rollout too", () => {
    const big = { ...running(1), minimum_sample_size: 1500 };
    const r = analyzeExperiment(big, data(same(1000), { n: 1000, interviews: 1.3, ghosted: 0.3 }));
    expect(r.status).toBe('insufficient_data');
    expect(r.reason).toContain('fewer than 1500 users');
    const d = decideRampStep(big, r);
    expect(d.action).toBe('hold');
    expect(d.checks.find((c) => c.check === 'min_users_per_variant')?.passed).toBe(false);
    expect(
      decideRampStep(
        running(1),
        analyzeExperiment(running(1), data(same(1000), { n: 1000, interviews: 1.3, ghosted: 0.3 })),
      ).action,
    ).toBe('rollout');
  });

  it('stops at full coverage once the maximum duration passes without a winner', () => {
    const e1 = { ...running(1), started_at: '2026-01-01T00:00:00Z', maximum_duration_days: 30 };
    const flat = data(same(1000), same(1000));
    expect(decideRampStep(e1, analyzeExperiment(e1, flat, {}, '2026-01-20T00:00:00Z')).action).toBe(
      'hold',
    );
    const late = decideRampStep(e1, analyzeExperiment(e1, flat, {}, '2026-02-05T00:00:00Z'));
    expect(late).toMatchObject({ action: 'stop', shipped_variant: 'control' });
    expect(late.reason).toContain('maximum duration of 30 days');
  });

  it('fewer than 200 users per variant never auto-rolls out', () => {
    const r = analyzeExperiment(
      running(1),
      data(same(150), { n: 150, interviews: 2, ghosted: 0.3 }),
    );
    expect(r.status).toBe('insufficient_data');
    const v = shouldAutoRollout(r);
    expect(v.should_rollout).toBe(false);
    expect(v.checks.find((c) => c.check === 'min_users_per_variant')?.passed).toBe(false);
    expect(decideRampStep(running(1), r).action).toBe('hold');
  });
});
