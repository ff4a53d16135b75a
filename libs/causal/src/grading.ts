/**
 * Confidence grade of a causal effect from its evidence, with every unmet criterion listed.
 *
 * HIGH needs all of: status 'ok'; n_treated ≥ min_treated (30); overlap OK; max |SMD| after
 * adjustment < max_abs_smd (0.1); at least one refuter run and all passed; q-value ≤ max_q_value
 * (0.05) and p-value ≤ max_p_value (0.001); and, when an instrumental-variables estimate exists,
 * a strong instrument whose CI overlaps the adjustment estimate's CI.
 *
 * Why a p-value bar beside the FDR one: q ≤ 0.05 bounds the share of false discoveries among
 * a run's claims, but HIGH promises that a claim is not a fluke, which is a bound per claim.
 * A nightly run tests some 20 treatments, most of them null (ten timing contrasts alone), so
 * at q ≤ 0.05 a valid test still hands a null a HIGH in a few worlds out of a hundred (libs/
 * attribution README: seed 3's Monday, p 0.0019). p ≤ 0.001 is the "highly significant"
 * standard of Johnson (2013, PNAS 110(48), "Revised standards for statistical evidence"),
 * roughly a Bayes factor of 100 against the null; an effect between the two bars is MEDIUM
 * with the reason stated.
 * LOW when the evidence contradicts the estimate: status not 'ok', overlap failed, a refuter
 * failed, or the IV and adjustment CIs do not overlap.
 * MEDIUM otherwise (e.g. too few treated units, residual imbalance, not significant after FDR).
 */
import type { CausalAnalysis, GradedAnalysis } from './analyze';
import { BalanceTable } from './balance';
import { deepFreeze } from './freeze';
import { OverlapCheck } from './overlap';
import { withQValues } from './q-values';
import { EffectEstimate, Refutation } from './types';

export type Confidence = 'HIGH' | 'MEDIUM' | 'LOW';

export interface GradingSettings {
  readonly min_treated: number;
  readonly max_abs_smd: number;
  readonly max_q_value: number;
  readonly max_p_value: number;
  readonly weak_instrument_f: number;
}

export const DEFAULT_GRADING_SETTINGS: GradingSettings = deepFreeze({
  min_treated: 30,
  max_abs_smd: 0.1,
  max_q_value: 0.05,
  max_p_value: 0.001,
  weak_instrument_f: 10,
});

/** Frozen grading settings: the defaults overridden by `overrides`. */
export function gradingSettings(overrides: Partial<GradingSettings> = {}): GradingSettings {
  return deepFreeze({ ...DEFAULT_GRADING_SETTINGS, ...overrides });
}

/** An IV estimate to cross-check against, with its first-stage F. */
export interface IvCrossCheck {
  readonly effect: EffectEstimate;
  readonly first_stage_f: number;
}

export interface GradeInput {
  readonly effect: EffectEstimate;
  readonly overlap: OverlapCheck | null;
  readonly balance: BalanceTable | null;
  readonly refutations: readonly Refutation[];
  readonly iv?: IvCrossCheck | null;
}

export interface ConfidenceGrade {
  readonly confidence: Confidence;
  /** Every criterion for HIGH that was not met (empty for HIGH). */
  readonly reasons: readonly string[];
}

const overlaps = (a: readonly [number, number], b: readonly [number, number]): boolean =>
  a[0] <= b[1] && b[0] <= a[1];

/**
 * Why the estimate's significance falls short of HIGH (empty when it does not): its run-wide
 * q-value against max_q_value, its own p-value against max_p_value (module doc).
 */
export function evidenceShortfalls(e: EffectEstimate, settings: GradingSettings): string[] {
  if (e.q_value === null) return ['q-value not computed (use withQValues over the family)'];
  const reasons: string[] = [];
  if (!(e.q_value <= settings.max_q_value)) {
    reasons.push(`q-value ${e.q_value.toFixed(3)} > ${settings.max_q_value}`);
  }
  if (!(e.p_value <= settings.max_p_value)) {
    reasons.push(
      `p-value ${e.p_value.toPrecision(2)} > ${settings.max_p_value} (significant, not yet strong evidence)`,
    );
  }
  return reasons;
}

/** Grades `input.effect` (see the module doc for the rules). */
export function gradeEffect(
  input: GradeInput,
  settings: GradingSettings = DEFAULT_GRADING_SETTINGS,
): ConfidenceGrade {
  const low: string[] = [];
  const medium: string[] = [];
  const e = input.effect;
  if (e.status !== 'ok') low.push(`estimate status ${e.status}: ${e.reasons.join('; ')}`);
  if (e.n_treated < settings.min_treated) {
    medium.push(`${e.n_treated} treated units < ${settings.min_treated}`);
  }
  if (input.overlap === null) medium.push('overlap not checked');
  else if (!input.overlap.ok) low.push(`overlap failed: ${input.overlap.reasons.join('; ')}`);
  const smd = input.balance?.max_abs_smd_after ?? NaN;
  if (!(smd < settings.max_abs_smd)) {
    medium.push(
      input.balance === null
        ? 'balance not checked'
        : `max |SMD| after adjustment ${smd.toFixed(3)} >= ${settings.max_abs_smd}`,
    );
  }
  if (input.refutations.length === 0) medium.push('no refuter was run');
  for (const r of input.refutations)
    if (!r.passed) low.push(`refuter ${r.name} failed: ${r.detail}`);
  medium.push(...evidenceShortfalls(e, settings));
  const iv = input.iv ?? null;
  if (iv !== null) {
    if (iv.effect.status !== 'ok' || !(iv.first_stage_f >= settings.weak_instrument_f)) {
      medium.push(
        `instrument unusable for the cross-check (status ${iv.effect.status}, first-stage F ${iv.first_stage_f.toFixed(1)})`,
      );
    } else if (!overlaps(iv.effect.ci, e.ci)) {
      low.push(
        `IV estimate ${iv.effect.estimate.toPrecision(3)} and adjustment estimate ${e.estimate.toPrecision(3)} disagree (CIs do not overlap)`,
      );
    }
  }
  const confidence: Confidence = low.length > 0 ? 'LOW' : medium.length > 0 ? 'MEDIUM' : 'HIGH';
  return deepFreeze({ confidence, reasons: [...low, ...medium] });
}

/**
 * Grades one family of questions: Benjamini-Hochberg q-values over the analyses' primaries and
 * `others` together (estimates of the same run graded by other rules, e.g. design studies, so
 * that the whole run is one family), then each analysis by `gradeEffect`, with its IV estimate
 * as the cross-check when the primary is not the IV. Returns the graded analyses and `others`
 * carrying their q-values, in order. Failed estimates carry p = NaN and stay out of the family.
 */
export function gradeFamily(
  analyses: readonly CausalAnalysis[],
  others: readonly EffectEstimate[],
  settings: GradingSettings = DEFAULT_GRADING_SETTINGS,
): { readonly analyses: GradedAnalysis[]; readonly others: EffectEstimate[] } {
  const q = withQValues([...analyses.map((a) => a.primary), ...others]);
  const graded = analyses.map((a, i): GradedAnalysis => {
    const primary = q[i];
    const iv = a.iv !== null && a.iv !== a.primary ? a.iv : null;
    const grade = gradeEffect(
      {
        effect: primary,
        overlap: a.overlap,
        balance: a.balance,
        refutations: a.refutations,
        iv: iv === null ? null : { effect: iv, first_stage_f: iv.first_stage_f },
      },
      settings,
    );
    return { ...a, primary, grade };
  });
  return deepFreeze({ analyses: graded, others: q.slice(analyses.length) });
}
