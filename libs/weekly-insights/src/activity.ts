/**
 * The week's activity and how it compares: with the user's own usual week (the weeks since
 * their first application, up to `history_weeks`) and with their segment's interview rate
 * over the same window (users who share their seniority, opt-outs left out, at least k).
 */
import type { WeeklyContext } from './context';
import {
  descriptiveConfidence,
  excludesZero,
  rateDifference,
  weekAgainstHistory,
} from './evidence';
import { count, int, makeInsight, plural, points } from './insight';
import type { UserState, WeeklyCount, WeeklyMeasure } from './queries';
import type { Insight, WeekActivity, WeeklySection } from './types';
import { shiftWeek } from './week';

/** The counts of one user, by measure and week index (0 = the first history week). */
export interface UserWeeks {
  get(measure: WeeklyMeasure, weekIndex: number): number;
}

export function userWeeks(counts: readonly WeeklyCount[]): UserWeeks {
  const m = new Map<string, number>();
  for (const c of counts) m.set(`${c.measure}/${c.week_index}`, c.n);
  return { get: (measure, i) => m.get(`${measure}/${i}`) ?? 0 };
}

/** The week itself and the history weeks before it, as the chart shows them. */
export function weekActivity(ctx: WeeklyContext, weeks: UserWeeks): WeekActivity {
  const h = ctx.settings.history_weeks;
  const history = Array.from({ length: h + 1 }, (_, i) =>
    Object.freeze({
      week: shiftWeek(ctx.week, i - h).label,
      applications: weeks.get('applications', i),
      interviews: weeks.get('interviews', i),
    }),
  );
  return Object.freeze({
    applications: weeks.get('applications', h),
    interviews: weeks.get('interviews', h),
    offers: weeks.get('offers', h),
    rejections: weeks.get('rejections', h),
    resume_edits: weeks.get('resume_edits', h),
    history: Object.freeze(history),
  });
}

/** History weeks since the user's first application (their active weeks before this one). */
function activePastWeeks(ctx: WeeklyContext, state: UserState, weeks: UserWeeks): number[] {
  const h = ctx.settings.history_weeks;
  if (state.first_applied_at === null) return [];
  const first = Date.parse(`${state.first_applied_at.replace(' ', 'T')}Z`);
  const start = Date.parse(`${ctx.history_start.replace(' ', 'T')}Z`);
  const from = Math.max(0, Math.floor((first - start) / (7 * 86_400_000)));
  const out: number[] = [];
  for (let i = from; i < h; i++) out.push(weeks.get('applications', i));
  return out;
}

/** The activity section of a full report. */
export function activitySection(
  ctx: WeeklyContext,
  state: UserState,
  activity: WeekActivity,
  weeks: UserWeeks,
): WeeklySection {
  const s = ctx.settings;
  const a = s.analytics;
  const insights: Insight[] = [];
  const notes: string[] = [];
  const week = ctx.week.label;
  const past = activePastWeeks(ctx, state, weeks);
  const vsPast = weekAgainstHistory(activity.applications, past, s.min_history_weeks, a.alpha);
  const segment = state.seniority === null ? undefined : ctx.segments.get(state.seniority);
  if (vsPast === null) {
    notes.push(
      `${past.length} active week(s) before this one; a comparison with your own past needs ${s.min_history_weeks}`,
    );
  } else {
    const usual = activity.applications - vsPast.effect;
    const verdict =
      vsPast.interval[0] > 0
        ? 'more than usual'
        : vsPast.interval[1] < 0
          ? 'fewer than usual'
          : 'within your usual range';
    const peers =
      segment && segment.week_user_count >= a.k
        ? ` Users like you (${segment.seniority}) who applied this week sent ${(segment.week_applications / segment.week_user_count).toFixed(1)} on average.`
        : '';
    insights.push(
      makeInsight(state.user_id, week, {
        section: 'activity',
        type: 'activity_vs_own_past',
        subject: 'applications',
        title: `${plural(activity.applications, 'application')} this week: ${verdict}`,
        detail: `Your usual week: ${usual.toFixed(1)} applications; this week ${count(vsPast)} against it.${peers}`,
        evidence: vsPast,
        confidence: descriptiveConfidence(vsPast),
        action: null,
        source: 'applications by week',
      }),
    );
  }
  if (segment === undefined) {
    notes.push(
      state.seniority === null
        ? 'no seniority in your profile: no segment to compare with'
        : `fewer than ${a.k} users share your seniority: the segment is not shown`,
    );
  } else {
    const own = { x: state.recent_interviews, n: state.recent_applications };
    // The segment pools the user's own applications unless they opted out of market insights.
    const mine = state.opted_out_market_insights ? { x: 0, n: 0 } : own;
    const others = { x: segment.interviews - mine.x, n: segment.applications - mine.n };
    const vsSegment = rateDifference(
      own,
      others,
      a.min_sample,
      a.alpha,
      `two-proportion z test (unpooled Wald interval): your applications since ${ctx.history_start.slice(0, 10)} against those of the other ${segment.seniority} users`,
    );
    if (vsSegment === null) {
      notes.push(
        `${own.n} application(s) since ${ctx.history_start.slice(0, 10)}; a comparison with your segment needs ${a.min_sample}`,
      );
    } else {
      const word = !excludesZero(vsSegment)
        ? 'in line with'
        : vsSegment.effect > 0
          ? 'above'
          : 'below';
      insights.push(
        makeInsight(state.user_id, week, {
          section: 'activity',
          type: 'interview_rate_vs_segment',
          subject: `seniority:${segment.seniority}`,
          title: `Interview rate ${word} users like you`,
          detail: `${own.x} of your ${own.n} recent applications reached an interview (${((100 * own.x) / own.n).toFixed(0)}%); ${segment.seniority} users: ${((100 * others.x) / Math.max(1, others.n)).toFixed(0)}% of ${int(others.n)}. Difference ${points(vsSegment)}.`,
          evidence: vsSegment,
          confidence: descriptiveConfidence(vsSegment),
          action: null,
          source: `segment seniority=${segment.seniority}`,
        }),
      );
    }
  }
  return Object.freeze({
    name: 'activity',
    title: 'Your week',
    insights: Object.freeze(insights),
    notes: Object.freeze(notes),
  });
}
