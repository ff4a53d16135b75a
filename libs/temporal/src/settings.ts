/** Settings of the temporal analyses; the spec's values are the defaults. */
export interface TemporalSettings {
  /** PELT penalty per change point (negative log-likelihood scale). Spec: 10. */
  readonly pelt_penalty: number;
  /** Shortest segment between change points, in days. Spec: 30. */
  readonly min_segment_days: number;
  /** A market shift smaller than this relative change of the level is counted, not listed. */
  readonly min_shift_relative_change: number;
  /** Years of monthly data before a yearly season is estimated. */
  readonly min_season_cycles: number;
  /** STL seasonal window (odd); the subseries have one point per year. */
  readonly stl_seasonal_window: number;
  /** Months ahead a forecast covers unless asked otherwise. */
  readonly forecast_months: number;
  /** Coverage of prediction intervals. */
  readonly interval_level: number;
  /** A season whose STL strength is below this is reported as weak. */
  readonly weak_season_strength: number;
}

export const DEFAULT_TEMPORAL_SETTINGS: TemporalSettings = Object.freeze({
  pelt_penalty: 10,
  min_segment_days: 30,
  min_shift_relative_change: 0.05,
  min_season_cycles: 2,
  stl_seasonal_window: 7,
  forecast_months: 3,
  interval_level: 0.95,
  weak_season_strength: 0.3,
});
