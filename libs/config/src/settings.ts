/** Settings of the configuration channel, frozen when it opens. */
export interface ConfigChannelSettings {
  /**
   * How often a watch reads the layer's head document to see versions published by other
   * processes (the CLI, the nightly) on the same store; a publish in this process is pushed
   * at once. 200 ms keeps a live push well inside the 1 s the layers are promised.
   */
  readonly watch_poll_ms: number;
}

/** How far the layer-6 fit weights may sum from 1 (room for rounding, not for a wrong weight). */
export const WEIGHTS_SUM_TOLERANCE = 1e-6;

/** Settings of the recommendations store. */
export interface RecommendationSettings {
  /**
   * An approval claims its recommendation ('approving'), publishes, then records the version.
   * A claim older than this with nothing published is a decider killed midway: the next
   * decision releases it. A publish takes milliseconds; a minute leaves room for a slow store.
   */
  readonly approval_claim_timeout_ms: number;
}

export function recommendationSettings(
  overrides: Partial<RecommendationSettings> = {},
): RecommendationSettings {
  return Object.freeze({
    approval_claim_timeout_ms: overrides.approval_claim_timeout_ms ?? 60_000,
  });
}

export function configChannelSettings(
  overrides: Partial<ConfigChannelSettings> = {},
): ConfigChannelSettings {
  return Object.freeze({
    watch_poll_ms: overrides.watch_poll_ms ?? 200,
  });
}
