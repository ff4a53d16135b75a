/** When the nightly treats an earlier run as dead, and what narrowing of a loop it reports. */
export interface NightlySettings {
  /**
   * A `running` run recorded by another host whose heartbeat is older than this is taken as
   * killed (on this host the recorded process id answers directly). Steps beat at every step
   * boundary, and the longest step (attribution on a year of data) takes minutes, not hours.
   */
  readonly stale_after_minutes: number;
  /** Weeks of the log the feedback-loop check reads, ending at the window's end. */
  readonly feedback_weeks: number;
  /** Fewer weeks with events than this is no verdict on a loop (`insufficient_data`). */
  readonly feedback_min_weeks: number;
}

export const DEFAULT_NIGHTLY_SETTINGS: NightlySettings = Object.freeze({
  stale_after_minutes: 180,
  feedback_weeks: 12,
  feedback_min_weeks: 4,
});

/** Merges and checks overrides; a bad value throws naming the field and the rule. */
export function nightlySettings(overrides: Partial<NightlySettings> = {}): NightlySettings {
  const s = { ...DEFAULT_NIGHTLY_SETTINGS, ...overrides };
  if (!(s.stale_after_minutes > 0)) {
    throw new RangeError(`stale_after_minutes must be > 0, got ${s.stale_after_minutes}`);
  }
  if (!(Number.isInteger(s.feedback_min_weeks) && s.feedback_min_weeks >= 2)) {
    throw new RangeError(`feedback_min_weeks must be an integer >= 2, got ${s.feedback_min_weeks}`);
  }
  if (!(Number.isInteger(s.feedback_weeks) && s.feedback_weeks >= s.feedback_min_weeks)) {
    throw new RangeError(
      `feedback_weeks must be an integer >= feedback_min_weeks (${s.feedback_min_weeks}), got ${s.feedback_weeks}`,
    );
  }
  return Object.freeze(s);
}
