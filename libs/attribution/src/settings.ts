/**
 * Settings of the nightly attribution run, frozen, with the spec's thresholds as defaults
 * (30 treated units, alpha 0.05, no HIGH above q = 0.05 — carried by the causal settings).
 */
import { availableParallelism } from 'node:os';
import {
  causalSettings,
  CausalSettings,
  DEFAULT_CAUSAL_SETTINGS,
  DEFAULT_GRADING_SETTINGS,
  DEFAULT_REFUTER_SETTINGS,
  GradingSettings,
  RefuterSettings,
  type RdBandwidthMethod,
} from '@hirelearn/causal';

/** Submission hours [from, to) in UTC, tested each against the other hours. */
export interface HourBand {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The strategy-threshold regression discontinuity. The contract (shared/contract/EVENTS.md)
 * names the modes but not the rule; the strategy engine's rule is IMPROVE_RESUME_FIRST below
 * resume score 60, BALANCED below 80 (libs/sim `strategy.improveThreshold` /
 * `aggressiveThreshold`, truth.json `regression_discontinuity`). 80 has no planted jump: a placebo.
 */
export interface RdStudySettings {
  /** The treatment's name in the output. */
  readonly name: string;
  readonly cutoff: number;
  /** Cutoffs where no jump is expected: each is a refuter. */
  readonly placebo_cutoffs: readonly number[];
  /** Half-width (score points) of the window of the density test at the cutoff. */
  readonly density_window: number;
  /**
   * Data-driven bandwidth: rdrobust's MSE-optimal ('mserd', default: 9–11 score points on the
   * simulated worlds, intervals half as wide) or Imbens-Kalyanaraman ('ik': 1–2 points there).
   */
  readonly bandwidth_method: RdBandwidthMethod;
}

/** Resume edits as difference-in-differences over users' before/after application streams. */
export interface DidStudySettings {
  /**
   * The period of the two-way fixed effects (user × period). Month by default: the panel has
   * users × periods rows, and `didTwoWayFe` spreads whole columns into `Math.max`, which
   * overflows the stack beyond ~100k rows (weeks of a 3,000-user year come near that).
   */
  readonly period: 'week' | 'month';
  /** Pre-trend test: a placebo treatment in the periods just before a user's first treated one. */
  readonly pre_trend_periods: number;
  /**
   * Adjust for the other edits carried (their share in each user-period): users who make one
   * edit often make others in the months around it, which a plain DiD adds to this edit.
   */
  readonly adjust_for_other_edits: boolean;
}

/** The headline of an adjusted estimate beside design-based ones (headline.ts). */
export interface HeadlineSettings {
  /**
   * 'span' (default): when a design-based estimate lies outside the adjusted interval, publish
   * the interval spanning both; 'adjusted': always the adjusted estimate (before issue 12).
   */
  readonly policy: 'span' | 'adjusted';
  /** The design-based estimates compared: the randomized-suggestion IV, each edit's DiD study. */
  readonly designs: readonly ('iv_2sls' | 'did')[];
}

export const DEFAULT_HEADLINE_SETTINGS: HeadlineSettings = Object.freeze({
  policy: 'span',
  designs: Object.freeze(['iv_2sls', 'did'] as const),
});

export interface AttributionSettings {
  readonly causal: CausalSettings;
  readonly refuters: RefuterSettings;
  readonly grading: GradingSettings;
  readonly hour_bands: readonly HourBand[];
  readonly rd: RdStudySettings;
  readonly did: DidStudySettings;
  readonly headline: HeadlineSettings;
  /**
   * Worker threads the treatments' analyses are spread over (they are independent): 1 runs them
   * on the calling thread. The effects are the same either way, in the same order.
   */
  readonly workers: number;
  /**
   * The young generation of each worker thread's heap, in MB (V8's default is a few MB). Every
   * fit and refit allocates arrays of one value per row (scores, weights, predictions, subsets)
   * that die within the fit; with room for a fit's worth of them the scavenger frees them
   * cheaply instead of promoting them to the old generation's mark-compact (README: Time).
   */
  readonly worker_young_generation_mb: number;
}

export const DEFAULT_ATTRIBUTION_SETTINGS: AttributionSettings = Object.freeze({
  // Crump et al.'s overlap region, trimmed to: rare timing treatments (weekend days, night)
  // have small but alike propensities that fixed [0.05, 0.95] bounds would refuse.
  causal: causalSettings({ ...DEFAULT_CAUSAL_SETTINGS, overlap_rule: 'crump', trim: true }),
  refuters: DEFAULT_REFUTER_SETTINGS,
  grading: DEFAULT_GRADING_SETTINGS,
  hour_bands: Object.freeze([
    Object.freeze({ name: 'night', from: 0, to: 6 }),
    Object.freeze({ name: 'morning', from: 6, to: 12 }),
    Object.freeze({ name: 'afternoon', from: 12, to: 18 }),
    Object.freeze({ name: 'evening', from: 18, to: 24 }),
  ]),
  rd: Object.freeze({
    name: 'strategy_mode_at_threshold',
    cutoff: 60,
    placebo_cutoffs: Object.freeze([80]),
    density_window: 2,
    bandwidth_method: 'mserd',
  }),
  did: Object.freeze({ period: 'month', pre_trend_periods: 2, adjust_for_other_edits: true }),
  headline: DEFAULT_HEADLINE_SETTINGS,
  workers: Math.min(2, availableParallelism()),
  worker_young_generation_mb: 96,
});

/** Frozen settings: the defaults overridden by `overrides`. */
export function attributionSettings(
  overrides: Partial<AttributionSettings> = {},
): AttributionSettings {
  const workers = overrides.workers;
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
    throw new RangeError(`attribution settings: workers must be an integer >= 1, got ${workers}`);
  }
  const young = overrides.worker_young_generation_mb;
  if (young !== undefined && !(Number.isInteger(young) && young >= 1)) {
    throw new RangeError(
      `attribution settings: worker_young_generation_mb must be an integer >= 1, got ${young}`,
    );
  }
  return Object.freeze({ ...DEFAULT_ATTRIBUTION_SETTINGS, ...overrides });
}
