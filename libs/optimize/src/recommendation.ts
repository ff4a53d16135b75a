import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The spec's `OptimizationRecommendation` (5.1): one proposed change to a parameter another
 * layer reads, with the evidence it rests on and the route it takes (applied, tested, or
 * reviewed). Every optimizer in this lib emits these; the recommendations store and the
 * configuration channel consume them, so the zod schema below is the one both sides check.
 */

/** Any JSON value: what a parameter of another layer's configuration can hold. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export const jsonValueSchema: z.ZodType<JsonValue> = z.json() as z.ZodType<JsonValue>;

export const OPTIMIZATION_COMPONENTS = [
  'resume_scoring',
  'timing',
  'strategy_engine',
  'fit_scoring',
  'resume_edits',
] as const;
export type OptimizationComponent = (typeof OPTIMIZATION_COMPONENTS)[number];

/** The consuming layer: 2 strategy engine, 5 planning/orchestrator, 6 job discovery. */
export const CONSUMING_LAYERS = [2, 5, 6] as const;
export type ConsumingLayer = (typeof CONSUMING_LAYERS)[number];

export const EVIDENCE_KINDS = [
  'causal_effect',
  'experiment',
  'calibration_table',
  'rd_study',
  'model_version',
  'timing_table',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RISKS = ['low', 'medium', 'high'] as const;
export type Risk = (typeof RISKS)[number];

export const ROUTES = ['auto_apply', 'a_b_test', 'manual_review'] as const;
export type Route = (typeof ROUTES)[number];

export const expectedImpactSchema = z
  .object({
    metric: z.string().min(1),
    estimate: z.number().finite(),
    interval: z.tuple([z.number().finite(), z.number().finite()]),
    unit: z.string().min(1),
  })
  .refine((v) => v.interval[0] <= v.interval[1], {
    message: 'interval must be [low, high] with low <= high',
    path: ['interval'],
  });

export const evidenceSchema = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  id: z.string().min(1),
  summary: z.string(),
});

export const optimizationRecommendationSchema = z.object({
  recommendation_id: z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex characters'),
  component: z.enum(OPTIMIZATION_COMPONENTS),
  layer: z.union([z.literal(2), z.literal(5), z.literal(6)]),
  parameter: z.string().min(1),
  current_value: jsonValueSchema,
  recommended_value: jsonValueSchema,
  expected_impact: expectedImpactSchema,
  evidence: z
    .array(evidenceSchema)
    .min(1, 'a recommendation rests on at least one piece of evidence'),
  confidence: z.number().min(0).max(1),
  risk: z.enum(RISKS),
  route: z.enum(ROUTES),
  route_reason: z.string().min(1),
  reasons: z.array(z.string()),
});

export type ExpectedImpact = {
  readonly metric: string;
  readonly estimate: number;
  readonly interval: readonly [number, number];
  readonly unit: string;
};

export type Evidence = {
  readonly kind: EvidenceKind;
  readonly id: string;
  readonly summary: string;
};

export type OptimizationRecommendation = {
  readonly recommendation_id: string;
  readonly component: OptimizationComponent;
  readonly layer: ConsumingLayer;
  readonly parameter: string;
  readonly current_value: JsonValue;
  readonly recommended_value: JsonValue;
  readonly expected_impact: ExpectedImpact;
  readonly evidence: readonly Evidence[];
  readonly confidence: number;
  readonly risk: Risk;
  readonly route: Route;
  readonly route_reason: string;
  readonly reasons: readonly string[];
};

/** What every optimizer returns: "no change" and "too little data" are results, not errors. */
export type OptimizerStatus = 'ok' | 'no_change' | 'insufficient_data';

export type OptimizerResult<T> = {
  readonly status: OptimizerStatus;
  readonly reasons: readonly string[];
  readonly analysis: T;
  readonly recommendations: readonly OptimizationRecommendation[];
};

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: JsonValue) => canonicalJson(v)).join(',')}]`;
  const obj = value as { readonly [key: string]: JsonValue };
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k] as JsonValue)}`).join(',')}}`;
}

/**
 * The deterministic id: the first 16 hex of sha256 over the component, the parameter, the
 * recommended value and the evidence ids (sorted). The same proposal on the same evidence
 * from two nightly runs gets the same id, so the store can tell a repeat from a new one.
 */
export function recommendationId(
  component: OptimizationComponent,
  parameter: string,
  recommendedValue: JsonValue,
  evidenceIds: readonly string[],
): string {
  const material = canonicalJson([component, parameter, recommendedValue, [...evidenceIds].sort()]);
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

/** Parses an untrusted recommendation (e.g. read back from a store), naming the failed field. */
export function parseOptimizationRecommendation(input: unknown): OptimizationRecommendation {
  const parsed = optimizationRecommendationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new Error(`OptimizationRecommendation.${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as OptimizationRecommendation;
}
