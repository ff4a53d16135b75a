/** Settings of company hiring velocity (spec 4.5.3); the spec's weights and cut-offs are the defaults. */
export interface CompanyVelocitySettings {
  /** Weights of the three parts; they sum to 1. Without signals the other two are rescaled. */
  readonly weights: {
    readonly postings_trend: number;
    readonly signals: number;
    readonly recency: number;
  };
  /** Urgency cut-offs on velocity: high at or above `high`, medium at or above `medium`. */
  readonly urgency: { readonly high: number; readonly medium: number };
  /** Months of postings (ending at the data's last day) the trend is fitted over. */
  readonly trend_months: number;
  /** A relative monthly growth this much above the market's scores 1 (below, 0; level, 0.5). */
  readonly trend_saturation: number;
  /** Recency compares the pace of the last this-many days with the window's pace. */
  readonly recency_days: number;
  /** Signals older than this (days before the data's last day) are not read. */
  readonly signal_days: number;
  /** Headcount growth over the signal window that scores 1 (its negative 0). */
  readonly headcount_saturation: number;
  /** Ratings are on 1..rating_max. */
  readonly rating_max: number;
}

export const DEFAULT_COMPANY_VELOCITY_SETTINGS: CompanyVelocitySettings = Object.freeze({
  weights: Object.freeze({ postings_trend: 0.4, signals: 0.3, recency: 0.3 }),
  urgency: Object.freeze({ high: 0.7, medium: 0.4 }),
  trend_months: 6,
  trend_saturation: 0.25,
  recency_days: 30,
  signal_days: 180,
  headcount_saturation: 0.2,
  rating_max: 5,
});
