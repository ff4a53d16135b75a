import type { JsonValue } from '@hirelearn/optimize';
import { parseLayerConfig, type ConfigLayer, type LayerConfigs } from './layers';
import { withParameter } from './parameter';

/**
 * One experiment's override of a layer's configuration, for a user the experiment enrolls:
 * the experiment's `parameter` and the value of the variant GrowthBook assigned the user
 * (the feature value of the experiment's id in the GrowthBook payload).
 */
export interface ConfigOverride {
  readonly parameter: string;
  readonly value: JsonValue;
}

/**
 * The configuration a layer uses for one user: the published config is the base, and each
 * experiment the user is in overrides its parameter (a variant's value wins over the
 * published one). The result must still pass the layer's schema, so a variant that breaks it
 * (weights not summing to 1) is refused naming the field instead of reaching users.
 */
export function effectiveConfig<L extends ConfigLayer>(
  layer: L,
  base: LayerConfigs[L],
  overrides: readonly ConfigOverride[],
): LayerConfigs[L] {
  let config: JsonValue = base as unknown as JsonValue;
  for (const o of overrides) config = withParameter(config, o.parameter, o.value);
  return parseLayerConfig(layer, config);
}
