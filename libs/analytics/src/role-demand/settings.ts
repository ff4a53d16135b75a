/** Settings of role demand and industry insights (spec 4.5.3). */
export interface RoleDemandSettings {
  /** Months (the period's last ones with postings) the trend is fitted over. */
  readonly trend_months: number;
  /** A relative monthly trend within +-flat_band is 'flat'. */
  readonly flat_band: number;
  /** Months forecast ahead. */
  readonly forecast_months: number;
}

export const DEFAULT_ROLE_DEMAND_SETTINGS: RoleDemandSettings = Object.freeze({
  trend_months: 6,
  flat_band: 0.05,
  forecast_months: 3,
});
