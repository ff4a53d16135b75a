/**
 * The named queries of the data-quality checks (spec 15.1): each counts, in DuckDB, the events
 * of the window `since <= occurred_at < until` that break one rule, with up to `maxExamples`
 * event ids, so only the counts come back. Every value from outside is a parameter; the SQL
 * text is constant (the completeness condition and the feature list come from the code's own
 * settings, never from input).
 */
import { num, str, type SqlSource } from '@hirelearn/store';
import { EVENT_TYPES } from '@hirelearn/contract';
import { exampleIds, type QualityScope } from './finding';
import type { CompletenessField } from './settings';

const TS = '%Y-%m-%d %H:%M:%S';

/** Events checked against a rule, how many break it, and the first ids of those that do. */
export interface RuleCount {
  readonly checked: number;
  readonly bad: number;
  readonly examples: readonly string[];
}

/** A rule over all events of a window: nothing checked, nothing broken. */
const NONE: RuleCount = Object.freeze({ checked: 0, bad: 0, examples: [] });

const ruleCount = (r: Record<string, unknown> | undefined): RuleCount =>
  r === undefined
    ? NONE
    : { checked: num(r.checked), bad: num(r.bad), examples: exampleIds(r.examples) };

/** The window's "now" and the size of what is checked. */
export interface WindowMeta {
  /** The newest event before `until` (`YYYY-MM-DD HH:MM:SS`). */
  readonly as_of: string;
  /** `recent_days` before `as_of`: where the outlier score's recent window starts by default. */
  readonly recent_from: string;
  /** Events in the window. */
  readonly checked: number;
}

/**
 * The newest event before `until`, `recentDays` before it, and the events in the window; null
 * when no event is dated before `until`.
 */
export async function windowMeta(
  db: SqlSource,
  scope: QualityScope,
  recentDays: number,
): Promise<WindowMeta | null> {
  const [r] = await db.rows(
    `SELECT strftime(max(occurred_at), '${TS}') AS as_of,
       strftime(max(occurred_at) - to_days($1::INTEGER), '${TS}') AS recent_from,
       count(*) FILTER (WHERE occurred_at >= $2::TIMESTAMP) AS checked
     FROM raw_events WHERE occurred_at < $3::TIMESTAMP`,
    [recentDays, scope.since, scope.until],
  );
  if (r?.as_of == null) return null;
  return { as_of: str(r.as_of), recent_from: str(r.recent_from), checked: num(r.checked) };
}

/**
 * Events of `eventType` in the window and those dated before the first `anchorType` event of
 * their application (equal timestamps are in order).
 */
export async function eventsBeforeAnchor(
  db: SqlSource,
  eventType: string,
  anchorType: string,
  scope: QualityScope,
  maxExamples: number,
): Promise<RuleCount> {
  const [r] = await db.rows(
    `WITH anchor AS (
       SELECT application_id, min(occurred_at) AS at FROM raw_events
       WHERE event_type = $1 GROUP BY 1)
     SELECT count(*) AS checked,
       count(*) FILTER (WHERE e.occurred_at < a.at) AS bad,
       (list(e.event_id ORDER BY e.event_id) FILTER (WHERE e.occurred_at < a.at))[1:$4] AS examples
     FROM raw_events e JOIN anchor a USING (application_id)
     WHERE e.event_type = $2 AND e.occurred_at >= $3::TIMESTAMP AND e.occurred_at < $5::TIMESTAMP`,
    [anchorType, eventType, scope.since, maxExamples, scope.until],
  );
  return ruleCount(r);
}

/**
 * STATUS_CHANGED events of the window still waiting for their application `afterDays` before
 * `asOf` (`bad`), and the STATUS_CHANGED events stored in the window (`checked`).
 */
export async function pendingStatusChanges(
  db: SqlSource,
  scope: QualityScope,
  asOf: string,
  afterDays: number,
  maxExamples: number,
): Promise<RuleCount> {
  const [r] = await db.rows(
    `SELECT count(*) AS bad,
       (list(event_id ORDER BY occurred_at, event_id))[1:$3] AS examples,
       (SELECT count(*) FROM raw_events WHERE event_type = 'STATUS_CHANGED' AND occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP) AS checked
     FROM pending_events
     WHERE occurred_at >= $1::TIMESTAMP AND occurred_at < $2::TIMESTAMP - to_days($4::INTEGER)`,
    [scope.since, asOf, maxExamples, afterDays],
  );
  return ruleCount(r);
}

/** Events of `eventType` in the window and those naming a resume version no resume event describes. */
export async function unknownResumeVersions(
  db: SqlSource,
  eventType: string,
  scope: QualityScope,
  maxExamples: number,
): Promise<RuleCount> {
  const [r] = await db.rows(
    `WITH known AS (
       SELECT DISTINCT payload->>'$.resume_version_id' AS rv FROM raw_events
       WHERE event_type IN ('RESUME_SNAPSHOT', 'RESUME_REWRITTEN', 'SCORE_CHANGED'))
     SELECT count(*) AS checked, count(*) FILTER (WHERE k.rv IS NULL) AS bad,
       (list(e.event_id ORDER BY e.event_id) FILTER (WHERE k.rv IS NULL))[1:$3] AS examples
     FROM raw_events e LEFT JOIN known k ON k.rv = (e.payload->>'$.resume_version_id')
     WHERE e.event_type = $1 AND e.occurred_at >= $2::TIMESTAMP AND e.occurred_at < $4::TIMESTAMP`,
    [eventType, scope.since, maxExamples, scope.until],
  );
  return ruleCount(r);
}

/** Submissions in the window and those whose application was never created. */
export async function submittedWithoutCreated(
  db: SqlSource,
  scope: QualityScope,
  maxExamples: number,
): Promise<RuleCount> {
  const [r] = await db.rows(
    `WITH created AS (SELECT DISTINCT application_id FROM raw_events WHERE event_type = 'APPLICATION_CREATED')
     SELECT count(*) AS checked, count(*) FILTER (WHERE c.application_id IS NULL) AS bad,
       (list(e.event_id ORDER BY e.event_id) FILTER (WHERE c.application_id IS NULL))[1:$2] AS examples
     FROM raw_events e LEFT JOIN created c USING (application_id)
     WHERE e.event_type = 'APPLICATION_SUBMITTED' AND e.occurred_at >= $1::TIMESTAMP AND e.occurred_at < $3::TIMESTAMP`,
    [scope.since, maxExamples, scope.until],
  );
  return ruleCount(r);
}

/** The contract's event types as a SQL list (constants, so safe to inline). */
const KNOWN_TYPES = EVENT_TYPES.map((t) => `'${t}'`).join(', ');

/**
 * When a quarantined line says it happened: its `timestamp` when the line is JSON and the
 * field a time (a line refused for another field), else null (a torn or unreadable line:
 * then it is placed when it arrived, `quarantined_at`). Lines are charged to the window of
 * the events they would have been.
 */
const CLAIMED_TIME = `(CASE WHEN json_valid(try(decode(raw)))
  THEN try_cast(json_extract_string(try(decode(raw)), '$.timestamp') AS TIMESTAMPTZ) AT TIME ZONE 'UTC' END)`;

/** Of one event type (`*`: everything received), the events stored and the lines quarantined. */
export interface CaptureCount {
  readonly event_type: string;
  readonly stored: number;
  readonly quarantined: number;
  readonly examples: readonly string[];
}

/**
 * Stored and quarantined counts of the window, per contract type that lost a line, plus one
 * over everything received (`*`): a line with no known event type (unparseable, unknown type)
 * cannot be charged to a type, only to the whole.
 */
export async function captureCounts(
  db: SqlSource,
  scope: QualityScope,
  maxExamples: number,
): Promise<CaptureCount[]> {
  const rows = await db.rows(
    `WITH stored AS (
       SELECT event_type, count(*) AS n FROM raw_events
       WHERE occurred_at >= $1::TIMESTAMP AND occurred_at < $3::TIMESTAMP GROUP BY 1),
     lost AS (
       SELECT CASE WHEN event_type IN (${KNOWN_TYPES}) THEN event_type END AS event_type,
         coalesce(event_id, quarantine_id) AS example, quarantine_id
       FROM quarantine
       WHERE coalesce(${CLAIMED_TIME}, quarantined_at) >= $1::TIMESTAMP
         AND coalesce(${CLAIMED_TIME}, quarantined_at) < $3::TIMESTAMP),
     quarantined AS (
       SELECT coalesce(event_type, '*') AS event_type, count(*) AS n,
         (list(example ORDER BY quarantine_id))[1:$2] AS examples
       FROM lost GROUP BY GROUPING SETS ((event_type), ())
       HAVING event_type IS NOT NULL OR GROUPING(event_type) = 1)
     SELECT q.event_type, CASE WHEN q.event_type = '*' THEN (SELECT sum(n) FROM stored)
       ELSE coalesce(s.n, 0) END AS stored, q.n AS quarantined, q.examples
     FROM quarantined q LEFT JOIN stored s USING (event_type) ORDER BY q.event_type`,
    [scope.since, maxExamples, scope.until],
  );
  return rows.map((r) => ({
    event_type: str(r.event_type),
    stored: num(r.stored),
    quarantined: num(r.quarantined),
    examples: exampleIds(r.examples),
  }));
}

/**
 * Events of the field's type in the window that match its condition (`checked`) and those
 * without the field (`bad`: absent or JSON null).
 */
export async function missingField(
  db: SqlSource,
  field: CompletenessField,
  scope: QualityScope,
  maxExamples: number,
): Promise<RuleCount> {
  const [r] = await db.rows(
    `SELECT count(*) AS checked, count(*) FILTER (WHERE v IS NULL) AS bad,
       (list(event_id ORDER BY event_id) FILTER (WHERE v IS NULL))[1:$3] AS examples
     FROM (SELECT event_id, j, nullif(json_extract(j, $4), 'null'::JSON) AS v
           FROM (SELECT event_id, payload::JSON AS j FROM raw_events
                 WHERE event_type = $1 AND occurred_at >= $2::TIMESTAMP AND occurred_at < $5::TIMESTAMP))
     WHERE ${field.when ?? 'true'}`,
    [field.event_type, scope.since, maxExamples, field.path, scope.until],
  );
  return ruleCount(r);
}

/** A stream's count on one calendar day (`YYYY-MM-DD`). */
export interface TypeDayCount {
  readonly event_type: string;
  readonly day: string;
  readonly n: number;
}

/**
 * Per event type, the count of every calendar day of the log before `until`, from its first
 * event to the last complete day (the day of the newest event, or of `until`, is partial),
 * days without events included as 0; by type, then day.
 */
export async function dailyCountsByType(db: SqlSource, until: string): Promise<TypeDayCount[]> {
  const rows = await db.rows(
    `WITH ev AS (SELECT event_type, occurred_at FROM raw_events WHERE occurred_at < $1::TIMESTAMP),
     days AS (SELECT event_type, occurred_at::DATE AS day, count(*) AS n FROM ev GROUP BY ALL),
     span AS (
       SELECT min(occurred_at)::DATE AS lo,
         (least(max(occurred_at), $1::TIMESTAMP) - INTERVAL 1 DAY)::DATE AS hi FROM ev),
     cal AS (
       SELECT unnest(generate_series(lo::TIMESTAMP, hi::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day
       FROM span WHERE lo <= hi)
     SELECT t.event_type, strftime(c.day, '%Y-%m-%d') AS day, coalesce(d.n, 0) AS n
     FROM (SELECT DISTINCT event_type FROM days) t CROSS JOIN cal c
     LEFT JOIN days d ON d.event_type = t.event_type AND d.day = c.day
     ORDER BY t.event_type, c.day`,
    [until],
  );
  return rows.map((r) => ({ event_type: str(r.event_type), day: str(r.day), n: num(r.n) }));
}

/** The first `maxExamples` ids (in id order) of `eventType` events dated `from` .. `to` (days, inclusive). */
export async function eventIdsBetweenDays(
  db: SqlSource,
  eventType: string,
  from: string,
  to: string,
  maxExamples: number,
): Promise<string[]> {
  const [r] = await db.rows(
    `SELECT (list(event_id ORDER BY event_id))[1:$4] AS examples FROM raw_events
     WHERE event_type = $1 AND occurred_at::DATE BETWEEN $2::DATE AND $3::DATE`,
    [eventType, from, to, maxExamples],
  );
  return exampleIds(r?.examples);
}

/** Numeric columns of a submission the outlier forest looks at. */
const FEATURES = `coalesce(payload->>'$.context.fit_score', '0')::DOUBLE,
  coalesce(payload->>'$.context.resume_score', '0')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.technical', payload->>'$.context.fit_score')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.seniority', payload->>'$.context.fit_score')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.experience', payload->>'$.context.fit_score')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.signal', payload->>'$.context.fit_score')::DOUBLE,
  hour(occurred_at)::DOUBLE`;

/** An event and the outlier features of its payload (see `FEATURES`). */
export interface FeatureRow {
  readonly event_id: string;
  readonly x: readonly number[];
}

const features = (v: unknown): number[] => (v as unknown[]).map(Number);

/** The `eventType` events dated `from` <= t < `until`, with their features, by event id. */
export async function featuresBetween(
  db: SqlSource,
  eventType: string,
  from: string,
  until: string,
): Promise<FeatureRow[]> {
  const rows = await db.rows(
    `SELECT event_id, [${FEATURES}] AS x FROM raw_events
     WHERE event_type = $1 AND occurred_at >= $2::TIMESTAMP AND occurred_at < $3::TIMESTAMP
     ORDER BY event_id`,
    [eventType, from, until],
  );
  return rows.map((r) => ({ event_id: str(r.event_id), x: features(r.x) }));
}

/** The features of the newest `limit` `eventType` events dated before `before`. */
export async function featuresBefore(
  db: SqlSource,
  eventType: string,
  before: string,
  limit: number,
): Promise<number[][]> {
  const rows = await db.rows(
    `SELECT [${FEATURES}] AS x FROM raw_events
     WHERE event_type = $1 AND occurred_at < $2::TIMESTAMP
     ORDER BY occurred_at DESC, event_id LIMIT $3`,
    [eventType, before, limit],
  );
  return rows.map((r) => features(r.x));
}
