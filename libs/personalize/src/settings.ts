/** Settings of the personalization, frozen when made: thresholds here, never literals in code. */
export interface PersonalizeSettings {
  /**
   * A segment (users of one seniority) with fewer users than this who share their data is
   * merged into `all`: a prior needs enough users for its between-user variance, and a
   * segment smaller than the analytics' k would let its figures be read back to a few people.
   */
  readonly min_segment_users: number;
  /**
   * The most pseudo-observations a prior may be worth. When the users of a segment differ no
   * more than their sampling noise explains (between-user variance <= 0), the moment estimate
   * of k is infinite: everyone gets the segment's value. Capped so it stays a number in JSON.
   */
  readonly max_prior_strength: number;
  /**
   * Expected interview lift (probability, 0.03 = 3 points) at which the planner tailors every
   * application; below it, the share tailored falls in proportion, to none at 0 or below.
   * Tailoring costs the user time: 3 points is about one more interview per 33 applications.
   */
  readonly full_tailoring_lift: number;
  /** Confidence grades of an attribution effect that may serve as a causal prior. */
  readonly causal_grades: readonly string[];
}

export const DEFAULT_PERSONALIZE_SETTINGS: PersonalizeSettings = Object.freeze({
  min_segment_users: 10,
  max_prior_strength: 10_000,
  full_tailoring_lift: 0.03,
  causal_grades: Object.freeze(['HIGH', 'MEDIUM']),
});

export function personalizeSettings(
  overrides: Partial<PersonalizeSettings> = {},
): PersonalizeSettings {
  const s = { ...DEFAULT_PERSONALIZE_SETTINGS, ...overrides };
  for (const [name, v] of Object.entries({
    min_segment_users: s.min_segment_users,
    max_prior_strength: s.max_prior_strength,
    full_tailoring_lift: s.full_tailoring_lift,
  })) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name}: ${v} must be a number > 0`);
  }
  return Object.freeze({ ...s, causal_grades: Object.freeze([...s.causal_grades]) });
}
