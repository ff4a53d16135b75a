import { type Degenerate, degenerate } from '../result';
import { shannonEntropy } from './entropy';
import { type ExplorationSettings, explorationRate, explorationSettings } from './exploration';
import { leastSquaresTrend } from './trend';

/** One recommendation (or application) event: the week it happened and the job category. */
export interface CategoryEvent {
  /** Week index (e.g. weeks since launch); need not be contiguous. */
  readonly week: number;
  readonly category: string;
}

export interface WeeklyEntropy {
  readonly week: number;
  readonly events: number;
  readonly categories: number;
  readonly entropy_bits: number;
  /** H / log₂ K with K the distinct categories over all weeks (0 when K = 1). */
  readonly normalized_entropy: number;
}

export interface FeedbackLoopSettings extends ExplorationSettings {
  /** Fewer weeks than this is `insufficient_data` (default 3). */
  readonly min_weeks: number;
}

export interface FeedbackLoopStability {
  readonly status: 'ok';
  readonly weeks: readonly WeeklyEntropy[];
  /** Least-squares slope of weekly entropy (bits per week). */
  readonly slope_bits_per_week: number;
  /** Fitted entropy at the first week, Ĥ_first = â + b̂ · w_first. */
  readonly fitted_start_bits: number;
  /**
   * D = max(0, −b̂ (w_last − w_first) / Ĥ_first): share of the starting diversity lost
   * along the trend; 0 when Ĥ_first ≤ 0.
   */
  readonly relative_decline: number;
  /** D > tolerance. */
  readonly declining: boolean;
  /** {@link explorationRate}(D). */
  readonly exploration_rate: number;
}

/** Shannon entropy of job categories per week, sorted by week. */
export function weeklyCategoryEntropy(
  events: readonly CategoryEvent[],
): readonly WeeklyEntropy[] | Degenerate {
  if (events.length === 0) return degenerate('empty_input', 'no events');
  const byWeek = new Map<number, Map<string, number>>();
  const all = new Set<string>();
  for (const e of events) {
    if (!Number.isFinite(e.week))
      return degenerate('invalid_value', `week ${e.week} is not finite`);
    const counts = byWeek.get(e.week) ?? new Map<string, number>();
    counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    byWeek.set(e.week, counts);
    all.add(e.category);
  }
  const maxBits = Math.log2(all.size);
  return [...byWeek.keys()]
    .sort((a, b) => a - b)
    .map((week) => {
      const counts = [...(byWeek.get(week) ?? new Map<string, number>()).values()];
      const h = shannonEntropy(counts);
      const bits = h.status === 'ok' ? h.entropy_bits : 0;
      return {
        week,
        events: counts.reduce((s, c) => s + c, 0),
        categories: counts.length,
        entropy_bits: bits,
        normalized_entropy: maxBits > 0 ? bits / maxBits : 0,
      };
    });
}

/**
 * Feedback-loop stability check (spec 15.3): a recommender that learns from its own clicks
 * narrows what users see. Weekly category entropy H_w, its least-squares trend
 * H_w ≈ â + b̂ w, the relative decline D over the observed weeks and the exploration rate
 * to inject for it (rule on {@link explorationRate}).
 */
export function feedbackLoopStability(
  events: readonly CategoryEvent[],
  settings: Partial<FeedbackLoopSettings> = {},
): FeedbackLoopStability | Degenerate {
  const { min_weeks: minWeeks = 3, ...rest } = settings;
  if (!(Number.isInteger(minWeeks) && minWeeks >= 2)) {
    throw new RangeError(`min_weeks must be an integer >= 2, got ${minWeeks}`);
  }
  const exploration = explorationSettings(rest);
  const weeks = weeklyCategoryEntropy(events);
  if ('status' in weeks) return weeks;
  if (weeks.length < minWeeks) {
    return degenerate('insufficient_data', `need ${minWeeks} weeks, got ${weeks.length}`);
  }
  const trend = leastSquaresTrend(
    weeks.map((w) => w.week),
    weeks.map((w) => w.entropy_bits),
  );
  if (trend.status !== 'ok') return trend;
  const first = weeks[0].week;
  const last = weeks[weeks.length - 1].week;
  const start = trend.intercept + trend.slope * first;
  const decline = start > 0 ? Math.max(0, (-trend.slope * (last - first)) / start) : 0;
  return {
    status: 'ok',
    weeks,
    slope_bits_per_week: trend.slope,
    fitted_start_bits: start,
    relative_decline: decline,
    declining: decline > exploration.tolerance,
    exploration_rate: explorationRate(decline, exploration),
  };
}
