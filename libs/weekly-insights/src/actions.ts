/**
 * Which causal effects a weekly report may recommend: only those that hold. An effect is an
 * action when a user can take it (an edit, tailoring, a submission time; not the strategy
 * threshold), its grade is actionable (HIGH by default), its interval excludes 0 on the helpful
 * side, its q-value passes and it rests on at least `min_treated` treated applications. A
 * planted null reaches none of these: its interval contains 0 or its grade is not HIGH.
 */
import {
  DEFAULT_ATTRIBUTION_SETTINGS,
  type CausalEffect,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { effectEvidence, notActionable } from '@hirelearn/optimize';
import type { WeeklyInsightsSettings } from './settings';

export type ActionFamily = 'edit' | 'tailoring' | 'timing';

/** An effect that holds, with what the report needs to say and log about it. */
export interface ActionEffect {
  readonly treatment: string;
  readonly family: ActionFamily;
  readonly effect: CausalEffect;
  /** The stored effect it cites (`run/treatment/method`). */
  readonly evidence_id: string;
}

/** An effect left out, and why (kept so the report can say why nothing is recommended). */
export interface WithheldEffect {
  readonly treatment: string;
  readonly reason: string;
}

export interface ActionableEffects {
  /** Largest effect first. */
  readonly actions: readonly ActionEffect[];
  readonly withheld: readonly WithheldEffect[];
  /** Every effect by treatment (the adjusted one where a DiD study sits beside it). */
  readonly by_treatment: ReadonlyMap<string, CausalEffect>;
}

/** The family of a treatment, null when it is not something a user does. */
export function actionFamily(treatment: string): ActionFamily | null {
  if (treatment === DEFAULT_ATTRIBUTION_SETTINGS.rd.name) return null;
  if (treatment === 'tailoring_applied') return 'tailoring';
  if (/^applied_(on|in)_/.test(treatment)) return 'timing';
  return 'edit';
}

/** Why `e` may not be recommended, null when it may. */
export function whyNotRecommended(e: CausalEffect, s: WeeklyInsightsSettings): string | null {
  const blocked = notActionable(e, s.actionable_grades);
  if (blocked !== null) return blocked;
  if ((e.ate ?? 0) <= 0) return `${e.treatment}: hurts (${e.recommendation})`;
  if (e.treatment_group_size < s.min_treated)
    return `${e.treatment}: ${e.treatment_group_size} treated applications, needs ${s.min_treated}`;
  if (e.q_value === null || e.q_value > s.max_q_value)
    return `${e.treatment}: q-value ${e.q_value ?? 'unknown'} above ${s.max_q_value}`;
  return null;
}

/**
 * The effects of a stored attribution sorted into actions and the rest. Per treatment the
 * adjusted estimate is read (its headline already spans a disagreeing DiD or IV); a DiD study
 * alone stands in where there is no adjusted one.
 */
export function actionableEffects(
  attribution: OutcomeAttribution | null,
  runId: string | null,
  s: WeeklyInsightsSettings,
): ActionableEffects {
  const by = new Map<string, CausalEffect>();
  for (const e of attribution?.effects ?? []) {
    const seen = by.get(e.treatment);
    if (seen === undefined || (seen.method === 'did' && e.method !== 'did')) by.set(e.treatment, e);
  }
  const actions: ActionEffect[] = [];
  const withheld: WithheldEffect[] = [];
  for (const [treatment, e] of [...by].sort(([a], [b]) => a.localeCompare(b))) {
    const family = actionFamily(treatment);
    if (family === null) continue;
    const reason = whyNotRecommended(e, s);
    if (reason !== null) withheld.push(Object.freeze({ treatment, reason }));
    else
      actions.push(
        Object.freeze({
          treatment,
          family,
          effect: e,
          evidence_id: effectEvidence(runId ?? 'unknown-run', e).id,
        }),
      );
  }
  actions.sort((a, b) => b.effect.ate! - a.effect.ate! || a.treatment.localeCompare(b.treatment));
  return Object.freeze({
    actions: Object.freeze(actions),
    withheld: Object.freeze(withheld),
    by_treatment: by,
  });
}
