/**
 * From application groups to what a plan is optimised from: per category, the user's interview
 * rate shrunk toward the segment's (analytics' `shrunkRate`: (x + m p) / (n + m), so a user
 * with 3 applications in a category stays near the segment and one with 100 speaks for
 * themselves), the same shrinkage for the share of applications that had each lever and for
 * their alignment, and the base chance with the levers' effects taken out at those shares.
 */
import { rateOf, shrunkRate } from '@hirelearn/analytics';
import { leverApplies } from './levers';
import type { PlanSettings } from './settings';
import {
  PLAN_CATEGORIES,
  type ApplicationGroup,
  type CategoryEvidence,
  type PlanCategory,
  type PlanLever,
} from './types';

interface Tally {
  applications: number;
  interviews: number;
  alignment_sum: number;
  alignment_n: number;
  with_lever: number[];
}

function tally(
  groups: readonly ApplicationGroup[],
  category: PlanCategory,
  levers: readonly PlanLever[],
): Tally {
  const t: Tally = {
    applications: 0,
    interviews: 0,
    alignment_sum: 0,
    alignment_n: 0,
    with_lever: levers.map(() => 0),
  };
  for (const g of groups) {
    if (g.category !== category) continue;
    t.applications += g.applications;
    t.interviews += g.interviews;
    t.alignment_sum += g.alignment_sum;
    t.alignment_n += g.alignment_n;
    levers.forEach((l, i) => {
      if (leverApplies(l.indicator, g)) t.with_lever[i] += g.applications;
    });
  }
  return t;
}

const clip01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * The evidence of each category: the user's groups (none for a segment-level plan), the prior's,
 * and the postings a week that fit the user (the setting's figure when null).
 */
export function categoryEvidence(
  own: readonly ApplicationGroup[],
  prior: readonly ApplicationGroup[],
  levers: readonly PlanLever[],
  s: PlanSettings,
  postings: Readonly<Record<PlanCategory, number>> | null = null,
): readonly CategoryEvidence[] {
  return Object.freeze(
    PLAN_CATEGORIES.map((category): CategoryEvidence => {
      const u = tally(own, category, levers);
      const p = tally(prior, category, levers);
      const m = s.prior_strength;
      const priorRate = p.applications > 0 ? p.interviews / p.applications : 0;
      const probability = shrunkRate(u.interviews, u.applications, priorRate, m);
      const shares: Record<string, number> = {};
      let leverLift = 0;
      levers.forEach((l, i) => {
        const priorShare = p.applications > 0 ? p.with_lever[i] / p.applications : 0;
        const share = shrunkRate(u.with_lever[i], u.applications, priorShare, m);
        shares[l.treatment] = share;
        leverLift += l.effect * share;
      });
      const priorAlignment = p.alignment_n > 0 ? p.alignment_sum / p.alignment_n : null;
      const alignment =
        u.alignment_n + (priorAlignment === null ? 0 : m) > 0
          ? shrunkRate(
              u.alignment_sum,
              u.alignment_n,
              priorAlignment ?? 0,
              priorAlignment === null ? 0 : m,
            )
          : null;
      return Object.freeze({
        category,
        own_interview_rate: rateOf(u.interviews, u.applications, s.alpha),
        segment_interview_rate: rateOf(p.interviews, p.applications, s.alpha),
        interview_probability: probability,
        base_probability: clip01(probability - leverLift),
        lever_shares: Object.freeze(shares),
        alignment,
        fitting_postings_per_week: Math.max(
          s.min_fitting_postings_per_week,
          postings === null ? s.fitting_postings_per_week : postings[category],
        ),
      });
    }),
  );
}
