/** The three formats of a weekly report and the file each is written to. */
import { weeklyHtml } from './render-html';
import { weeklyMarkdown } from './render-markdown';
import type { WeeklyInsights } from './types';

export const WEEKLY_FORMATS = ['json', 'html', 'md'] as const;
export type WeeklyFormat = (typeof WEEKLY_FORMATS)[number];

/** The report in one format; `alpha` names the intervals' level in the text formats. */
export function renderWeekly(r: WeeklyInsights, format: WeeklyFormat, alpha: number): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (format === 'html') return weeklyHtml(r, alpha);
  return weeklyMarkdown(r, alpha);
}

/** Where a report goes under the output folder: one folder per user, one file per week. */
export function weeklyFileName(r: WeeklyInsights, format: WeeklyFormat): string {
  return `${r.user_id}/${r.week.label}.${format}`;
}
