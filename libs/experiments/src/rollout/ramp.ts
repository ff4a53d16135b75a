/**
 * Gradual rollout by coverage: 10% -> 50% -> 100% of eligible users (settings.ramp_steps),
 * guardrails re-checked at every step. Raising coverage never moves an enrolled user
 * (GrowthBook's ranges grow in place). A harmed metric rolls back at once (the control ships
 * to everyone); at full coverage `should_auto_rollout` decides whether the winner ships.
 * Past `maximum_duration_days` at full coverage without a winner the experiment stops (the
 * control keeps serving). Every decision is stored with the analysis it rests on.
 */
import { ExperimentResults } from '../analysis/results';
import { Actor, DecisionAction, DecisionCheck, ExperimentDecision } from '../catalog/documents';
import { ExperimentCatalog, CatalogResult } from '../catalog/catalog';
import { ExperimentSettings, experimentSettings } from '../settings';
import { Experiment } from '../types';
import { shouldAutoRollout } from './should-auto-rollout';

export interface RampDecision {
  readonly action: DecisionAction;
  readonly coverage_before: number;
  readonly coverage_after: number;
  /** The variant shipped to everyone by a rollout or rollback. */
  readonly shipped_variant: string | null;
  readonly checks: readonly DecisionCheck[];
  readonly reason: string;
}

/** The next step of a running experiment given its latest results (pure). */
export function decideRampStep(
  e: Experiment,
  r: ExperimentResults,
  overrides: Partial<ExperimentSettings> = {},
): RampDecision {
  const s = experimentSettings(overrides);
  const srmOk = r.srm !== null && !r.srm.mismatch;
  const harmed = r.metrics.filter((m) => m.harmed);
  const checks: DecisionCheck[] = [
    {
      check: 'no_sample_ratio_mismatch',
      passed: srmOk,
      detail: r.srm ? `chi-square p = ${r.srm.p_value}` : r.reason || 'no data',
    },
    {
      check: 'nothing_harmed',
      passed: harmed.length === 0,
      detail:
        harmed.length === 0
          ? `${r.metrics.length} comparison(s) checked`
          : harmed.map((m) => `${m.metric_id} (${m.variant_id})`).join(', '),
    },
  ];
  const keep = { coverage_before: e.coverage, coverage_after: e.coverage, shipped_variant: null };
  if (!srmOk) {
    return {
      action: 'hold',
      ...keep,
      checks,
      reason: r.reason || 'the data cannot support a decision',
    };
  }
  if (harmed.length > 0) {
    return {
      action: 'rollback',
      coverage_before: e.coverage,
      coverage_after: 0,
      shipped_variant: e.variants[0].variant_id,
      checks,
      reason: `harmed: ${checks[1].detail}`,
    };
  }
  const next = s.ramp_steps.find((c) => c > e.coverage + 1e-12);
  if (next !== undefined) {
    return {
      action: 'ramp',
      coverage_before: e.coverage,
      coverage_after: next,
      shipped_variant: null,
      checks,
      reason: `guardrails hold: coverage ${e.coverage} -> ${next}`,
    };
  }
  const verdict = shouldAutoRollout(r, {
    ...s,
    min_users_per_variant: Math.max(s.min_users_per_variant, e.minimum_sample_size),
  });
  const all = [...checks, ...verdict.checks];
  if (verdict.should_rollout) {
    return {
      action: 'rollout',
      coverage_before: e.coverage,
      coverage_after: 1,
      shipped_variant: verdict.variant_id,
      checks: all,
      reason: `every should_auto_rollout check passed: ship '${verdict.variant_id}'`,
    };
  }
  const failed = verdict.checks.filter((c) => !c.passed).map((c) => c.check);
  const days = e.started_at
    ? (Date.parse(r.analyzed_at) - Date.parse(e.started_at)) / 86_400_000
    : NaN;
  if (days > e.maximum_duration_days) {
    // Out of time without a shippable winner: stop and keep serving the control.
    return {
      action: 'stop',
      coverage_before: e.coverage,
      coverage_after: 0,
      shipped_variant: e.variants[0].variant_id,
      checks: all,
      reason: `maximum duration of ${e.maximum_duration_days} days passed without a winner (${failed.join(', ')})`,
    };
  }
  return {
    action: 'hold',
    ...keep,
    checks: all,
    reason: `at full coverage; not yet: ${failed.join(', ')}`,
  };
}

export interface RampOutcome {
  readonly decision: ExperimentDecision | null;
  readonly catalog: CatalogResult;
}

/** Decides the next step from `results`, stores the decision with its evidence, applies it. */
export async function applyRampStep(
  catalog: ExperimentCatalog,
  experimentId: string,
  results: ExperimentResults,
  actor: Actor,
): Promise<RampOutcome> {
  const e = await catalog.get(experimentId);
  if (!e || e.status !== 'running') {
    const reason = e
      ? `only a running experiment ramps (${e.status})`
      : `no experiment '${experimentId}'`;
    const status = e ? ('invalid_transition' as const) : ('not_found' as const);
    return {
      decision: null,
      catalog: { status, reason, experiment: e, problems: [], violations: [] },
    };
  }
  if (results.experiment_id !== experimentId) {
    return {
      decision: null,
      catalog: {
        status: 'invalid',
        reason: `results of '${results.experiment_id}' cannot decide '${experimentId}'`,
        experiment: e,
        problems: [],
        violations: [],
      },
    };
  }
  const d = decideRampStep(e, results, catalog.settings);
  const at = actor.at ?? new Date().toISOString();
  const why = `${actor.why ? actor.why + ': ' : ''}${d.reason}`;
  const step = { ...actor, at, why };
  const applied =
    d.action === 'ramp'
      ? await catalog.setCoverage(experimentId, d.coverage_after, step)
      : d.action === 'rollback'
        ? await catalog.complete(experimentId, 'rolled_back', d.shipped_variant, step)
        : d.action === 'rollout'
          ? await catalog.complete(experimentId, 'rolled_out', d.shipped_variant, step)
          : d.action === 'stop'
            ? await catalog.complete(experimentId, 'stopped', d.shipped_variant, step)
            : {
                status: 'ok' as const,
                reason: d.reason,
                experiment: e,
                problems: [],
                violations: [],
              };
  const decision = await catalog.recordDecision({
    experiment_id: experimentId,
    at,
    who: actor.who,
    action: d.action,
    coverage_before: d.coverage_before,
    coverage_after: applied.status === 'ok' ? d.coverage_after : d.coverage_before,
    checks: d.checks,
    evidence: results,
  });
  return { decision, catalog: applied };
}

/** A manual rollback: the control ships to everyone; the decision is stored. */
export async function rollbackExperiment(
  catalog: ExperimentCatalog,
  experimentId: string,
  actor: Actor,
  evidence: ExperimentResults | null = null,
): Promise<RampOutcome> {
  const e = await catalog.get(experimentId);
  const applied = await catalog.complete(
    experimentId,
    'rolled_back',
    e ? e.variants[0].variant_id : null,
    actor,
  );
  if (!e || applied.status !== 'ok') return { decision: null, catalog: applied };
  const decision = await catalog.recordDecision({
    experiment_id: experimentId,
    at: actor.at ?? new Date().toISOString(),
    who: actor.who,
    action: 'rollback',
    coverage_before: e.coverage,
    coverage_after: 0,
    checks: [{ check: 'manual', passed: true, detail: actor.why }],
    evidence,
  });
  return { decision, catalog: applied };
}
