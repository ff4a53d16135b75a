/**
 * The effects IPW and AIPW report after the overlap check: on the full sample, with the
 * check's verdict as status and reasons, or, when they trim to the overlap region (Crump et
 * al. 2009), the estimate on the trimmed sample with the trimming named first among its
 * reasons. Both carry the full sample's share inside the region, so both estimators say it
 * in the same words.
 */
import { DataCheck } from './data';
import { EffectCore, makeEffect } from './effect';
import { OverlapCheck } from './overlap';
import { EffectEstimate, EffectMethod, Estimand } from './types';

export type OverlapEffect<X> = EffectEstimate & { overlap_share: number } & X;

/** The effect `estimate ± std_error` on the checked sample, `no_overlap` when the check failed. */
export function overlapEffect<X extends object>(
  method: EffectMethod,
  estimand: Estimand,
  fit: { readonly estimate: number; readonly std_error: number },
  check: DataCheck,
  overlap: OverlapCheck,
  alpha: number,
  extra: X,
): OverlapEffect<X> {
  return makeEffect(
    {
      method,
      estimand,
      estimate: fit.estimate,
      std_error: fit.std_error,
      n: check.n,
      n_treated: check.n_treated,
      n_control: check.n_control,
      status: overlap.ok ? 'ok' : 'no_overlap',
      reasons: overlap.reasons,
    },
    alpha,
    { overlap_share: overlap.share_in_bounds, ...extra },
  );
}

/** Re-makes `trimmed` (fitted on the units in `overlap.in_bounds`) as the full sample's answer. */
export function trimmedEffect<X extends object>(
  trimmed: EffectCore,
  overlap: OverlapCheck,
  alpha: number,
  extra: X,
): OverlapEffect<X> {
  const region = overlap.bounds.map((b) => b.toPrecision(3)).join(', ');
  return makeEffect(
    {
      ...trimmed,
      reasons: [
        `trimmed ${overlap.n_outside} units outside the overlap region: propensity [${region}]`,
        ...trimmed.reasons,
      ],
    },
    alpha,
    { overlap_share: overlap.share_in_bounds, ...extra },
  );
}
