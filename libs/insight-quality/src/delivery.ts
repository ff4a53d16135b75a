import { createHash } from 'node:crypto';
import { jsonValueSchema } from '@hirelearn/optimize';
import { z } from 'zod';

/**
 * What the engine delivered to a job seeker (or to a layer): one insight or recommendation,
 * with the action it asks for, the effect it promised and the evidence behind the promise.
 * Logged at delivery so that its quality can be measured later against what happened (spec
 * 12.3): did the user act, and did acting do what was promised?
 */

/** Where a delivery came from. */
export const DELIVERY_KINDS = [
  'weekly_insight',
  'nightly_recommendation',
  'cold_start_insight',
  'plan',
  'personalized_config',
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** The attribution's grades (libs/causal `Confidence`). */
export const CONFIDENCE_GRADES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type ConfidenceGrade = (typeof CONFIDENCE_GRADES)[number];

/** The application categories of the contract (`context.category`). */
export const APPLICATION_CATEGORIES = ['reach', 'target', 'safety'] as const;

const text = z.string().min(1).max(2000);

/**
 * The action a delivery recommends, by where doing it shows in the event log:
 * `resume_edit` (a `RESUME_REWRITTEN` whose `edit_types` hold `edit_type`, or the
 * `SUGGESTION_ACCEPTED`/`EDITED` of `suggestion_id` or that edit type), `tailoring` (a
 * submitted application with `tailoring_applied`), `timing` (applications submitted on the
 * ISO weekdays and in the hours [from, to) UTC named), `target` (applications of a category);
 * `config_change` is a layer's parameter (the nightly's recommendations) and `other` has no
 * act in the log: neither is measured as acted on per user.
 */
export const recommendedActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('resume_edit'),
    edit_type: z.string().min(1).max(128),
    suggestion_id: z.string().min(1).max(128).optional(),
    description: text,
  }),
  z.object({ type: z.literal('tailoring'), description: text }),
  z
    .object({
      type: z.literal('timing'),
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
      hours: z
        .tuple([z.number().int().min(0).max(23), z.number().int().min(1).max(24)])
        .refine(([from, to]) => from < to, 'hours must be [from, to) with from < to')
        .optional(),
      description: text,
    })
    .refine((a) => a.weekdays !== undefined || a.hours !== undefined, {
      message: 'a timing action names weekdays, hours or both',
    }),
  z.object({
    type: z.literal('target'),
    category: z.enum(APPLICATION_CATEGORIES),
    description: text,
  }),
  z.object({
    type: z.literal('config_change'),
    layer: z.number().int(),
    parameter: z.string().min(1),
    value: jsonValueSchema,
    description: text,
  }),
  z.object({ type: z.literal('other'), description: text }),
]);
export type RecommendedAction = z.infer<typeof recommendedActionSchema>;
export type ActionType = RecommendedAction['type'];

/**
 * The effect promised, as the attribution or optimizer stated it. Calibration is measured for
 * `interview_rate` in `probability` (absolute change of the interview chance, 0.06 = +6 points:
 * `CALIBRATED_METRIC`, `CALIBRATED_UNIT`).
 */
export const predictedEffectSchema = z
  .object({
    metric: z.string().min(1),
    estimate: z.number().finite(),
    interval: z.tuple([z.number().finite(), z.number().finite()]),
    unit: z.string().min(1),
    method: z.string().min(1).optional(),
    sample_size: z.number().int().min(0).optional(),
  })
  .refine((p) => p.interval[0] <= p.interval[1], {
    message: 'interval must be [low, high] with low <= high',
    path: ['interval'],
  });
export type PredictedEffect = z.infer<typeof predictedEffectSchema>;

export const CALIBRATED_METRIC = 'interview_rate';
export const CALIBRATED_UNIT = 'probability';

export const deliveryEvidenceSchema = z.object({
  kind: z.string().min(1).max(64),
  id: z.string().min(1).max(256),
  summary: z.string().max(2000),
});
export type DeliveryEvidence = z.infer<typeof deliveryEvidenceSchema>;

/** ISO 8601 with an offset, as every time in the contract. */
const instant = z.iso.datetime({ offset: true });

export const deliveryInputSchema = z.object({
  /** null: delivered to a layer for everyone (a configuration recommendation), not to one user. */
  user_id: z.string().min(1).max(128).nullable(),
  delivered_at: instant,
  kind: z.enum(DELIVERY_KINDS),
  /** What it was delivered as part of (a weekly report, a nightly run): makes the id stable. */
  source_id: z.string().min(1).max(256),
  action: recommendedActionSchema,
  predicted_effect: predictedEffectSchema.nullable(),
  confidence: z.enum(CONFIDENCE_GRADES),
  evidence: z
    .array(deliveryEvidenceSchema)
    .min(1, 'a delivery rests on at least one piece of evidence'),
});
export type DeliveryInput = z.infer<typeof deliveryInputSchema>;

/** A delivery as logged: its input and the stable id derived from it. */
export interface InsightDelivery extends DeliveryInput {
  readonly delivery_id: string;
}

/**
 * Checks a delivery, naming the field and the rule of the first problem
 * (`InsightDelivery.action.edit_type: ...`).
 */
export function parseDeliveryInput(input: unknown): DeliveryInput {
  const parsed = deliveryInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
    throw new InvalidDeliveryError(`InsightDelivery.${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export class InvalidDeliveryError extends Error {
  override readonly name = 'InvalidDeliveryError';
}

/** JSON with object keys sorted, so the same delivery hashes the same whatever its key order. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

/**
 * The stable id: 16 hex of sha256 over kind, user, source and action (its wording aside). The
 * same insight delivered again by a rerun (the same weekly report, the same nightly run) is
 * the same delivery; the same advice in another week is another.
 */
export function deliveryId(
  d: Pick<DeliveryInput, 'kind' | 'user_id' | 'source_id' | 'action'>,
): string {
  return createHash('sha256')
    .update(canonical([d.kind, d.user_id, d.source_id, actionKey(d.action)]))
    .digest('hex')
    .slice(0, 16);
}

/** What an action asks for, its wording aside: equal for the same advice however phrased. */
export function actionKey(action: RecommendedAction): string {
  const { description: _wording, ...rest } = action;
  return canonical(rest);
}
