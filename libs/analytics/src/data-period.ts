import type { Period } from './period';
import { eventDays } from './period-queries';
import { type SqlSource } from '@hirelearn/store';

/**
 * The period a view reports. `all` is queried with placeholder bounds (1970-01-01 ..
 * 9999-12-31) that say nothing about the data; shown, it becomes the days the data covers:
 * from the day of the first event to the day after the last (the end stays exclusive, so
 * every event is inside). Other periods, and a store without events, are shown as given.
 */
export async function dataPeriod(db: SqlSource, period: Period): Promise<Period> {
  if (period.label !== 'all') return period;
  const days = await eventDays(db);
  if (days === null) return period;
  return Object.freeze({
    label: period.label,
    start: days.first_day,
    end: days.after_last_day,
  });
}
