/**
 * GrowthBook feature JSON for experiments: the payload a layer running a GrowthBook SDK loads
 * to serve exactly the variant hirelearn analyses. One feature per experiment, keyed by the
 * experiment id; users are hashed on the `id` attribute with hash version 2 and the
 * experiment's seed; `personalization_opt_out: true` users never match the rule.
 */
import type { FeatureDefinition, FeatureRule } from '@growthbook/growthbook';
import { Experiment, VariantValue } from '../types';

/** The attribute that carries the user id, and the one that carries the opt-out. */
export const HASH_ATTRIBUTE = 'id';
export const OPT_OUT_ATTRIBUTE = 'personalization_opt_out';

/** `{ features }`, the shape of GrowthBook's SDK payload. */
export interface GrowthBookPayload {
  readonly features: Readonly<Record<string, FeatureDefinition<VariantValue>>>;
}

function controlValue(e: Experiment): VariantValue {
  return e.variants[0].value;
}

/** The experiment's rule: an experiment while running, a forced value once shipped. */
function rules(e: Experiment): FeatureRule<VariantValue>[] {
  if (e.status === 'completed' && e.shipped_variant !== null) {
    const shipped = e.variants.find((v) => v.variant_id === e.shipped_variant);
    return shipped ? [{ id: `${e.experiment_id}-shipped`, force: shipped.value }] : [];
  }
  if (e.status !== 'running') return [];
  return [
    {
      id: e.experiment_id,
      key: e.experiment_id,
      seed: e.seed,
      hashVersion: e.hash_version,
      hashAttribute: HASH_ATTRIBUTE,
      coverage: e.coverage,
      weights: e.variants.map((v) => v.allocation),
      variations: e.variants.map((v) => v.value),
      meta: e.variants.map((v) => ({ key: v.variant_id, name: v.variant_id })),
      condition: { [OPT_OUT_ATTRIBUTE]: { $ne: true } },
      ...(e.namespace ? { namespace: [...e.namespace] as [string, number, number] } : {}),
    },
  ];
}

/** The GrowthBook feature definition of one experiment. */
export function featureDefinition(e: Experiment): FeatureDefinition<VariantValue> {
  return { defaultValue: controlValue(e), rules: rules(e) };
}

/** The SDK payload for a set of experiments. */
export function growthbookPayload(experiments: readonly Experiment[]): GrowthBookPayload {
  return {
    features: Object.fromEntries(experiments.map((e) => [e.experiment_id, featureDefinition(e)])),
  };
}
