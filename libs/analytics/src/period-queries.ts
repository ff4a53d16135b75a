/** The named query of the days the store's events cover (what `all` is shown as). */
import { str, type SqlSource } from '@hirelearn/store';

/** The first day with an event and the day after the last, as `YYYY-MM-DD 00:00:00`. */
export interface EventDays {
  readonly first_day: string;
  readonly after_last_day: string;
}

/** The days the events cover; null when the store holds no event. */
export async function eventDays(db: SqlSource): Promise<EventDays | null> {
  const [range] = await db.rows(
    `SELECT strftime(min(occurred_at)::DATE, '%Y-%m-%d 00:00:00') AS first_day,
            strftime(max(occurred_at)::DATE + 1, '%Y-%m-%d 00:00:00') AS after_last_day
     FROM raw_events`,
  );
  if (range?.first_day === null || range?.first_day === undefined) return null;
  return { first_day: str(range.first_day), after_last_day: str(range.after_last_day) };
}
