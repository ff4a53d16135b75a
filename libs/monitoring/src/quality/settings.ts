/** A field whose presence is measured, as a JSON path inside the payload of one event type. */
export interface CompletenessField {
  readonly event_type: string;
  /** JSONPath as DuckDB reads it, e.g. `$.context.fit_components`. */
  readonly path: string;
  /** Only events matching this SQL condition on the payload `j` (JSON) count; e.g. not ghosted. */
  readonly when?: string;
}

/** Thresholds of the data-quality checks (spec 15.1); frozen defaults below. */
export interface DataQualitySettings {
  /** Share of events broken by a temporal or referential rule above which it is critical. */
  readonly critical_share: number;
  /** Capture target: stored / (stored + quarantined) per event type must exceed this. */
  readonly capture_target: number;
  /** Completeness target per measured field. */
  readonly completeness_target: number;
  /** Fields whose completeness is measured (required fields are enforced at ingest). */
  readonly completeness_fields: readonly CompletenessField[];
  /** A STATUS_CHANGED still pending this many days after the newest event is a finding. */
  readonly pending_after_days: number;
  /**
   * Volume: the weeks of history a stream's day is judged against. A flowing stream's day is
   * compared with the same weekday of these weeks; an intermittent stream's active day with
   * its busiest day in them.
   */
  readonly volume_reference_weeks: number;
  /** Fewest weeks of history (after the warm-up) before a stream's days are judged. */
  readonly volume_min_reference: number;
  /**
   * Warm-up: the first this many days after a type's first event are neither judged nor used
   * as reference. A log that starts from nothing ramps up (users sign up, responses follow
   * applications by days), and growth from zero is not an anomaly.
   */
  readonly volume_warmup_days: number;
  /**
   * A stream "flows" on a day when it had events on at least this share of the days of its
   * reference weeks before (a continuous stream, weekends included or not). Batch and sparse
   * streams do not flow: they are judged on their active days only, never critical.
   */
  readonly volume_flowing_share: number;
  /** |robust z| of a day's count at or above which it is a warning (spike or drop). */
  readonly volume_warning_z: number;
  /** A flowing stream's day at or below this share of its expected count is low. */
  readonly volume_low_share: number;
  /**
   * Critical (lost or broken data): a span of consecutive low days of a flowing stream whose
   * total is at most (1 − this) of what was expected, with a robust z of the span's total at
   * or below −`volume_critical_z`, lasting at least `volume_critical_min_days` low days,
   * while the other flowing streams kept at least `volume_others_flow_share` of theirs.
   */
  readonly volume_critical_drop: number;
  readonly volume_critical_z: number;
  readonly volume_critical_min_days: number;
  readonly volume_others_flow_share: number;
  /**
   * A stream that fell and has not come back is critical while its fall is at most this many
   * days before the window's end (an outage in progress). Older, it is a warning: a stream
   * that ended (an experiment or a sign-up campaign over, a retired event type) is not lost
   * data, and the gate blocked on it while it was fresh.
   */
  readonly volume_stop_days: number;
  /** Event types not judged by volume (an operator's choice; empty by default). */
  readonly volume_exempt_types: readonly string[];
  /** Changes smaller than this many events are never flagged (low counts are noisy). */
  readonly volume_min_change: number;
  /** Without `since`, the outlier score looks at this many days before the newest event. */
  readonly recent_days: number;
  /** Isolation-forest score at or above which a recent application is an outlier. */
  readonly outlier_score: number;
  /** Reference applications the forest is fitted on (the newest before the recent window). */
  readonly outlier_reference_size: number;
  readonly outlier_seed: number;
  readonly max_examples: number;
  /** An acknowledgement without an explicit end expires this many days after it is made. */
  readonly acknowledgement_days: number;
  /** No acknowledgement may run longer than this many days: a finding is never silenced for good. */
  readonly acknowledgement_max_days: number;
}

export const DEFAULT_DATA_QUALITY_SETTINGS: DataQualitySettings = Object.freeze({
  critical_share: 0.01,
  capture_target: 0.99,
  completeness_target: 0.95,
  completeness_fields: Object.freeze([
    { event_type: 'APPLICATION_SUBMITTED', path: '$.context.fit_components' },
    { event_type: 'APPLICATION_SUBMITTED', path: '$.context.job_characteristics.industry' },
    { event_type: 'APPLICATION_SUBMITTED', path: '$.context.job_characteristics.company_size' },
    { event_type: 'APPLICATION_CREATED', path: '$.context.fit_components' },
    {
      event_type: 'STATUS_CHANGED',
      path: '$.outcome.days_to_response',
      when: `j->>'$.outcome.status' <> 'ghosted'`,
    },
    { event_type: 'RESUME_REWRITTEN', path: '$.edit_types' },
    { event_type: 'USER_PROFILE_UPDATED', path: '$.profile.years_experience' },
  ]),
  pending_after_days: 7,
  volume_reference_weeks: 8,
  volume_min_reference: 4,
  volume_warmup_days: 28,
  volume_flowing_share: 0.6,
  volume_warning_z: 4,
  volume_low_share: 0.5,
  volume_critical_drop: 0.8,
  volume_critical_z: 8,
  volume_critical_min_days: 1,
  volume_others_flow_share: 0.5,
  volume_stop_days: 28,
  volume_min_change: 20,
  volume_exempt_types: Object.freeze([]),
  recent_days: 7,
  outlier_score: 0.65,
  outlier_reference_size: 2000,
  outlier_seed: 17,
  max_examples: 5,
  acknowledgement_days: 7,
  acknowledgement_max_days: 90,
});

export function dataQualitySettings(
  overrides: Partial<DataQualitySettings> = {},
): DataQualitySettings {
  return Object.freeze({ ...DEFAULT_DATA_QUALITY_SETTINGS, ...overrides });
}
