/**
 * @hirelearn/weekly-insights — the spec's `WeeklyInsights` (8.1): per user and ISO week, the
 * week's activity against the user's own past and their segment, what worked, the causal
 * actions that hold, the market, and next week's focus; each insight with its evidence.
 */
export { parseIsoWeek, isoWeekOf, shiftWeek, type IsoWeek, type IsoWeekParse } from './week';
export {
  DEFAULT_WEEKLY_INSIGHTS_SETTINGS,
  weeklyInsightsSettings,
  type WeeklyInsightsSettings,
} from './settings';
export type {
  Evidence,
  Insight,
  InsightType,
  SectionName,
  WeekActivity,
  WeekPoint,
  WeeklyInsights,
  WeeklyRefusal,
  WeeklySection,
  WeeklyStatus,
} from './types';
export { whyNotRecommended, type ActionEffect } from './actions';
export { weeklyContext, type WeeklyContext, type WeeklyContextInput } from './context';
export {
  weeklyInsightsForAll,
  weeklyInsightsForUser,
  weeklyRefusal,
  type WeeklySource,
} from './run';
export { renderWeekly, weeklyFileName, WEEKLY_FORMATS, type WeeklyFormat } from './render';
export { weeklyDeliveries, recommendedAction } from './delivery';
export { WeeklyReportWriter, type Delivered, type WeeklyWriterOptions } from './deliver';
