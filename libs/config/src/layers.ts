import { InvalidArgumentError } from '@hirelearn/rpc';
import { IDENTITY_SCORE_MAP } from '@hirelearn/optimize';
import { z } from 'zod';
import { WEIGHTS_SUM_TOLERANCE } from './settings';

/**
 * The configuration each consuming layer reads from the channel, one zod schema per layer
 * (spec 9.1-9.3). Every schema is strict: a field it does not know is refused, so a
 * recommendation naming a parameter no layer reads fails before it is published. The
 * defaults are version 0 of each layer: what a layer runs with before anything is published,
 * equal to what the strategy engine, the planner and the fit score do today.
 */

export const CONFIG_LAYERS = [2, 5, 6] as const;
export type ConfigLayer = (typeof CONFIG_LAYERS)[number];

const score = z.number().min(0).max(100);
const weight = z.number().min(0).max(1);

/** Layer 2, the strategy engine (9.1). */
export const strategyEngineConfigSchema = z
  .object({
    /** Resume score below which the engine is in IMPROVE_RESUME_FIRST (11.2). */
    mode_threshold: score,
    /** Resume score from which the engine applies aggressively. */
    aggressive_threshold: score,
    /** Relative share of each mode's daily application effort (StrategyMode -> weight). */
    mode_weights: z.record(z.string().min(1), z.number().min(0)),
    /** Resume edits the engine suggests first, in order (edit types, no repeats). */
    resume_edit_priority: z
      .array(z.string().min(1))
      .refine((a) => new Set(a).size === a.length, { message: 'must not repeat an edit type' }),
    /**
     * The resume-score calibration (5.2) the engine reads scores through: knots of raw score
     * -> interview probability, interpolated between, both non-decreasing (a monotone map);
     * the identity (score / 100) until a calibration is published. The calibration optimizer's
     * ScoreCalibrationMap, as it recommends it.
     */
    score_calibration_map: z
      .object({
        knots: z
          .array(z.object({ score, probability: weight }).strict())
          .min(1)
          .refine(
            (a) =>
              a.every(
                (k, i) =>
                  i === 0 || (k.score >= a[i - 1].score && k.probability >= a[i - 1].probability),
              ),
            {
              message: 'must be sorted by score with a non-decreasing probability (a monotone map)',
            },
          ),
      })
      .strict(),
  })
  .strict()
  .refine((c) => c.mode_threshold < c.aggressive_threshold, {
    message: 'must be above mode_threshold',
    path: ['aggressive_threshold'],
  });
export type StrategyEngineConfig = z.infer<typeof strategyEngineConfigSchema>;

/** The planner's day codes, as the timing optimizer writes them (its DAY_CODES; a spec checks they agree). */
export const PLANNER_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Layer 5, the planner (9.3). */
export const planningConfigSchema = z
  .object({
    applications_per_week: z.number().int().min(1).max(100),
    /** Days the planner submits on; all seven when timing makes no difference (5.4). */
    submission_days: z
      .array(z.enum(PLANNER_DAYS))
      .min(1)
      .refine((a) => new Set(a).size === a.length, { message: 'must not repeat a day' }),
    /** Hours (UTC, [start, end)) the planner submits in. */
    submission_hours: z
      .object({ start: z.number().int().min(0).max(23), end: z.number().int().min(1).max(24) })
      .strict()
      .refine((h) => h.start < h.end, { message: 'start must be before end', path: ['start'] }),
    /** Days after a submission without an answer before the planner follows up. */
    follow_up_days: z.number().int().min(1).max(60),
  })
  .strict();
export type PlanningConfig = z.infer<typeof planningConfigSchema>;

/** Layer 6, job discovery's fit score (9.2). */
export const fitWeightsConfigSchema = z
  .object({
    weights: z
      .object({ technical: weight, seniority: weight, experience: weight, signal: weight })
      .strict()
      .refine(
        (w) =>
          Math.abs(w.technical + w.seniority + w.experience + w.signal - 1) <=
          WEIGHTS_SUM_TOLERANCE,
        { message: 'technical + seniority + experience + signal must sum to 1' },
      ),
    /** Jobs scoring below this are not proposed. */
    min_fit_score: score,
  })
  .strict();
export type FitWeightsConfig = z.infer<typeof fitWeightsConfigSchema>;

export interface LayerConfigs {
  readonly 2: StrategyEngineConfig;
  readonly 5: PlanningConfig;
  readonly 6: FitWeightsConfig;
}
export type LayerConfig = LayerConfigs[ConfigLayer];

export const LAYER_SCHEMAS: { readonly [L in ConfigLayer]: z.ZodType<LayerConfigs[L]> } = {
  2: strategyEngineConfigSchema,
  5: planningConfigSchema,
  6: fitWeightsConfigSchema,
};

/** What each layer is called in messages. */
export const LAYER_NAMES: { readonly [L in ConfigLayer]: string } = {
  2: 'StrategyEngineConfig',
  5: 'PlanningConfig',
  6: 'FitWeightsConfig',
};

/** Version 0 of each layer: today's behaviour (the simulator's strategy engine and fit score). */
export const DEFAULT_CONFIGS: LayerConfigs = deepFreeze({
  2: {
    mode_threshold: 60,
    aggressive_threshold: 80,
    mode_weights: { IMPROVE_RESUME_FIRST: 0.12, BALANCED: 0.3, APPLY_AGGRESSIVELY: 0.5 },
    resume_edit_priority: [],
    score_calibration_map: { knots: IDENTITY_SCORE_MAP.knots.map((k) => ({ ...k })) },
  },
  5: {
    applications_per_week: 10,
    submission_days: [...PLANNER_DAYS],
    submission_hours: { start: 8, end: 18 },
    follow_up_days: 7,
  },
  6: {
    weights: { technical: 0.4, seniority: 0.2, experience: 0.2, signal: 0.2 },
    min_fit_score: 50,
  },
});

/** A config refused by its layer's schema: `field` is the dotted path, `rule` what it breaks. */
export class ConfigSchemaError extends InvalidArgumentError {
  constructor(
    readonly layer: ConfigLayer,
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${LAYER_NAMES[layer]}.${field}: ${rule}`);
  }
}

/** The layer a number names, or a RangeError naming the layers there are. */
export function configLayer(value: unknown): ConfigLayer {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (!CONFIG_LAYERS.includes(n as ConfigLayer))
    throw new RangeError(
      `layer: ${String(value)} is not a configured layer (${CONFIG_LAYERS.join(', ')})`,
    );
  return n as ConfigLayer;
}

/** Checks a config against its layer's schema; returns it frozen, or throws ConfigSchemaError naming the field. */
export function parseLayerConfig<L extends ConfigLayer>(layer: L, value: unknown): LayerConfigs[L] {
  const parsed = LAYER_SCHEMAS[layer].safeParse(value);
  if (parsed.success) return deepFreeze(parsed.data);
  const issue = parsed.error.issues[0];
  const path = issue.path.map(String);
  // An unknown key is reported on its parent; name the key itself.
  if (issue.code === 'unrecognized_keys') path.push(...issue.keys.slice(0, 1));
  throw new ConfigSchemaError(layer, path.length > 0 ? path.join('.') : '(root)', issue.message);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
