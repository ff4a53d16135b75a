/**
 * The levers a plan may pull, from the nightly's stored attribution: tailoring always (it is
 * the effort lever), with its effect only when the attribution graded it actionable; a send day
 * and an hour band only when a within-user estimate graded actionable says they help. Timing
 * effects found across users are confounded (organised users favour Tuesday mornings), so the
 * within-user method is required, as the timing optimizer does.
 */
import {
  DEFAULT_ATTRIBUTION_SETTINGS,
  WEEKDAYS,
  type CausalEffect,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { effectEvidenceId } from '@hirelearn/nightly';
import { notActionable } from '@hirelearn/optimize';
import type { PlanSettings } from './settings';
import type { LeverIndicator, PlanLever } from './types';

export const TAILORING_TREATMENT = 'tailoring_applied';

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

function evidenceText(e: CausalEffect, runId: string | null): string {
  const ci = e.confidence_interval!;
  const id = runId === null ? e.treatment : effectEvidenceId(runId, e.treatment);
  return `${id}: ${pts(e.ate!)} [${pts(ci[0])}, ${pts(ci[1])}] on P(interview), ${e.causal_confidence}, ${e.method}, n=${e.sample_size}`;
}

/** Why an effect does not move the plan, or null when it does (actionable and helpful). */
function unusable(e: CausalEffect, s: PlanSettings, withinUser: boolean): string | null {
  if (withinUser && !s.within_user_methods.includes(e.method))
    return `${e.treatment}: method ${e.method} is not a within-user estimate`;
  const blocked = notActionable(e, s.lever_grades);
  if (blocked !== null) return blocked;
  return e.ate! > 0 ? null : `${e.treatment}: it lowers the interview chance`;
}

function tailoringLever(
  attribution: OutcomeAttribution | null,
  runId: string | null,
  s: PlanSettings,
): PlanLever {
  const e = attribution?.effects.find((x) => x.treatment === TAILORING_TREATMENT);
  const why =
    attribution === null
      ? 'no attribution stored yet (hirelearn nightly stores one)'
      : e === undefined
        ? `the attribution has no ${TAILORING_TREATMENT} effect`
        : unusable(e, s, false);
  return Object.freeze({
    treatment: TAILORING_TREATMENT,
    action: 'tailor',
    indicator: Object.freeze({ kind: 'tailoring' as const }),
    effect: why === null ? e!.ate! : 0,
    extra_hours_per_application: s.tailoring_hours_per_application,
    evidence: why === null ? evidenceText(e!, runId) : `taken as no effect: ${why}`,
  });
}

interface TimingCandidate {
  readonly treatment: string;
  readonly action: string;
  readonly indicator: LeverIndicator;
}

function timingCandidates(): { weekday: TimingCandidate[]; hour_band: TimingCandidate[] } {
  return {
    weekday: WEEKDAYS.map((day, i) => ({
      treatment: `applied_on_${day}`,
      action: `send on a ${day[0].toUpperCase()}${day.slice(1)}`,
      indicator: { kind: 'weekday' as const, weekday: i + 1 },
    })),
    hour_band: DEFAULT_ATTRIBUTION_SETTINGS.hour_bands.map((b) => ({
      treatment: `applied_in_${b.name}`,
      action: `send in the ${b.name} (${b.from}-${b.to} h UTC)`,
      indicator: { kind: 'hour_band' as const, from: b.from, to: b.to },
    })),
  };
}

/** The best helpful, actionable within-user effect among candidates, as a free lever. */
function bestTiming(
  candidates: readonly TimingCandidate[],
  attribution: OutcomeAttribution,
  runId: string | null,
  s: PlanSettings,
): PlanLever | null {
  let best: { c: TimingCandidate; e: CausalEffect } | null = null;
  for (const c of candidates) {
    const e = attribution.effects.find((x) => x.treatment === c.treatment);
    if (e === undefined || unusable(e, s, true) !== null) continue;
    if (best === null || e.ate! > best.e.ate!) best = { c, e };
  }
  if (best === null) return null;
  return Object.freeze({
    treatment: best.c.treatment,
    action: best.c.action,
    indicator: Object.freeze(best.c.indicator),
    effect: best.e.ate!,
    extra_hours_per_application: 0,
    evidence: evidenceText(best.e, runId),
  });
}

/** Tailoring, then the best send day and hour band when the attribution backs them. */
export function planLevers(
  attribution: OutcomeAttribution | null,
  runId: string | null,
  s: PlanSettings,
): readonly PlanLever[] {
  const levers = [tailoringLever(attribution, runId, s)];
  if (attribution !== null) {
    const t = timingCandidates();
    for (const group of [t.weekday, t.hour_band]) {
      const lever = bestTiming(group, attribution, runId, s);
      if (lever !== null) levers.push(lever);
    }
  }
  return Object.freeze(levers);
}

/** Whether an application group had the lever. */
export function leverApplies(
  indicator: LeverIndicator,
  g: { tailored: boolean; weekday: number; hour: number },
): boolean {
  switch (indicator.kind) {
    case 'tailoring':
      return g.tailored;
    case 'weekday':
      return g.weekday === indicator.weekday;
    case 'hour_band':
      return g.hour >= indicator.from && g.hour < indicator.to;
  }
}
