import type { SqlSource } from '@hirelearn/store';
import { EVENT_TYPES } from '@hirelearn/contract';
import { exampleIds, type QualityFinding, type QualityScope } from './finding';
import type { DataQualitySettings } from './settings';
import { pct } from './temporal';

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

/**
 * Capture and completeness against the spec's targets (capture > 99%, completeness > 95%).
 * Capture is the share of received events of a type that were stored rather than
 * quarantined: below target, the engine is learning from a biased sample, so it is critical.
 * Completeness is the share of stored events carrying an optional field the engine learns
 * from; below target the estimates that need it lose power, a warning.
 */
export async function checkCompleteness(
  source: SqlSource,
  scope: QualityScope,
  settings: DataQualitySettings,
): Promise<QualityFinding[]> {
  const findings: QualityFinding[] = [];
  // Per contract type, plus one rate over everything received ('*'): a line with no known
  // event type (unparseable, unknown type) cannot be charged to a type, only to the whole.
  const capture = await source.rows(
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
    [scope.since, settings.max_examples, scope.until],
  );
  for (const row of capture) {
    const stored = Number(row.stored ?? 0);
    const lost = Number(row.quarantined);
    const rate = stored / (stored + lost);
    if (rate >= settings.capture_target) continue;
    const what = row.event_type === '*' ? 'all' : String(row.event_type);
    findings.push({
      severity: 'critical',
      rule: 'capture_below_target',
      event_type: String(row.event_type),
      count: lost,
      examples: exampleIds(row.examples),
      message: `${pct(rate)} of ${what} events captured (${lost} quarantined); target > ${pct(settings.capture_target)}`,
    });
  }

  for (const field of settings.completeness_fields) {
    const [row] = await source.rows(
      `SELECT count(*) AS n, count(*) FILTER (WHERE v IS NULL) AS missing,
         (list(event_id ORDER BY event_id) FILTER (WHERE v IS NULL))[1:$3] AS examples
       FROM (SELECT event_id, j, nullif(json_extract(j, $4), 'null'::JSON) AS v
             FROM (SELECT event_id, payload::JSON AS j FROM raw_events
                   WHERE event_type = $1 AND occurred_at >= $2::TIMESTAMP AND occurred_at < $5::TIMESTAMP))
       WHERE ${field.when ?? 'true'}`,
      [field.event_type, scope.since, settings.max_examples, field.path, scope.until],
    );
    const n = Number(row?.n ?? 0);
    const missing = Number(row?.missing ?? 0);
    if (n === 0 || missing === 0) continue;
    const rate = 1 - missing / n;
    if (rate >= settings.completeness_target) continue;
    findings.push({
      severity: 'warning',
      rule: 'completeness_below_target',
      event_type: field.event_type,
      count: missing,
      examples: exampleIds(row.examples),
      message: `${field.path} present in ${pct(rate)} of ${n} ${field.event_type} events; target > ${pct(settings.completeness_target)}`,
    });
  }
  return findings;
}
