import type { Period } from './period';
import { type SqlSource } from '@hirelearn/store';

/**
 * The period a view reports. `all` is queried with placeholder bounds (1970-01-01 ..
 * 9999-12-31) that say nothing about the data; shown, it becomes the days the data covers:
 * from the day of the first event to the day after the last (the end stays exclusive, so
 * every event is inside). Other periods, and a store without events, are shown as given.
 */
export async function dataPeriod(db: SqlSource, period: Period): Promise<Period> {
  if (period.label !== 'all') return period;
  const [range] = await db.rows(
    `SELECT strftime(min(occurred_at)::DATE, '%Y-%m-%d 00:00:00') AS first_day,
            strftime(max(occurred_at)::DATE + 1, '%Y-%m-%d 00:00:00') AS after_last_day
     FROM raw_events`,
  );
  if (range?.first_day === null || range?.first_day === undefined) return period;
  return Object.freeze({
    label: period.label,
    start: String(range.first_day),
    end: String(range.after_last_day),
  });
}
