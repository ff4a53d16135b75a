/**
 * One user's `WeeklyInsights` from the run's shared context and the user's own batch rows:
 * pure, so the same rows always give the same report (ids included).
 */
import { activitySection, userWeeks, weekActivity } from './activity';
import type { WeeklyContext } from './context';
import { focusSection } from './focus';
import { marketSection } from './market-section';
import type { PatternCount, UserState, WeeklyCount } from './queries';
import { actionsSection } from './recommend';
import { plural } from './insight';
import type { WeeklyInsights, WeeklySection, WeeklyStatus } from './types';
import { whatWorkedSection } from './what-worked';

/** A user's rows of one batch. */
export interface UserWeekFacts {
  readonly state: UserState;
  readonly counts: readonly WeeklyCount[];
  readonly patterns: readonly PatternCount[];
}

function report(
  ctx: WeeklyContext,
  facts: UserWeekFacts,
  status: WeeklyStatus,
  headline: string,
  activity: WeeklyInsights['activity'],
  sections: readonly WeeklySection[],
  reasons: readonly string[],
): WeeklyInsights {
  return Object.freeze({
    user_id: facts.state.user_id,
    week: ctx.week,
    status,
    headline,
    generated_at: ctx.generated_at,
    segment: Object.freeze({ dimension: 'seniority' as const, value: facts.state.seniority }),
    activity,
    sections: Object.freeze(sections),
    attribution_run_id: ctx.attribution_run_id,
    reasons: Object.freeze(reasons),
  });
}

/** The segment-level version: what holds for users like them, nothing read from their own data. */
function segmentOnly(ctx: WeeklyContext, facts: UserWeekFacts): WeeklyInsights {
  const actions = actionsSection(ctx, facts.state, true);
  const market = marketSection(ctx, facts.state, true);
  const focus = focusSection(ctx, facts.state.user_id, actions.insights);
  return report(
    ctx,
    facts,
    'segment_only',
    `${ctx.week.label}: what holds for users like you`,
    null,
    [actions, market, focus],
    [
      'opted_out_personalization: you opted out of personalization, so this report reads none of your own activity; it shows what holds for every user and the whole market',
    ],
  );
}

/** The report of one user for the context's week. */
export function buildWeeklyInsights(ctx: WeeklyContext, facts: UserWeekFacts): WeeklyInsights {
  if (facts.state.opted_out_personalization) return segmentOnly(ctx, facts);
  const weeks = userWeeks(facts.counts);
  const activity = weekActivity(ctx, weeks);
  if (weeks.get('events', ctx.settings.history_weeks) === 0) {
    return report(
      ctx,
      facts,
      'no_activity',
      `No activity in ${ctx.week.label}`,
      activity,
      [],
      [
        `no_activity: no application, response, resume change or other event of yours between ${ctx.week.start.slice(0, 10)} and ${ctx.week.end.slice(0, 10)} (end exclusive)`,
      ],
    );
  }
  const sections = [
    activitySection(ctx, facts.state, activity, weeks),
    whatWorkedSection(ctx, facts.state, facts.patterns),
    actionsSection(ctx, facts.state, false),
    marketSection(ctx, facts.state, false),
  ];
  const focus = focusSection(
    ctx,
    facts.state.user_id,
    sections.flatMap((s) => s.insights),
  );
  const first = focus.insights[0];
  const headline = `${ctx.week.label}: ${plural(activity.applications, 'application')}, ${plural(activity.interviews, 'interview')}${first ? `. Next week: ${first.title}` : ''}`;
  return report(ctx, facts, 'ok', headline, activity, [...sections, focus], []);
}
