/**
 * Feedback-loop stability in the nightly (spec 15.3): a learner fed by what it recommended
 * narrows what users see. The delivered recommendations are the jobs users applied to (the
 * assistant proposes them) and their outcomes the interviews they reached; each loop's weekly
 * industry entropy goes through libs/safeguards' `feedbackLoopStability`, and a loop whose
 * diversity declines is a finding with the exploration rate to inject.
 */
import { windowBounds, type AnalysisWindow } from '@hirelearn/attribution';
import type { SqlSource } from '@hirelearn/store';
import {
  feedbackLoopStability,
  type CategoryEvent,
  type FeedbackLoopStability,
} from '@hirelearn/safeguards';
import { weeklyIndustryCounts } from './queries';
import type { NightlySettings } from './settings';

export interface LoopVerdict {
  /** `applications`: industries applied to; `interviews`: industries that reached interview. */
  readonly loop: 'applications' | 'interviews';
  readonly status: 'ok' | 'insufficient_data';
  readonly weeks: number;
  readonly events: number;
  readonly relative_decline: number | null;
  readonly declining: boolean;
  readonly exploration_rate: number | null;
  readonly reason: string;
}

export interface FeedbackCheck {
  readonly loops: readonly LoopVerdict[];
  /** One line per narrowing loop. */
  readonly findings: readonly string[];
}

function verdict(
  loop: LoopVerdict['loop'],
  events: readonly CategoryEvent[],
  settings: NightlySettings,
): LoopVerdict {
  const r = feedbackLoopStability(events, { min_weeks: settings.feedback_min_weeks });
  const weeks = new Set(events.map((e) => e.week)).size;
  if (r.status !== 'ok') {
    return {
      loop,
      status: 'insufficient_data',
      weeks,
      events: events.length,
      relative_decline: null,
      declining: false,
      exploration_rate: null,
      reason: r.message,
    };
  }
  const s: FeedbackLoopStability = r;
  return {
    loop,
    status: 'ok',
    weeks,
    events: events.length,
    relative_decline: s.relative_decline,
    declining: s.declining,
    exploration_rate: s.exploration_rate,
    reason: `industry entropy ${s.slope_bits_per_week >= 0 ? '+' : ''}${s.slope_bits_per_week.toFixed(4)} bits/week from ${s.fitted_start_bits.toFixed(3)}`,
  };
}

/** The two loops over the last `feedback_weeks` weeks before the window's end. */
export async function checkFeedbackLoops(
  source: SqlSource,
  window: AnalysisWindow,
  settings: NightlySettings,
): Promise<FeedbackCheck> {
  const [, until] = windowBounds(window);
  // The window's end, or the last submission when open: the weeks before it are read.
  const rows = await weeklyIndustryCounts(source, until, settings.feedback_weeks);
  const expand = (field: 'applications' | 'interviews') =>
    rows.flatMap((r) =>
      Array.from({ length: r[field] }, () => ({ week: r.week, category: r.category })),
    );
  const loops = [
    verdict('applications', expand('applications'), settings),
    verdict('interviews', expand('interviews'), settings),
  ];
  const findings = loops
    .filter((l) => l.declining)
    .map(
      (l) =>
        `feedback loop narrowing (${l.loop}): industry diversity fell ${(100 * (l.relative_decline ?? 0)).toFixed(1)}% over ${l.weeks} weeks; inject exploration at ${(100 * (l.exploration_rate ?? 0)).toFixed(0)}%`,
    );
  return { loops, findings };
}
