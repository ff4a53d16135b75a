/**
 * Analysis of an experiment from its sufficient statistics: every treatment against the
 * control on the success metric and every guardrail, frequentist (unadjusted and CUPED side
 * by side), Bayesian and sequential; SRM; correction across metrics; a recommendation.
 * Data problems come back as a status and `decision_blocked_by`, never as exceptions.
 */
import { benjaminiHochberg, bonferroni } from '@hirelearn/stats';
import type { EventStore } from '@hirelearn/store';
import { ExperimentSettings, experimentSettings } from '../settings';
import { bayesianCompare } from '../stats/bayesian';
import { cupedCompare } from '../stats/cuped';
import { compareVariants, metricVariance } from '../stats/frequentist';
import { confidenceSequence, confidenceSequenceHalfWidthFromVariance } from '../stats/sequential';
import { sampleRatioMismatch } from '../stats/srm';
import { Experiment } from '../types';
import { metricDefinition, MetricDefinition } from './metrics';
import { ExperimentResults, MetricComparison, ResultsStatus, VariantSummary } from './results';
import { ExperimentData, pullSufficientStats } from './sufficient-stats-queries';

/** The success metric first, then the guardrails (unknown ids dropped: validated at create). */
export function experimentMetrics(e: Experiment): MetricDefinition[] {
  const ids = [e.success_metric, ...e.guardrail_metrics.filter((g) => g !== e.success_metric)];
  return ids.map(metricDefinition).filter((m): m is MetricDefinition => m !== undefined);
}

function correct(p: readonly number[], s: ExperimentSettings): number[] {
  const finite = p.map((v) => (Number.isFinite(v) ? v : 1));
  if (s.correction === 'benjamini_hochberg') return benjaminiHochberg(finite);
  if (s.correction === 'bonferroni') return bonferroni(finite);
  return finite;
}

type Draft = Omit<MetricComparison, 'p_value_adjusted' | 'significant' | 'improved' | 'harmed'>;

function compareMetric(
  e: Experiment,
  m: MetricDefinition,
  data: ExperimentData,
  s: ExperimentSettings,
): Draft[] {
  const rows = data.moments[m.metric_id] ?? [];
  const control = rows.find((r) => r.variant_id === e.variants[0].variant_id);
  if (!control) return [];
  return e.variants.slice(1).flatMap((v) => {
    const t = rows.find((r) => r.variant_id === v.variant_id);
    if (!t) return [];
    const unadjusted = compareVariants(m.kind, control, t, s.alpha);
    const c = cupedCompare(control, t, s.alpha);
    const cuped = c.status === 'ok' && 'theta' in c ? c : null;
    const sequential = confidenceSequence(
      unadjusted.absolute_lift,
      metricVariance(m.kind, control),
      control.n,
      metricVariance(m.kind, t),
      t.n,
      { ...s.sequential_settings, alpha: s.alpha },
    );
    const relHalf = confidenceSequenceHalfWidthFromVariance(
      unadjusted.relative_se ** 2,
      control.n + t.n,
      { ...s.sequential_settings, alpha: s.alpha },
    );
    return [
      {
        metric_id: m.metric_id,
        role: m.metric_id === e.success_metric ? 'success' : 'guardrail',
        kind: m.kind,
        higher_is_better: m.higher_is_better,
        variant_id: v.variant_id,
        unadjusted,
        cuped,
        cuped_status: c.status === 'ok' ? 'ok' : `${c.status}: ${c.reason}`,
        primary: cuped ? 'cuped' : 'unadjusted',
        bayesian: bayesianCompare(m.kind, control, t, m.higher_is_better, {
          draws: s.bayesian_draws,
          seed: `${s.seed}/${e.experiment_id}/${m.metric_id}/${v.variant_id}`,
        }),
        sequential,
        sequential_relative_ci: [
          unadjusted.relative_lift - relHalf,
          unadjusted.relative_lift + relHalf,
        ],
      } satisfies Draft,
    ];
  });
}

function finish(d: Draft, pAdjusted: number, s: ExperimentSettings): MetricComparison {
  const primary = d.primary === 'cuped' && d.cuped ? d.cuped : d.unadjusted;
  const significant = s.sequential ? d.sequential.significant : pAdjusted < s.alpha;
  const diff = s.sequential ? d.unadjusted.absolute_lift : primary.absolute_lift;
  const good = d.higher_is_better ? diff > 0 : diff < 0;
  return {
    ...d,
    p_value_adjusted: pAdjusted,
    significant,
    improved: significant && good,
    harmed: significant && !good,
  };
}

function recommend(
  status: ResultsStatus,
  blocked: readonly string[],
  winner: string | null,
  control: string,
): string {
  if (blocked.length > 0) return `no decision: ${blocked.join('; ')}`;
  if (status !== 'ok') return 'no decision';
  if (winner === null) return 'keep running: no significant difference on the success metric yet';
  if (winner === control) return 'keep the control: the treatment is worse on the success metric';
  return `ship '${winner}' gradually (should_auto_rollout decides)`;
}

/** Analyses pulled data (pure: the same data and settings give the same results). */
export function analyzeExperiment(
  e: Experiment,
  data: ExperimentData,
  overrides: Partial<ExperimentSettings> = {},
  analyzedAt = new Date().toISOString(),
): ExperimentResults {
  const s = experimentSettings(overrides);
  const control = e.variants[0].variant_id;
  const counts = e.variants.map((v) => data.users[v.variant_id] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  const variants: VariantSummary[] = e.variants.map((v, i) => ({
    variant_id: v.variant_id,
    users: counts[i],
    expected_share: v.allocation,
    observed_share: total > 0 ? counts[i] / total : NaN,
  }));
  const base = {
    experiment_id: e.experiment_id,
    analyzed_at: analyzedAt,
    control_variant: control,
    variants,
    sample_size: total,
    multiple_exposures: data.multiple_exposures,
  };
  if (data.status !== 'ok') {
    return {
      ...base,
      status: data.status,
      reason: data.reason,
      srm: null,
      metrics: [],
      winner: null,
      is_significant: false,
      lift: NaN,
      p_value: NaN,
      confidence: NaN,
      decision_blocked_by: [data.reason],
      recommendation: `no decision: ${data.reason}`,
    };
  }
  const srm = sampleRatioMismatch(
    counts,
    e.variants.map((v) => v.allocation),
    s.srm_threshold,
  );
  const blocked: string[] = [];
  let status: ResultsStatus = 'ok';
  let reason = '';
  if (srm.mismatch) {
    status = 'sample_ratio_mismatch';
    reason = `sample ratio mismatch: chi-square p = ${srm.p_value.toExponential(2)} < ${s.srm_threshold}`;
    blocked.push(reason);
  }
  const unknown = Object.keys(data.users).filter(
    (id) => !e.variants.some((v) => v.variant_id === id),
  );
  if (unknown.length > 0) {
    blocked.push(`exposures to unknown variants: ${unknown.join(', ')}`);
  }
  const minUsers = Math.max(s.min_users_per_variant, e.minimum_sample_size);
  const small = variants.filter((v) => v.users < minUsers);
  if (small.length > 0) {
    if (status === 'ok') status = 'insufficient_data';
    const r = `fewer than ${minUsers} users in ${small.map((v) => v.variant_id).join(', ')}`;
    reason ||= r;
    blocked.push(r);
  }
  const drafts = experimentMetrics(e).flatMap((m) => compareMetric(e, m, data, s));
  const adjusted = correct(
    drafts.map((d) => (d.cuped ?? d.unadjusted).p_value),
    s,
  );
  const metrics = drafts.map((d, i) => finish(d, adjusted[i], s));
  const success = metrics.filter((m) => m.role === 'success');
  const winners = success.filter((m) => m.improved);
  const best = [...(winners.length > 0 ? winners : success)].sort(
    (a, b) => b.bayesian.chance_to_win - a.bayesian.chance_to_win,
  )[0];
  const controlWins = success.length > 0 && success.every((m) => m.harmed);
  const winner = winners.length > 0 ? best.variant_id : controlWins ? control : null;
  const primary = best ? (best.cuped ?? best.unadjusted) : null;
  return {
    ...base,
    status,
    reason,
    srm,
    metrics,
    winner,
    is_significant: winner !== null,
    lift: primary ? primary.relative_lift : NaN,
    p_value: best ? best.p_value_adjusted : NaN,
    confidence: best ? best.bayesian.chance_to_win : NaN,
    decision_blocked_by: blocked,
    recommendation: recommend(status, blocked, winner, control),
  };
}

/** Pulls the sufficient statistics with one query and analyses them. */
export async function analyzeFromStore(
  store: EventStore,
  e: Experiment,
  overrides: Partial<ExperimentSettings> = {},
  analyzedAt?: string,
): Promise<ExperimentResults> {
  const s = experimentSettings(overrides);
  const data = await pullSufficientStats(
    store,
    e.experiment_id,
    experimentMetrics(e),
    s.pre_period_days,
  );
  return analyzeExperiment(e, data, s, analyzedAt);
}
