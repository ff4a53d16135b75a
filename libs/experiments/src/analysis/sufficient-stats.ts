/**
 * Sufficient statistics of an experiment in ONE DuckDB query: per variant, the user count
 * and Σy, Σy² of every metric with Σx, Σx², Σxy of its pre-period value (CUPED), and for a
 * ratio metric Σd, Σd², Σyd of its denominator (the delta method) instead. The query
 * scans the exposures and the applications once and returns one row per variant, so the
 * analysis that follows costs O(variants), not O(events).
 */
import type { EventStore } from '@hirelearn/store';
import { VariantMoments } from '../stats/moments';
import { MetricDefinition } from './metrics';

export interface ExperimentData {
  readonly status: 'ok' | 'no_exposures' | 'no_facts';
  readonly reason: string;
  /** Moments per metric id, one entry per variant seen in the exposures. */
  readonly moments: Readonly<Record<string, readonly VariantMoments[]>>;
  /** Users per variant (single-variant users only). */
  readonly users: Readonly<Record<string, number>>;
  /** Users exposed to more than one variant: excluded from the analysis. */
  readonly multiple_exposures: number;
}

/** The SQL of the one query (exported for the bench and the docs). */
export function sufficientStatsSql(metrics: readonly MetricDefinition[], preDays: number): string {
  const cols = metrics
    .map((m, i) => {
      const y = `(${m.sql('post_')})`;
      // A ratio pulls its denominator d in place of the pre-period x (no CUPED on ratios).
      const [x, name] = m.denominator_sql
        ? [`(${m.denominator_sql('post_')})`, 'd']
        : [`(${m.sql('pre_')})`, 'x'];
      return [
        `sum(${y}) AS y${i}`,
        `sum(${y} * ${y}) AS yy${i}`,
        `sum(${x}) AS ${name}${i}`,
        `sum(${x} * ${x}) AS ${name}${name}${i}`,
        `sum(${x} * ${y}) AS ${name}y${i}`,
      ].join(', ');
    })
    .join(',\n    ');
  const days = Math.max(0, Math.floor(preDays));
  return `WITH exposures AS (
    SELECT user_id, min(occurred_at) AS exposed_at, min(variant_id) AS variant_id,
      min(variant_id) = max(variant_id) AS single
    FROM (SELECT user_id, occurred_at, j.experiment_id AS experiment_id, j.variant_id AS variant_id
          FROM (SELECT user_id, occurred_at,
                  json_transform(payload, '{"experiment_id":"VARCHAR","variant_id":"VARCHAR"}') AS j
                FROM raw_events WHERE event_type = 'EXPERIMENT_EXPOSURE'))
    WHERE experiment_id = $1
    GROUP BY user_id),
  per_user AS (
    SELECT e.user_id, CASE WHEN e.single THEN e.variant_id END AS variant_id,
      count(a.application_id) FILTER (WHERE a.t >= e.exposed_at) AS post_apps,
      count(a.application_id) FILTER (WHERE a.t >= e.exposed_at AND a.reached_interview) AS post_interviews,
      count(a.application_id) FILTER (WHERE a.t >= e.exposed_at AND a.reached_offer) AS post_offers,
      count(a.application_id) FILTER (WHERE a.t >= e.exposed_at AND a.ghosted) AS post_ghosted,
      count(a.application_id) FILTER (WHERE a.t < e.exposed_at) AS pre_apps,
      count(a.application_id) FILTER (WHERE a.t < e.exposed_at AND a.reached_interview) AS pre_interviews,
      count(a.application_id) FILTER (WHERE a.t < e.exposed_at AND a.reached_offer) AS pre_offers,
      count(a.application_id) FILTER (WHERE a.t < e.exposed_at AND a.ghosted) AS pre_ghosted
    FROM exposures e
    LEFT JOIN (SELECT application_id, user_id, coalesce(submitted_at, created_at) AS t,
                 reached_interview, reached_offer, ghosted FROM applications) a
      ON a.user_id = e.user_id AND a.t >= e.exposed_at - INTERVAL ${days} DAY
    GROUP BY e.user_id, e.variant_id, e.single)
  SELECT variant_id, count(*) AS n${cols ? ',\n    ' + cols : ''}
  FROM per_user GROUP BY variant_id ORDER BY variant_id NULLS LAST`;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Pulls the sufficient statistics of `experimentId` for `metrics`. */
export async function pullSufficientStats(
  store: EventStore,
  experimentId: string,
  metrics: readonly MetricDefinition[],
  preDays: number,
): Promise<ExperimentData> {
  const empty = { moments: {}, users: {}, multiple_exposures: 0 };
  const facts = await store.rows(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'applications'`,
  );
  if (num(facts[0]?.n) === 0) {
    return {
      status: 'no_facts',
      reason: 'the applications facts are not built: ingest first',
      ...empty,
    };
  }
  const rows = await store.rows(sufficientStatsSql(metrics, preDays), [experimentId]);
  const single = rows.filter((r) => r.variant_id !== null);
  const multiple = num(rows.find((r) => r.variant_id === null)?.n);
  if (single.length === 0) {
    return {
      status: 'no_exposures',
      reason: `no EXPERIMENT_EXPOSURE events for '${experimentId}'`,
      ...empty,
      multiple_exposures: multiple,
    };
  }
  const moments: Record<string, VariantMoments[]> = {};
  metrics.forEach((m, i) => {
    moments[m.metric_id] = single.map((r) => ({
      variant_id: String(r.variant_id),
      n: num(r.n),
      sum: num(r[`y${i}`]),
      sum_sq: num(r[`yy${i}`]),
      ...(m.denominator_sql
        ? {
            denominator: {
              sum: num(r[`d${i}`]),
              sum_sq: num(r[`dd${i}`]),
              sum_yd: num(r[`dy${i}`]),
            },
          }
        : { pre: { sum: num(r[`x${i}`]), sum_sq: num(r[`xx${i}`]), sum_xy: num(r[`xy${i}`]) } }),
    }));
  });
  return {
    status: 'ok',
    reason: '',
    moments,
    users: Object.fromEntries(single.map((r) => [String(r.variant_id), num(r.n)])),
    multiple_exposures: multiple,
  };
}
