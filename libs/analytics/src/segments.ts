import { suppressSmallCells } from '@hirelearn/safeguards';
import { rateOf, type Rate } from './rate';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './settings';
import { segmentCells } from './segment-queries';
import { type SqlSource } from '@hirelearn/store';

/** The profile fields users are segmented by. */
export const SEGMENT_DIMENSIONS = [
  'seniority',
  'target_role',
  'experience',
  'industry',
  'location',
] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

/** A mean with the number of users it averages. */
export interface Mean {
  readonly mean: number | null;
  readonly n: number;
}

/** A strategy mode or a habit, with its interview rate inside the segment. */
export interface SegmentPractice {
  readonly name: string;
  readonly user_count: number;
  readonly interview_rate: Rate;
  /** Rate minus the segment's pooled rate. */
  readonly lift: number | null;
}

/** The spec's `UserSegment`: users who share a profile value, and what worked for them. */
export interface UserSegment {
  readonly dimension: SegmentDimension;
  readonly value: string;
  readonly user_count: number;
  /** Mean over the segment's users (with at least one application) of their own rate. */
  readonly avg_interview_rate: number | null;
  /** All applications of the segment pooled. */
  readonly interview_rate: Rate;
  readonly applications_to_first_interview: Mean;
  readonly weeks_to_offer: Mean;
  /** Strategy modes whose rate beats the segment's, best first (each of at least k users). */
  readonly successful_strategies: readonly SegmentPractice[];
  /** Habits whose rate falls below the segment's, worst first (each of at least k users). */
  readonly common_pitfalls: readonly SegmentPractice[];
}

export interface UserSegments {
  readonly segments: readonly UserSegment[];
  readonly k: number;
  /** Segment cells and practice cells of fewer than k users, not shown. */
  readonly suppressed_cells: number;
  readonly excluded_opted_out_users: number;
}

/**
 * The dimensions asked for, as our own constants: a caller's string (a CLI argument, a request)
 * is only compared with them, so nothing but a name of SEGMENT_DIMENSIONS reaches the SQL.
 */
function knownDimensions(by: readonly string[]): readonly SegmentDimension[] {
  const unknown = by.filter((d) => !(SEGMENT_DIMENSIONS as readonly string[]).includes(d));
  if (unknown.length > 0) {
    throw new RangeError(
      `by: unknown segment dimension ${unknown.map((d) => JSON.stringify(d)).join(', ')}; use some of: ${SEGMENT_DIMENSIONS.join(', ')}`,
    );
  }
  return by.length === 0 ? SEGMENT_DIMENSIONS : SEGMENT_DIMENSIONS.filter((d) => by.includes(d));
}

/** `UserSegment`s by the given profile dimensions (all by default), k-anonymous. */
export async function userSegments(
  db: SqlSource,
  by: readonly SegmentDimension[] = SEGMENT_DIMENSIONS,
  settings: AnalyticsSettings = DEFAULT_ANALYTICS_SETTINGS,
): Promise<UserSegments> {
  const { cells, opted_out_users } = await segmentCells(db, knownDimensions(by));
  const shown = suppressSmallCells(cells, (r) => r.user_count, settings.k);
  let suppressed = shown.suppressed_cells;
  const segments = shown.cells.map((r): UserSegment => {
    const pooled = rateOf(r.x, r.n, settings.alpha);
    const practices = suppressSmallCells(
      r.practices.map((p) => {
        const rate = rateOf(p.x, p.n, settings.alpha);
        const lift = rate.rate !== null && pooled.rate !== null ? rate.rate - pooled.rate : null;
        return { practice: p.practice, user_count: p.user_count, interview_rate: rate, lift };
      }),
      (p) => p.user_count,
      settings.k,
    );
    suppressed += practices.suppressed_cells;
    const pick = (prefix: string, better: boolean) =>
      Object.freeze(
        practices.cells
          .filter((p) => p.practice.startsWith(prefix) && p.interview_rate.n >= settings.min_sample)
          .filter((p) => p.lift !== null && (better ? p.lift > 0 : p.lift < 0))
          .sort((a, b) => (better ? (b.lift ?? 0) - (a.lift ?? 0) : (a.lift ?? 0) - (b.lift ?? 0)))
          .map((p) =>
            Object.freeze({
              name: p.practice.slice(prefix.length),
              user_count: p.user_count,
              interview_rate: p.interview_rate,
              lift: p.lift,
            }),
          ),
      );
    return Object.freeze({
      dimension: r.dimension,
      value: r.value,
      user_count: r.user_count,
      avg_interview_rate: r.avg_interview_rate,
      interview_rate: pooled,
      applications_to_first_interview: Object.freeze({
        mean: r.apps_to_first_interview,
        n: r.apps_to_first_interview_n,
      }),
      weeks_to_offer: Object.freeze({ mean: r.weeks_to_offer, n: r.weeks_to_offer_n }),
      successful_strategies: pick('mode:', true),
      common_pitfalls: pick('pitfall:', false),
    });
  });
  return Object.freeze({
    segments: Object.freeze(segments),
    k: settings.k,
    suppressed_cells: suppressed,
    excluded_opted_out_users: opted_out_users,
  });
}
