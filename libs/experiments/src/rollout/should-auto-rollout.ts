/**
 * The spec's `should_auto_rollout`: a winner ships automatically only when every check
 * passes — no sample-ratio mismatch, at least `min_users_per_variant` (200) users in every
 * variant, a significant improvement on the success metric, enough chance to win, and no
 * guardrail harmed. Each check is reported with its detail, passed or not.
 */
import { ExperimentResults } from '../analysis/results';
import { DecisionCheck } from '../catalog/documents';
import { ExperimentSettings, experimentSettings } from '../settings';

export interface RolloutVerdict {
  readonly should_rollout: boolean;
  /** The variant that would ship. */
  readonly variant_id: string | null;
  readonly checks: readonly DecisionCheck[];
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toPrecision(4) : String(x));

export function shouldAutoRollout(
  r: ExperimentResults,
  overrides: Partial<ExperimentSettings> = {},
): RolloutVerdict {
  const s = experimentSettings(overrides);
  const winner = r.winner !== null && r.winner !== r.control_variant ? r.winner : null;
  const success = r.metrics.find((m) => m.role === 'success' && m.variant_id === winner);
  const guardrails = r.metrics.filter((m) => m.role === 'guardrail' && m.variant_id === winner);
  const harmed = guardrails.filter((m) => m.harmed).map((m) => m.metric_id);
  const fewest = r.variants.reduce((a, v) => Math.min(a, v.users), Infinity);
  const checks: DecisionCheck[] = [
    {
      check: 'no_sample_ratio_mismatch',
      passed: r.srm !== null && !r.srm.mismatch,
      detail: r.srm
        ? `chi-square p = ${fmt(r.srm.p_value)} (blocks below ${s.srm_threshold})`
        : 'no SRM check',
    },
    {
      check: 'min_users_per_variant',
      passed: fewest >= s.min_users_per_variant,
      detail: `fewest users in a variant: ${fewest}, need ${s.min_users_per_variant}`,
    },
    {
      check: 'significant_improvement',
      passed: success !== undefined && success.improved,
      detail: success
        ? `${success.metric_id}: lift ${fmt(success.unadjusted.relative_lift)}, ` +
          `always-valid CI [${success.sequential.ci.map(fmt).join(', ')}], adjusted p ${fmt(success.p_value_adjusted)}`
        : 'no treatment improved the success metric significantly',
    },
    {
      check: 'chance_to_win',
      passed: success !== undefined && success.bayesian.chance_to_win >= s.min_chance_to_win,
      detail: success
        ? `chance to win ${fmt(success.bayesian.chance_to_win)}, need ${s.min_chance_to_win}`
        : 'no winner',
    },
    {
      check: 'guardrails_not_harmed',
      passed: winner !== null && harmed.length === 0,
      detail:
        winner === null
          ? 'no winner whose guardrails to check'
          : harmed.length > 0
            ? `harmed: ${harmed.join(', ')}`
            : `${guardrails.length} guardrail(s) checked`,
    },
  ];
  return { should_rollout: checks.every((c) => c.passed), variant_id: winner, checks };
}
