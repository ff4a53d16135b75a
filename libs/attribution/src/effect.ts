/**
 * The spec's `CausalEffect` of one treatment, from a graded causal analysis: the primary
 * (AIPW) estimate with its evidence — published as its headline (headline.ts: an interval that
 * also spans a disagreeing design-based estimate) — the other estimators beside it, the naive
 * difference beside the adjusted one, and a recommendation that follows the grade.
 */
import type {
  Confidence,
  ConfidenceGrade,
  EffectEstimate,
  GradedAnalysis,
} from '@hirelearn/causal';
import { chooseHeadline, type Headline } from './headline';
import { DEFAULT_HEADLINE_SETTINGS } from './settings';
import type { TreatmentSpec } from './treatments';

export interface NaiveComparison {
  readonly ate: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly p_value: number | null;
}

export interface InstrumentSummary {
  readonly name: string;
  readonly estimate: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly first_stage_f: number | null;
  readonly weak_instrument: boolean;
  readonly estimand: 'LATE';
}

export interface RefutationSummary {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
  readonly values: Readonly<Record<string, number>>;
}

export interface CausalEffect {
  readonly treatment: string;
  readonly outcome: 'interview';
  readonly definition: string;
  readonly status: string;
  /** Difference in the probability of reaching interview (0.04 = +4 points). */
  readonly ate: number | null;
  readonly att: number | null;
  readonly std_error: number | null;
  readonly confidence_interval: readonly [number, number] | null;
  readonly p_value: number | null;
  readonly q_value: number | null;
  readonly causal_confidence: Confidence;
  readonly method: string;
  /**
   * What `ate` and `confidence_interval` are: the primary's method, or 'span:aipw+did' (…+iv_2sls)
   * when a design-based estimate disagreed with the adjusted one (headline.ts).
   */
  readonly headline_method: string;
  /** Why that headline: the designs compared and what they said. */
  readonly headline_reason: string;
  /** Method → estimate (null when that estimator could not run). */
  readonly estimates: Readonly<Record<string, number | null>>;
  readonly naive: NaiveComparison;
  readonly instrument: InstrumentSummary | null;
  readonly sample_size: number;
  readonly treatment_group_size: number;
  readonly control_group_size: number;
  readonly adjustment_set: readonly string[];
  readonly refutations: readonly RefutationSummary[];
  readonly reasons: readonly string[];
  readonly recommendation: string;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const ok = (e: EffectEstimate | undefined): e is EffectEstimate => e?.status === 'ok';
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

/** The key of an estimate in `estimates`: the method, with the estimand when it is not the ATE. */
export function estimateKey(e: EffectEstimate): string {
  if (e.method === 'ipw_hajek') return e.estimand === 'ATT' ? 'ipw_att' : 'ipw';
  return e.method;
}

/** What to do about the treatment, following the grade and the sign. */
export function recommendation(
  name: string,
  confidence: Confidence,
  primary: EffectEstimate,
  outcome = 'interview chances',
  unit: (x: number) => string = pts,
): string {
  if (primary.status !== 'ok') return `no conclusion on ${name}: ${primary.status}`;
  const significant = primary.ci[0] > 0 || primary.ci[1] < 0;
  const size = `${unit(primary.estimate)} on ${outcome}`;
  if (confidence === 'HIGH') {
    return primary.estimate > 0 ? `recommend ${name}: ${size}` : `advise against ${name}: ${size}`;
  }
  if (!significant) return `no evidence that ${name} changes ${outcome}: do not recommend it`;
  if (confidence === 'LOW') {
    return `do not act on ${name} (${size}): the evidence contradicts the estimate`;
  }
  return `promising but not established (${size}): test ${name} in an experiment before recommending it`;
}

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
    recommendation: recommendation(spec.name, grade.confidence, {
      ...p,
      estimate: h.estimate,
      ci: h.ci,
    }),
  };
}
