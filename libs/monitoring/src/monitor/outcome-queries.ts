/**
 * The named queries of the model monitor: the outcomes that have arrived for the applications
 * it scores, and each user's first applications (the day-one evaluation). A store nothing was
 * ingested into has no facts yet and reads as no outcomes.
 */
import type { SqlSource } from '@hirelearn/store';

/** The outcome and monitored features of one application, from the facts. */
export interface ApplicationOutcome {
  /** 1 = reached an interview, 0 = closed without one, null = no outcome yet. */
  readonly y: 0 | 1 | null;
  readonly features: Readonly<Record<string, number | string | null>>;
}

const list = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/**
 * Outcomes that have arrived, by application id: "ever reached interview" from the facts
 * (a later rejection never erases it). An application submitted less than
 * `labelAfterDays` before the newest event has no label yet, whatever its status: quick
 * answers arrive first, so labelling young applications by what has arrived would inflate
 * the positive rate of recent windows and fake a calibration drift.
 */
export async function loadOutcomes(
  source: SqlSource,
  features: readonly string[],
  labelAfterDays: number,
): Promise<Map<string, ApplicationOutcome>> {
  const out = new Map<string, ApplicationOutcome>();
  // A store nothing was ingested into has no facts yet: no outcome has arrived.
  const columns = new Set(
    (
      await source.rows(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'applications'`,
      )
    ).map((r) => String(r.column_name)),
  );
  if (columns.size === 0) return out;
  // A feature is spelled into the SQL only once the catalogue has it as a column of the
  // facts, and comes back under an alias of its position (f0, f1, ...), never its own name.
  const unknown = features.filter((f) => !columns.has(f));
  if (unknown.length > 0) {
    throw new RangeError(`features: not columns of the applications facts: ${list(unknown)}`);
  }
  const cols = features.map((f, i) => `, ${f} AS f${i}`).join('');
  const rows = await source.rows(
    `SELECT application_id,
       CASE WHEN coalesce(submitted_at, created_at) > (SELECT max(occurred_at) FROM raw_events) - to_days($1::INTEGER) THEN NULL
         WHEN reached_interview THEN 1 WHEN final_status <> 'pending' THEN 0 END AS y${cols}
     FROM applications`,
    [labelAfterDays],
  );
  for (const r of rows) {
    const values: Record<string, number | string | null> = {};
    for (const [i, f] of features.entries()) {
      const v = r[`f${i}`];
      values[f] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
    }
    out.set(String(r.application_id), {
      y: r.y === null || r.y === undefined ? null : Number(r.y) === 1 ? 1 : 0,
      features: values,
    });
  }
  return out;
}

/**
 * Every user's first `horizon` applications, in submission order (the order the cold-start
 * evaluation reads them), by user id: what a day-one prediction of the user's rate is scored
 * on. Applications still pending are listed too; their outcome decides when they count.
 */
export async function loadFirstApplications(
  source: SqlSource,
  horizon: number,
): Promise<Map<string, readonly string[]>> {
  const out = new Map<string, string[]>();
  const tables = await source.rows(
    `SELECT 1 FROM information_schema.tables WHERE table_name = 'applications'`,
  );
  if (tables.length === 0) return out;
  const rows = await source.rows(
    `SELECT user_id, application_id FROM (
       SELECT user_id, application_id, row_number() OVER (PARTITION BY user_id
         ORDER BY coalesce(submitted_at, created_at), application_id) AS nth
       FROM applications)
     WHERE nth <= $1::INTEGER ORDER BY user_id, nth`,
    [horizon],
  );
  for (const r of rows) {
    const user = String(r.user_id);
    const ids = out.get(user);
    if (ids) ids.push(String(r.application_id));
    else out.set(user, [String(r.application_id)]);
  }
  return out;
}
