import type { SqlSource } from '@hirelearn/store';
import { fitIsolationForest, scoreIsolationForest } from '@hirelearn/safeguards';
import type { QualityFinding } from './finding';
import type { DataQualitySettings } from './settings';
import { pct } from './temporal';

/** Numeric columns of a submission the forest looks at. */
const FEATURES = `coalesce(payload->>'$.context.fit_score', '0')::DOUBLE,
  coalesce(payload->>'$.context.resume_score', '0')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.technical', payload->>'$.context.fit_score')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.seniority', payload->>'$.context.fit_score')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.experience', payload->>'$.context.fit_score')::DOUBLE,
  coalesce(payload->>'$.context.fit_components.signal', payload->>'$.context.fit_score')::DOUBLE,
  hour(occurred_at)::DOUBLE`;

/**
 * An isolation-forest outlier score for recent submissions: the forest is fitted on the
 * submissions just before the recent window (what "normal" looked like) plus the recent ones,
 * and scores the recent ones; scores near 1 are isolated in few splits. Valid events can still be strange
 * (a fit score of 100 with every component 0), which schema checks cannot see. An outlier is
 * information for a person, not a defect: `info`, or a `warning` when more than 5% are.
 */
export async function checkOutliers(
  source: SqlSource,
  recentFrom: string,
  until: string,
  settings: DataQualitySettings,
): Promise<QualityFinding[]> {
  const eventType = 'APPLICATION_SUBMITTED';
  const recent = await source.rows(
    `SELECT event_id, [${FEATURES}] AS x FROM raw_events
     WHERE event_type = $1 AND occurred_at >= $2::TIMESTAMP AND occurred_at < $3::TIMESTAMP
     ORDER BY event_id`,
    [eventType, recentFrom, until],
  );
  if (recent.length === 0) return [];
  const reference = await source.rows(
    `SELECT [${FEATURES}] AS x FROM raw_events
     WHERE event_type = $1 AND occurred_at < $2::TIMESTAMP
     ORDER BY occurred_at DESC, event_id LIMIT $3`,
    [eventType, recentFrom, settings.outlier_reference_size],
  );
  const rows = (r: Record<string, unknown>[]) => r.map((x) => (x.x as unknown[]).map(Number));
  // Fitted on the reference and the recent rows together, as isolation forests are: a point
  // outside the reference's range is then isolated by the splits its own presence allows.
  const fitRows = [...rows(reference), ...rows(recent)];
  const fit = fitIsolationForest(fitRows, { seed: settings.outlier_seed });
  if (fit.status !== 'ok') return [];
  const scored = scoreIsolationForest(fit.model, rows(recent));
  if (scored.status !== 'ok') return [];
  const flagged = recent
    .map((r, i) => ({ id: String(r.event_id), score: scored.scores[i] }))
    .filter((r) => r.score >= settings.outlier_score)
    .sort((a, b) => b.score - a.score);
  if (flagged.length === 0) return [];
  const share = flagged.length / recent.length;
  return [
    {
      severity: share > 0.05 ? 'warning' : 'info',
      rule: 'outlier_score',
      event_type: eventType,
      count: flagged.length,
      examples: flagged.slice(0, settings.max_examples).map((f) => f.id),
      message: `${flagged.length} of ${recent.length} recent submissions (${pct(share)}) have an isolation-forest score >= ${settings.outlier_score} (max ${flagged[0].score.toFixed(2)})`,
    },
  ];
}
