/**
 * One user's `PersonalizedConfig` from their statistics, their segment's priors and the
 * attribution's causal effects. An opted-out user, or one with no applications, gets the same
 * computation with no data of their own: the segment's configuration, saying why.
 */
import type { CausalEffect, OutcomeAttribution } from '@hirelearn/attribution';
import { FIT_COMPONENTS } from '@hirelearn/ml';
import type {
  EvidenceSource,
  FitWeightsValue,
  ParameterEvidence,
  PersonalizedConfig,
  PersonalizedParameter,
} from './personalized-config';
import {
  ALL_USERS_SEGMENT,
  differenceUnit,
  type DifferencePrior,
  type SegmentPriors,
} from './segment-priors';
import type { PersonalizeSettings } from './settings';
import { shrinkCount, shrinkDifference, type Shrunk } from './shrinkage';
import { CATEGORIES, type Category, type UserStats } from './user-stats-queries';

/** Planner bounds of PlanningConfig.applications_per_week (its schema: 1-100). */
const PACE_BOUNDS = [1, 100] as const;
/** The attribution's treatment for tailoring. */
export const TAILORING_TREATMENT = 'tailoring_applied';

export interface DeriveInputs {
  readonly priors: (segment: string) => SegmentPriors;
  /** The run's attribution and the id it is stored under (causal priors); null without. */
  readonly attribution: { readonly run_id: string; readonly result: OutcomeAttribution } | null;
  /** The published fit weights: what a user keeps when no component predicts interviews. */
  readonly base_weights: FitWeightsValue;
  readonly settings: PersonalizeSettings;
  readonly computed_at: string;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function evidence(
  shrunk: Shrunk,
  n: number,
  e: Omit<
    ParameterEvidence,
    'n' | 'shrinkage_weight' | 'own_estimate' | 'shrunk_estimate' | 'source'
  > & {
    readonly prior_is_causal?: boolean;
  },
): ParameterEvidence {
  const { prior_is_causal, ...rest } = e;
  // Own data that got no weight (users differ no more than chance) leaves the prior alone.
  const own = shrunk.own !== null && shrunk.weight > 0;
  const source: EvidenceSource = prior_is_causal
    ? own
      ? 'own_and_causal'
      : 'causal'
    : own
      ? 'own_and_segment'
      : 'segment';
  return Object.freeze({
    ...rest,
    source,
    n,
    shrinkage_weight: shrunk.weight,
    own_estimate: shrunk.own,
    shrunk_estimate: shrunk.value,
  });
}

/** The attribution's effect of a treatment when it is good enough to stand for users like them. */
function causalPrior(inputs: DeriveInputs, treatment: string): CausalEffect | null {
  const e = inputs.attribution?.result.effects.find(
    (x) => x.treatment === treatment && x.status === 'ok' && x.ate !== null,
  );
  return e && inputs.settings.causal_grades.includes(e.causal_confidence) ? e : null;
}

const segmentText = (p: SegmentPriors, users: number) =>
  `segment ${p.segment} (${users} users who share their data)`;

function paceParameter(u: UserStats | null, p: SegmentPriors): PersonalizedParameter {
  const pace = shrinkCount(u?.pace ?? { x: 0, n: 0 }, p.pace);
  return Object.freeze({
    layer: 5,
    parameter: 'applications_per_week',
    value: clamp(Math.round(pace.value), ...PACE_BOUNDS),
    evidence: evidence(pace, u?.applications.n ?? 0, {
      method: 'gamma-Poisson EB',
      prior_strength: p.pace.prior_strength,
      quantity: 'applications per week active (k in weeks)',
      prior_mean: p.pace.mean,
      prior: segmentText(p, p.pace.users),
    }),
  });
}

function tailoringParameter(
  u: UserStats | null,
  p: SegmentPriors,
  inputs: DeriveInputs,
): PersonalizedParameter {
  const effect = causalPrior(inputs, TAILORING_TREATMENT);
  const priorMean = effect?.ate ?? p.tailoring.mean;
  const own = u ? differenceUnit(u.tailored, u.untailored, p.tailoring) : null;
  const lift = shrinkDifference(own, priorMean, p.tailoring.between_variance);
  return Object.freeze({
    layer: 5,
    parameter: 'planner.tailor_share',
    value: round(clamp(lift.value / inputs.settings.full_tailoring_lift, 0, 1), 2),
    evidence: evidence(lift, u ? u.tailored.n + u.untailored.n : 0, {
      method: 'normal-normal EB',
      prior_strength: null,
      quantity: 'interview rate with tailoring minus without',
      prior_mean: priorMean,
      prior: effect
        ? `attribution ${inputs.attribution?.run_id}/${TAILORING_TREATMENT} (${effect.headline_method}, ${effect.causal_confidence}); between-user variance from ${segmentText(p, p.tailoring.users)}`
        : `no causal estimate good enough (${inputs.settings.causal_grades.join('/')}): the observed difference in ${segmentText(p, p.tailoring.users)}`,
      prior_is_causal: effect !== null,
    }),
  });
}

function mixParameters(u: UserStats | null, p: SegmentPriors): PersonalizedParameter[] {
  // Tilt the segment's mix toward the categories where the user does better than their peers:
  // share_c · shrunk_c / m_c, normalized (the segment's own mix for a user without data).
  const shrunk = CATEGORIES.map((c) =>
    shrinkCount(u?.by_category[c] ?? { x: 0, n: 0 }, p.category_rate[c]),
  );
  const raw = CATEGORIES.map((c, i) => {
    const m = p.category_rate[c].mean;
    return p.category_share[c] * (m > 0 ? shrunk[i].value / m : 1);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return CATEGORIES.map((c, i) =>
    Object.freeze({
      layer: 5 as const,
      parameter: `planner.target_mix.${c}`,
      value: round(total > 0 ? raw[i] / total : 1 / CATEGORIES.length, 3),
      evidence: evidence(shrunk[i], u?.by_category[c].n ?? 0, {
        method: 'beta-binomial EB',
        prior_strength: p.category_rate[c].prior_strength,
        quantity: `interview rate of ${c} applications (segment share ${round(p.category_share[c], 3)})`,
        prior_mean: p.category_rate[c].mean,
        prior: segmentText(p, p.category_rate[c].users),
      }),
    }),
  );
}

function weightParameters(
  u: UserStats | null,
  p: SegmentPriors,
  inputs: DeriveInputs,
): PersonalizedParameter[] {
  const everyone = inputs.priors(ALL_USERS_SEGMENT);
  const rate = everyone.interview_rate;
  const lifts = FIT_COMPONENTS.map((c) => {
    const prior: DifferencePrior = p.components[c];
    const arms = u?.components[c];
    const own = arms ? differenceUnit(arms.high, arms.low, prior) : null;
    return { c, prior, arms, lift: shrinkDifference(own, prior.mean, prior.between_variance) };
  });
  // The published weights (the fit-score learner's, checked on held-out users), each scaled by
  // how much more (or less) the component separates the user's interviews than everyone's:
  // base_c · (1 + (lift_c − lift_c(all)) / interview rate(all)), negatives 0, normalized. A user
  // with the population's lifts keeps the published weights; +3 points more lift at a 17% rate
  // multiplies a weight by about 1.18. Lifts are marginal differences (above against below the
  // user's median), not adjusted for the other components, so they tilt the learned weights
  // rather than replace them.
  const tilted = lifts.map(
    ({ c, lift }) =>
      inputs.base_weights[c] *
      Math.max(0, 1 + (rate > 0 ? (lift.value - everyone.components[c].mean) / rate : 0)),
  );
  const total = tilted.reduce((a, b) => a + b, 0);
  return lifts.map(({ c, prior, arms, lift }, i) =>
    Object.freeze({
      layer: 6 as const,
      parameter: `weights.${c}`,
      value: total > 0 ? tilted[i] / total : inputs.base_weights[c],
      evidence: evidence(lift, arms ? arms.high.n + arms.low.n : 0, {
        method: 'normal-normal EB',
        prior_strength: null,
        quantity: `interview rate of applications at or above the user's median ${c} fit minus below`,
        prior_mean: prior.mean,
        prior: `${segmentText(p, prior.users)}; the published weight ${inputs.base_weights[c]} tilted by the lift beyond everyone's (${round(everyone.components[c].mean, 4)} at an interview rate of ${round(rate, 4)})`,
      }),
    }),
  );
}

/** One user's configuration; `u` null or opted out gives the segment's. */
export function derivePersonalizedConfig(
  userId: string,
  u: UserStats | null,
  segment: string,
  inputs: DeriveInputs,
): PersonalizedConfig {
  const p = inputs.priors(segment);
  const why = whySegment(u);
  const own = why === null ? u : null;
  const pace = paceParameter(own, p);
  const tailoring = tailoringParameter(own, p, inputs);
  const mix = mixParameters(own, p);
  const weights = weightParameters(own, p, inputs);
  const weightValue = Object.fromEntries(
    weights.map((w) => [w.parameter.slice('weights.'.length), w.value]),
  ) as FitWeightsValue;
  return Object.freeze({
    user_id: userId,
    basis: why === null ? 'personal' : 'segment',
    basis_reason:
      why ??
      `the user's own data (${u?.applications.n} applications) shrunk toward segment ${p.segment}; each parameter's weight n / (n + k) in its evidence`,
    opt_out: u?.opt_out ?? null,
    segment: Object.freeze({ by: 'seniority' as const, value: p.segment, users: p.users }),
    overrides: Object.freeze({
      '5': Object.freeze([{ parameter: 'applications_per_week', value: pace.value }]),
      '6': Object.freeze([{ parameter: 'weights', value: weightValue }]),
    }),
    planner: Object.freeze({
      tailor_share: tailoring.value,
      target_mix: Object.freeze(
        Object.fromEntries(CATEGORIES.map((c, i) => [c, mix[i].value])),
      ) as Record<Category, number>,
    }),
    parameters: Object.freeze([pace, tailoring, ...mix, ...weights]),
    attribution_run_id: inputs.attribution?.run_id ?? null,
    computed_at: inputs.computed_at,
  });
}

/** Why the user gets the segment's configuration; null when they are personalized. */
function whySegment(u: UserStats | null): string | null {
  if (u === null) return 'no data of the user: the segment configuration';
  const o = u.opt_out;
  if (o?.how === 'opted_out_all' || o?.how === 'opted_out_personalization')
    return `the user opted out of personalization (USER_OPTED_OUT scope ${o.how === 'opted_out_all' ? 'all' : 'personalization'} at ${o.at}): the segment's configuration, none of their own data used`;
  if (o?.how === 'consent_withheld')
    return `the user's profile withholds consent to personalization (consent.personalization false, profile of ${o.at}): the segment's configuration, none of their own data used`;
  if (u.applications.n === 0) return 'no applications yet: the segment configuration';
  return null;
}
