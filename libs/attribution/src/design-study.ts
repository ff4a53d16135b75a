/**
 * What the design-based studies (the strategy-threshold regression discontinuity, resume edits
 * as difference-in-differences) share: their result before grading, their grade and their
 * `CausalEffect` entry. They are graded by the run's rules, but their evidence is not a
 * propensity overlap and a balance table: HIGH needs a good estimate, enough users on each side
 * of the comparison (near the cutoff; made the edit / not yet), every design check passed
 * (placebo cutoff and density test; pre-trend) and q ≤ 0.05 with BH across the whole run.
 */
import {
  CausalAnalysis,
  Confidence,
  ConfidenceGrade,
  EffectEstimate,
  GradedAnalysis,
  evidenceShortfalls,
  gradeFamily,
  GradingSettings,
  recommendation,
  type RefutationSummary,
} from '@hirelearn/causal';
import { CausalEffect, INTERVIEW_CHANCES } from './effect';

/** The design's own facts (cutoff, bandwidth, period…), printed with the effect. */
export type DesignFacts = Readonly<Record<string, number | string | boolean | null>>;

export interface DesignStudy {
  readonly treatment: string;
  readonly definition: string;
  readonly method: 'rd' | 'did';
  /** The estimate graded and entered in the run's BH family. */
  readonly primary: EffectEstimate;
  /** The unadjusted difference, beside the design's estimate. */
  readonly naive: EffectEstimate;
  /** Method → estimate (null when that estimator could not run). */
  readonly estimates: Readonly<Record<string, number | null>>;
  /** Design checks (placebo cutoff, density test, pre-trend): each must pass for HIGH. */
  readonly refutations: readonly RefutationSummary[];
  /** Users on each side of the comparison, the support the grade asks for. */
  readonly support: { readonly treated_users: number; readonly control_users: number };
  /** Reasons the design adds (weak first stage, staggered timing…), beside the estimate's. */
  readonly notes: readonly string[];
  /** Reasons that keep the study from HIGH although its checks pass (e.g. a weak first stage). */
  readonly caveats: readonly string[];
  readonly design: DesignFacts;
}

/** A design study's `CausalEffect`, with the design's facts beside the usual fields. */
export interface DesignEffect extends CausalEffect {
  readonly design: DesignFacts;
}

/** Grade of a design study whose primary carries its run-wide q-value (module doc). */
export function gradeDesign(
  study: DesignStudy,
  primary: EffectEstimate,
  settings: GradingSettings,
): ConfidenceGrade {
  const low: string[] = [];
  const medium: string[] = [...study.caveats];
  if (primary.status !== 'ok') {
    low.push(`estimate status ${primary.status}: ${primary.reasons.join('; ')}`);
  }
  const { treated_users, control_users } = study.support;
  if (Math.min(treated_users, control_users) < settings.min_treated) {
    medium.push(
      `${treated_users} treated and ${control_users} control users in the comparison; each needs >= ${settings.min_treated}`,
    );
  }
  if (study.refutations.length === 0) medium.push('no design check was run');
  for (const r of study.refutations) if (!r.passed) low.push(`${r.name} failed: ${r.detail}`);
  medium.push(...evidenceShortfalls(primary, settings));
  const confidence: Confidence = low.length > 0 ? 'LOW' : medium.length > 0 ? 'MEDIUM' : 'HIGH';
  return Object.freeze({ confidence, reasons: Object.freeze([...low, ...medium]) });
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The output entry of a design study, given its primary with the run-wide q-value. */
export function designEffect(
  study: DesignStudy,
  primary: EffectEstimate,
  settings: GradingSettings,
): DesignEffect {
  const grade = gradeDesign(study, primary, settings);
  const good = primary.status === 'ok';
  const n = study.naive;
  return Object.freeze({
    treatment: study.treatment,
    outcome: 'interview',
    definition: study.definition,
    status: primary.status,
    ate: good ? finite(primary.estimate) : null,
    att: good && primary.estimand === 'ATT' ? finite(primary.estimate) : null,
    std_error: good ? finite(primary.std_error) : null,
    confidence_interval: good ? ([primary.ci[0], primary.ci[1]] as const) : null,
    p_value: good ? finite(primary.p_value) : null,
    q_value: primary.q_value,
    causal_confidence: grade.confidence,
    method: study.method,
    headline_method: study.method,
    headline_reason: `the ${study.method} design's own estimate`,
    estimates: study.estimates,
    naive:
      n.status === 'ok'
        ? { ate: n.estimate, confidence_interval: [n.ci[0], n.ci[1]] as const, p_value: n.p_value }
        : { ate: null, confidence_interval: null, p_value: null },
    instrument: null,
    sample_size: primary.n,
    treatment_group_size: primary.n_treated,
    control_group_size: primary.n_control,
    adjustment_set: [],
    refutations: study.refutations,
    reasons: [...primary.reasons, ...study.notes, ...grade.reasons],
    recommendation: recommendation(study.treatment, grade.confidence, primary, INTERVIEW_CHANCES),
    design: study.design,
  });
}

/**
 * Grades the run as one family: BH q-values over the adjustment analyses' primaries and the
 * design studies' together (`gradeFamily` of libs/causal, which grades the adjustment analyses),
 * then each design study by `gradeDesign`.
 */
export function gradeRun(
  analyses: readonly CausalAnalysis[],
  studies: readonly DesignStudy[],
  settings: GradingSettings,
): { readonly analyses: GradedAnalysis[]; readonly studies: DesignEffect[] } {
  const family = gradeFamily(
    analyses,
    studies.map((s) => s.primary),
    settings,
  );
  const designs = studies.map((s, j) => designEffect(s, family.others[j], settings));
  return { analyses: family.analyses, studies: designs };
}
