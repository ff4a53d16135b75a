/**
 * Settings of the nightly attribution run, frozen, with the spec's thresholds as defaults
 * (30 treated units, alpha 0.05, no HIGH above q = 0.05 — carried by the causal settings).
 */
import {
  causalSettings,
  CausalSettings,
  DEFAULT_CAUSAL_SETTINGS,
  DEFAULT_GRADING_SETTINGS,
  DEFAULT_REFUTER_SETTINGS,
  GradingSettings,
  RefuterSettings,
} from '@hirelearn/causal';

/** Submission hours [from, to) in UTC, tested each against the other hours. */
export interface HourBand {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

export interface AttributionSettings {
  readonly causal: CausalSettings;
  readonly refuters: RefuterSettings;
  readonly grading: GradingSettings;
  readonly hour_bands: readonly HourBand[];
}

export const DEFAULT_ATTRIBUTION_SETTINGS: AttributionSettings = Object.freeze({
  causal: causalSettings({ ...DEFAULT_CAUSAL_SETTINGS }),
  refuters: DEFAULT_REFUTER_SETTINGS,
  grading: DEFAULT_GRADING_SETTINGS,
  hour_bands: Object.freeze([
    Object.freeze({ name: 'night', from: 0, to: 6 }),
    Object.freeze({ name: 'morning', from: 6, to: 12 }),
    Object.freeze({ name: 'afternoon', from: 12, to: 18 }),
    Object.freeze({ name: 'evening', from: 18, to: 24 }),
  ]),
});

/** Frozen settings: the defaults overridden by `overrides`. */
export function attributionSettings(
  overrides: Partial<AttributionSettings> = {},
): AttributionSettings {
  return Object.freeze({ ...DEFAULT_ATTRIBUTION_SETTINGS, ...overrides });
}
