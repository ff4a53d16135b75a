/**
 * The parts of a weekly run shared by every user, computed once: the effects that hold (from
 * the nightly's stored attribution), each segment's pooled figures, and the market around the
 * week. Per-user figures are then read in set-based batches (report.ts).
 */
import type { OutcomeAttribution } from '@hirelearn/attribution';
import { actionableEffects, type ActionableEffects } from './actions';
import { marketAround, type MarketSeriesWeek } from './market';
import { segmentFigures, type SegmentFigures } from './queries';
import { DEFAULT_WEEKLY_INSIGHTS_SETTINGS, type WeeklyInsightsSettings } from './settings';
import { shiftWeek, type IsoWeek } from './week';
import { type SqlSource } from '@hirelearn/store';

export interface WeeklyContext {
  readonly week: IsoWeek;
  /** Start of the first history week (`history_weeks` before the week). */
  readonly history_start: string;
  readonly settings: WeeklyInsightsSettings;
  readonly generated_at: string;
  readonly attribution_run_id: string | null;
  readonly effects: ActionableEffects;
  /** Segments of at least k users only: a smaller one is never shown. */
  readonly segments: ReadonlyMap<string, SegmentFigures>;
  /** Suppressed segments (fewer than k users). */
  readonly suppressed_segments: number;
  readonly market: ReadonlyMap<string, MarketSeriesWeek>;
}

export interface WeeklyContextInput {
  readonly week: IsoWeek;
  /** The nightly's stored attribution and its run id; null when none is stored. */
  readonly attribution: OutcomeAttribution | null;
  readonly attribution_run_id: string | null;
  readonly settings?: WeeklyInsightsSettings;
  /** The report's timestamp (defaults to the wall clock). */
  readonly now?: Date;
}

/** Reads the shared parts of a run over `db`. */
export async function weeklyContext(
  db: SqlSource,
  input: WeeklyContextInput,
): Promise<WeeklyContext> {
  const s = input.settings ?? DEFAULT_WEEKLY_INSIGHTS_SETTINGS;
  const historyStart = shiftWeek(input.week, -s.history_weeks).start;
  const all = await segmentFigures(db, historyStart, input.week);
  const shown = all.filter((g) => g.user_count >= s.analytics.k);
  return Object.freeze({
    week: input.week,
    history_start: historyStart,
    settings: s,
    generated_at: (input.now ?? new Date()).toISOString(),
    attribution_run_id: input.attribution_run_id,
    effects: actionableEffects(input.attribution, input.attribution_run_id, s),
    segments: new Map(shown.map((g) => [g.seniority, g])),
    suppressed_segments: all.length - shown.length,
    market: await marketAround(db, input.week, s),
  });
}
