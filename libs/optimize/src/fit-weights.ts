/**
 * The fit-score weights of job discovery (layer 6's `weights`; spec 5.3). libs/ml's learner
 * (`learnFitWeights`) proposes weights and compares them with the current ones on held-out
 * users: AUC(learned) − AUC(current) with a paired bootstrap interval. The spec's rule: the
 * learned weights are recommended only when that gain is at least `min_auc_gain` AND its
 * interval excludes 0. The size of the largest weight change sets the risk; with the layer's
 * bar (0.8 for layer 6) and the held-out evaluation as validated evidence, a small confident
 * change can apply itself (route.ts).
 */
import {
  DEFAULT_FIT_SCORE,
  FIT_COMPONENTS,
  type FitScoreFailure,
  type FitScoreLearning,
} from '@hirelearn/ml';
import { normalCdf, normalQuantile } from '@hirelearn/stats';
import { buildRecommendation } from './build';
import { contentId } from './content-id';
import type { OptimizerResult, Risk } from './recommendation';
import { DEFAULT_OPTIMIZE_SETTINGS, type OptimizeSettings } from './settings';

export interface FitWeightsInput {
  readonly learning: FitScoreLearning | FitScoreFailure;
  /** The registry version the learned weights were registered as (the evidence id). */
  readonly model_version_id?: string;
  /** The level of the learner's interval (its `FitScoreSettings.confidence`). */
  readonly interval_level?: number;
}

export interface FitWeightsAnalysis {
  readonly auc_current: number | null;
  readonly auc_learned: number | null;
  readonly auc_gain: number | null;
  readonly auc_gain_interval: readonly [number, number] | null;
  readonly min_auc_gain: number;
  /** Largest |learned − current| over the components. */
  readonly max_weight_change: number | null;
}

export function optimizeFitWeights(
  input: FitWeightsInput,
  settings: OptimizeSettings = DEFAULT_OPTIMIZE_SETTINGS,
): OptimizerResult<FitWeightsAnalysis> {
  const s = settings.fit_weights;
  const l = input.learning;
  if (l.status !== 'ok') {
    return Object.freeze({
      status: 'insufficient_data',
      reasons: [`the fit-weight learner: ${l.status}: ${l.reason}`],
      analysis: {
        auc_current: null,
        auc_learned: null,
        auc_gain: null,
        auc_gain_interval: null,
        min_auc_gain: s.min_auc_gain,
        max_weight_change: null,
      },
      recommendations: [],
    });
  }
  const d = l.auc_difference;
  const interval = [d.ci_lower, d.ci_upper] as const;
  const change = Math.max(
    ...FIT_COMPONENTS.map((c) => Math.abs(l.learned_weights[c] - l.current_weights[c])),
  );
  const analysis: FitWeightsAnalysis = {
    auc_current: l.auc_current.auc,
    auc_learned: l.auc_learned.auc,
    auc_gain: d.auc,
    auc_gain_interval: interval,
    min_auc_gain: s.min_auc_gain,
    max_weight_change: change,
  };
  const f4 = (x: number) => x.toFixed(4);
  const measured = `held-out AUC ${f4(l.auc_learned.auc)} (learned) vs ${f4(l.auc_current.auc)} (current): gain ${f4(d.auc)} [${f4(d.ci_lower)}, ${f4(d.ci_upper)}] on ${l.n_test} applications`;
  if (!(d.auc >= s.min_auc_gain && d.ci_lower > 0)) {
    return Object.freeze({
      status: 'no_change',
      reasons: [`${measured}: the gain must be >= ${s.min_auc_gain} with its interval excluding 0`],
      analysis,
      recommendations: [],
    });
  }
  const z = normalQuantile(1 - (1 - (input.interval_level ?? DEFAULT_FIT_SCORE.confidence)) / 2);
  const se = (d.ci_upper - d.ci_lower) / (2 * z);
  const risk: Risk =
    change <= s.low_risk_max_change
      ? 'low'
      : change <= s.medium_risk_max_change
        ? 'medium'
        : 'high';
  const rec = buildRecommendation(
    {
      component: 'fit_scoring',
      layer: 6,
      parameter: 'weights',
      current_value: { ...l.current_weights },
      recommended_value: { ...l.learned_weights },
      expected_impact: { metric: 'held_out_auc', estimate: d.auc, interval, unit: 'auc' },
      evidence: [
        {
          kind: 'model_version',
          id:
            input.model_version_id ??
            contentId('fit_weights', { weights: l.learned_weights, auc: d }),
          summary: measured,
        },
      ],
      // The interval's normal approximation of P(the held-out AUC rises).
      confidence: se > 0 ? normalCdf(d.auc / se) : 1,
      risk,
      testable: true,
      reasons: [measured, `largest weight change ${change.toFixed(3)}: ${risk} risk`],
    },
    settings.routing,
  );
  return Object.freeze({ status: 'ok', reasons: [measured], analysis, recommendations: [rec] });
}
