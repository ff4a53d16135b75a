/**
 * The spec's `CausalEffect` of one treatment, from a graded causal analysis: the primary
 * (AIPW) estimate with its evidence — published as its headline (headline.ts: an interval that
 * also spans a disagreeing design-based estimate) — the other estimators beside it, the naive
 * difference beside the adjusted one, and a recommendation that follows the grade.
 */
import {
  estimateKey,
  recommendation,
  type ConfidenceGrade,
  type EffectEstimate,
  type EffectSummary,
  type GradedAnalysis,
} from '@hirelearn/causal';
import { chooseHeadline, type Headline } from './headline';
import { DEFAULT_HEADLINE_SETTINGS } from './settings';
import type { TreatmentSpec } from './treatments';

/** The outcome of every nightly effect, as a recommendation names it. */
export const INTERVIEW_CHANCES = 'interview chances';

/** The `EffectSummary` of one treatment on reaching interview, with what the treatment is. */
export interface CausalEffect extends EffectSummary {
  readonly outcome: 'interview';
  readonly definition: string;
  /** Difference in the probability of reaching interview (0.04 = +4 points). */
  readonly ate: number | null;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const ok = (e: EffectEstimate | undefined): e is EffectEstimate => e?.status === 'ok';

/**
 * The grade of `a` under its headline: HIGH also needs the published interval to exclude 0
 * when it was widened to span a disagreeing design-based estimate (headline.ts).
 */
function headlineGrade(a: GradedAnalysis, h: Headline): ConfidenceGrade {
  const covers0 = h.ci[0] <= 0 && 0 <= h.ci[1];
  if (a.grade.confidence !== 'HIGH' || !h.spanned || !covers0) return a.grade;
  return {
    confidence: 'MEDIUM',
    reasons: [
      ...a.grade.reasons,
      `the published interval [${h.ci[0].toFixed(4)}, ${h.ci[1].toFixed(4)}] spans a disagreeing design-based estimate and contains 0`,
    ],
  };
}

/**
 * Builds the `CausalEffect` of `spec` from its graded analysis; `ate` and the interval are the
 * headline's (default: the primary's own, as without design-based estimates beside it).
 */
export function toCausalEffect(
  spec: TreatmentSpec,
  a: GradedAnalysis,
  headline: Headline = chooseHeadline(a.primary, [], DEFAULT_HEADLINE_SETTINGS),
): CausalEffect {
  const p = a.primary;
  const h = headline;
  const grade = headlineGrade(a, h);
  const att = a.estimates.find((e) => e.method === 'ipw_hajek' && e.estimand === 'ATT');
  const naive = a.estimates.find((e) => e.method === 'naive_difference');
  const estimates: Record<string, number | null> = {};
  for (const e of a.estimates) estimates[estimateKey(e)] = ok(e) ? e.estimate : null;
  const good = ok(p);
  return {
    treatment: spec.name,
    outcome: 'interview',
    definition: spec.definition,
    status: p.status,
    ate: good ? finite(h.estimate) : null,
    att: ok(att) ? finite(att.estimate) : null,
    std_error: good && h.std_error !== null ? finite(h.std_error) : null,
    confidence_interval: good ? [h.ci[0], h.ci[1]] : null,
    p_value: good ? finite(p.p_value) : null,
    q_value: p.q_value,
    causal_confidence: grade.confidence,
    method: p.method,
    headline_method: h.method,
    headline_reason: h.reason,
    estimates,
    naive: ok(naive)
      ? {
          ate: naive.estimate,
          confidence_interval: [naive.ci[0], naive.ci[1]],
          p_value: naive.p_value,
        }
      : { ate: null, confidence_interval: null, p_value: null },
    instrument:
      a.iv === null || spec.instrument === null
        ? null
        : {
            name: spec.instrument,
            estimate: ok(a.iv) ? a.iv.estimate : null,
            confidence_interval: ok(a.iv) ? [a.iv.ci[0], a.iv.ci[1]] : null,
            first_stage_f: finite(a.iv.first_stage_f),
            weak_instrument: a.iv.weak_instrument,
            estimand: 'LATE',
          },
    sample_size: p.n,
    treatment_group_size: p.n_treated,
    control_group_size: p.n_control,
    adjustment_set: a.identification.adjustment_set,
    refutations: a.refutations.map((r) => ({
      name: r.name,
      passed: r.passed,
      detail: r.detail,
      values: r.values,
    })),
    reasons: [...p.reasons, ...grade.reasons],
    recommendation: recommendation(
      spec.name,
      grade.confidence,
      { ...p, estimate: h.estimate, ci: h.ci },
      INTERVIEW_CHANCES,
    ),
  };
}
