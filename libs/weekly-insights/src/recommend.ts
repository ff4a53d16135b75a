/**
 * Recommended actions: causal effects that hold (actions.ts) and that this user is not already
 * taking: an edit their resume lacks, tailoring while some applications go untailored, a
 * submission time. The segment-level version (opted out of personalization) lists every
 * effect that holds, for users like them, without reading their own data.
 */
import type { ActionEffect } from './actions';
import type { WeeklyContext } from './context';
import { int, makeInsight, points, words } from './insight';
import type { UserState } from './queries';
import type { Evidence, Insight, WeeklySection } from './types';

/** Whether the user still has room to take the action. */
function applies(a: ActionEffect, state: UserState): boolean {
  if (a.family === 'edit') return !state.resume_edit_types.includes(a.treatment);
  if (a.family === 'tailoring')
    return state.recent_applications === 0 || state.recent_tailored < state.recent_applications;
  return true;
}

/** What the title of an action says in the segment-level version. */
export const FOR_THE_SEGMENT = 'For users like you: ';

const TITLES: Readonly<Record<ActionEffect['family'], (t: string) => string>> = {
  edit: (t) => `Resume edit: ${words(t)}`,
  tailoring: () => 'Tailor every application',
  timing: (t) => `Submit ${words(t.replace(/^applied_/, ''))}`,
};

/** The evidence of a causal effect, as stored by the nightly. */
export function causalEvidence(a: ActionEffect): Evidence {
  const e = a.effect;
  const ci = e.confidence_interval!;
  return Object.freeze({
    effect: e.ate!,
    interval: Object.freeze([ci[0], ci[1]]) as readonly [number, number],
    sample_size: e.sample_size,
    method: e.headline_method,
    unit: 'probability' as const,
  });
}

export function actionInsight(
  ctx: WeeklyContext,
  userId: string,
  a: ActionEffect,
  forSegment: boolean,
): Insight {
  const e = a.effect;
  const evidence = causalEvidence(a);
  return makeInsight(userId, ctx.week.label, {
    section: 'recommended_actions',
    type: 'causal_action',
    subject: a.treatment,
    title: `${forSegment ? FOR_THE_SEGMENT : ''}${TITLES[a.family](a.treatment)}`,
    detail: `${points(evidence)} on the chance of an interview, graded ${e.causal_confidence} (${e.headline_method}; ${int(e.sample_size)} applications, ${int(e.treatment_group_size)} treated; q ${e.q_value?.toPrecision(2)}).`,
    evidence,
    confidence: e.causal_confidence,
    action: a.treatment,
    source: a.evidence_id,
  });
}

/** The recommended-actions section; `forSegment`: the segment-level version. */
export function actionsSection(
  ctx: WeeklyContext,
  state: UserState,
  forSegment: boolean,
): WeeklySection {
  const all = ctx.effects.actions;
  const mine = forSegment ? all : all.filter((a) => applies(a, state));
  const insights = mine
    .slice(0, ctx.settings.max_actions)
    .map((a) => actionInsight(ctx, state.user_id, a, forSegment));
  const notes: string[] = [];
  if (ctx.attribution_run_id === null)
    notes.push(
      'no attribution is stored yet (the nightly run stores one): no action is recommended',
    );
  else if (all.length === 0)
    notes.push(
      `no causal effect holds (graded ${ctx.settings.actionable_grades.join(' or ')}, interval above 0, at least ${ctx.settings.min_treated} treated): nothing is recommended`,
    );
  else if (mine.length === 0) notes.push('you already do everything the evidence supports');
  return Object.freeze({
    name: 'recommended_actions',
    title: 'Recommended actions',
    insights: Object.freeze(insights),
    notes: Object.freeze(notes),
  });
}
