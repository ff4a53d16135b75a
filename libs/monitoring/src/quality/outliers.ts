import type { SqlSource } from '@hirelearn/store';
import { fitIsolationForest, scoreIsolationForest } from '@hirelearn/safeguards';
import type { QualityFinding } from './finding';
import type { DataQualitySettings } from './settings';
import { featuresBefore, featuresBetween } from './quality-queries';
import { pct } from './temporal';

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
  const recent = await featuresBetween(source, eventType, recentFrom, until);
  if (recent.length === 0) return [];
  const reference = await featuresBefore(
    source,
    eventType,
    recentFrom,
    settings.outlier_reference_size,
  );
  const recentRows = recent.map((r) => r.x);
  // Fitted on the reference and the recent rows together, as isolation forests are: a point
  // outside the reference's range is then isolated by the splits its own presence allows.
  const fit = fitIsolationForest([...reference, ...recentRows], { seed: settings.outlier_seed });
  if (fit.status !== 'ok') return [];
  const scored = scoreIsolationForest(fit.model, recentRows);
  if (scored.status !== 'ok') return [];
  const flagged = recent
    .map((r, i) => ({ id: r.event_id, score: scored.scores[i] }))
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
