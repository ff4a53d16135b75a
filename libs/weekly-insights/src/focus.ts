/**
 * Next week's focus: no new claims, only the report's own insights that ask for something — the
 * strongest recommended action, and a return to the user's usual pace when this week fell
 * below it. Each focus item carries the evidence of the insight it comes from.
 */
import type { WeeklyContext } from './context';
import { makeInsight } from './insight';
import { FOR_THE_SEGMENT } from './recommend';
import type { Insight, WeeklySection } from './types';

export function focusSection(
  ctx: WeeklyContext,
  userId: string,
  from: readonly Insight[],
): WeeklySection {
  const insights: Insight[] = [];
  const action = from.find((i) => i.type === 'causal_action');
  if (action)
    insights.push(
      makeInsight(userId, ctx.week.label, {
        section: 'next_week_focus',
        type: 'focus',
        subject: `action:${action.action}`,
        title: action.title.replace(FOR_THE_SEGMENT, ''),
        detail: `The strongest action the evidence supports: ${action.detail}`,
        evidence: action.evidence,
        confidence: action.confidence,
        action: action.action,
        source: action.source,
      }),
    );
  const pace = from.find((i) => i.type === 'activity_vs_own_past');
  if (pace && pace.evidence.interval[1] < 0)
    insights.push(
      makeInsight(userId, ctx.week.label, {
        section: 'next_week_focus',
        type: 'focus',
        subject: 'pace',
        title: 'Back to your usual pace',
        detail: `This week fell below your usual number of applications (${pace.detail})`,
        evidence: pace.evidence,
        confidence: pace.confidence,
        action: null,
        source: pace.source,
      }),
    );
  return Object.freeze({
    name: 'next_week_focus',
    title: "Next week's focus",
    insights: Object.freeze(insights),
    notes: Object.freeze(
      insights.length > 0 ? [] : ['nothing this week calls for a change: keep going'],
    ),
  });
}
