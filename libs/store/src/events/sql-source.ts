/**
 * The read side of the event store that data-access modules (`*queries.ts`) take: run a read
 * query and get plain rows back. `EventStore` is one; a bench can pass a bare DuckDB connection.
 */
export interface SqlSource {
  rows(
    sql: string,
    params?: (string | number | boolean | null)[],
  ): Promise<Record<string, unknown>[]>;
}

/**
 * Users left out of every cross-user result: opted out of market insights (or of all), or a
 * profile that withheld the consent. Conservative: once out, out for the whole history.
 */
export const OPTED_OUT_USERS = `
  SELECT user_id FROM users GROUP BY user_id
  HAVING max(opted_out_market_insights_at) IS NOT NULL OR NOT bool_and(consent_market_insights)
  UNION
  SELECT user_id FROM raw_events WHERE event_type = 'USER_OPTED_OUT'
    AND json_extract_string(payload, '$.scope') IN ('market_insights', 'all')`;

/** The latest profile of each user. */
export const LATEST_PROFILE = `SELECT * FROM users WHERE valid_to IS NULL`;

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
