import { z } from 'zod';
import {
  anyJson,
  applicationCategory,
  companySize,
  companyStage,
  educationLevel,
  identifier,
  score,
  seniority,
  timestamp,
} from './primitives';
import { OPEN_NUMBER_BOUNDS as BOUND } from './bounds';

/**
 * One zod schema per event type gives both the runtime check and the static type.
 * Objects are loose: unknown extra fields are kept as received (the contract's rule).
 */
const salary = z.number().min(0).max(BOUND.max_salary);

const envelope = {
  event_id: identifier,
  timestamp,
  schema_version: z.number().int().min(1).optional(),
};
const userEnvelope = { ...envelope, user_id: identifier };

const fitComponents = z.looseObject({
  technical: score,
  seniority: score,
  experience: score,
  signal: score,
});

const jobCharacteristics = z.looseObject({
  title: z.string(),
  company: z.string(),
  seniority: z.string(),
  location: z.string(),
  industry: z.string().optional(),
  company_size: companySize.optional(),
  company_stage: companyStage.optional(),
});

const applicationContext = z.looseObject({
  strategy_mode: z.string().min(1),
  fit_score: score,
  fit_components: fitComponents.optional(),
  category: applicationCategory,
  job_characteristics: jobCharacteristics.optional(),
  resume_score: score,
  tailoring_applied: z.boolean(),
});

const applicationFields = {
  ...userEnvelope,
  application_id: identifier,
  job_id: identifier,
  resume_version_id: identifier,
  context: applicationContext,
};

export const ApplicationCreated = z.looseObject({
  ...applicationFields,
  event_type: z.literal('APPLICATION_CREATED'),
});
export const ApplicationSubmitted = z.looseObject({
  ...applicationFields,
  event_type: z.literal('APPLICATION_SUBMITTED'),
});

const outcome = z
  .looseObject({
    status: z.enum(['interview', 'offer', 'rejected', 'ghosted']),
    days_to_response: z.number().min(0).max(BOUND.max_days_to_response).optional(),
    response_type: z.string().optional(),
  })
  .superRefine((o, ctx) => {
    if (o.status !== 'ghosted' && o.days_to_response === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['days_to_response'],
        message: `is required when status is '${o.status}' (only 'ghosted' may omit it)`,
        params: { reason: 'missing_field' },
      });
    }
  });

export const StatusChanged = z.looseObject({
  ...userEnvelope,
  event_type: z.literal('STATUS_CHANGED'),
  application_id: identifier,
  job_id: identifier,
  outcome,
});

const strategyFields = {
  ...userEnvelope,
  from_mode: z.string().min(1).optional(),
  to_mode: z.string().min(1),
  reason: z.string(),
  metrics: z.looseObject({
    resume_score: score,
    total_applications: z.number().int().min(0).max(BOUND.max_total_applications),
    interview_rate: z.number().min(0).max(1),
    applications_last_7_days: z.number().int().min(0).max(BOUND.max_applications_last_7_days),
  }),
};
export const ModeChanged = z.looseObject({
  ...strategyFields,
  event_type: z.literal('MODE_CHANGED'),
});
export const TargetAdjusted = z.looseObject({
  ...strategyFields,
  event_type: z.literal('TARGET_ADJUSTED'),
});
export const PlanGenerated = z.looseObject({
  ...strategyFields,
  event_type: z.literal('PLAN_GENERATED'),
});

const resumeFields = {
  ...userEnvelope,
  resume_version_id: identifier,
  rewrite_type: z.enum(['bullet', 'summary', 'section']).optional(),
  before_score: score,
  after_score: score,
  score_delta: z.number(),
  gaps_addressed: z.array(z.string()).optional(),
  user_accepted: z.boolean(),
  edit_types: z.array(z.string().min(1)).optional(),
  suggested_by_system: z.boolean().optional(),
};

/** `score_delta` must equal `after_score - before_score` within 0.01. */
function scoreDeltaRule(
  e: { before_score: number; after_score: number; score_delta: number },
  ctx: z.RefinementCtx,
) {
  const expected = e.after_score - e.before_score;
  if (Math.abs(e.score_delta - expected) > 0.01) {
    ctx.addIssue({
      code: 'custom',
      path: ['score_delta'],
      message: `must equal after_score - before_score (${expected.toFixed(2)}) within 0.01, got ${e.score_delta}`,
      params: { reason: 'inconsistent_value' },
    });
  }
}

export const ResumeRewritten = z
  .looseObject({ ...resumeFields, event_type: z.literal('RESUME_REWRITTEN') })
  .superRefine(scoreDeltaRule);
export const ScoreChanged = z
  .looseObject({ ...resumeFields, event_type: z.literal('SCORE_CHANGED') })
  .superRefine(scoreDeltaRule);

const feedbackFields = {
  ...userEnvelope,
  suggestion_type: z.enum(['rewrite', 'job', 'strategy', 'plan']),
  suggested_content: anyJson,
  final_content: z.unknown().optional(),
  rejection_reason: z.string().optional(),
  suggestion_id: z.string().min(1).optional(),
  edit_type: z.string().min(1).optional(),
};
export const SuggestionAccepted = z.looseObject({
  ...feedbackFields,
  event_type: z.literal('SUGGESTION_ACCEPTED'),
});
export const SuggestionEdited = z.looseObject({
  ...feedbackFields,
  event_type: z.literal('SUGGESTION_EDITED'),
});
export const SuggestionRejected = z.looseObject({
  ...feedbackFields,
  event_type: z.literal('SUGGESTION_REJECTED'),
});

export const UserProfileUpdated = z.looseObject({
  ...userEnvelope,
  event_type: z.literal('USER_PROFILE_UPDATED'),
  profile: z.looseObject({
    years_experience: z.number().min(0).max(60),
    seniority,
    target_roles: z.array(z.string()),
    industries: z.array(z.string()),
    locations: z.array(z.string()),
    education_level: educationLevel,
    work_arrangement_preference: z.enum(['remote', 'hybrid', 'onsite']).optional(),
    salary_target: salary.optional(),
  }),
  consent: z
    .looseObject({
      market_insights: z.boolean().default(true),
      personalization: z.boolean().default(true),
    })
    .optional(),
  protected_attributes: z.record(z.string(), z.string()).optional(),
});

/**
 * Fields whose `null` is a value rather than an absence (a role's `end`: null = current job).
 * Columnar formats such as Parquet cannot tell absent from null, so readers keep these nulls.
 */
export const NULLABLE_FIELD_NAMES: ReadonlySet<string> = new Set(['end']);

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');

export const ResumeSnapshot = z.looseObject({
  ...userEnvelope,
  event_type: z.literal('RESUME_SNAPSHOT'),
  resume_version_id: identifier,
  resume: z.looseObject({
    summary: z.string(),
    skills: z.array(z.string()),
    roles: z.array(
      z.looseObject({
        title: z.string(),
        company: z.string(),
        start: yearMonth,
        end: yearMonth.nullable(),
        bullets: z.array(z.string()),
      }),
    ),
    education: z.array(
      z.looseObject({ degree: z.string(), field: z.string(), institution: z.string() }),
    ),
    certifications: z.array(z.string()),
    page_count: z.number().min(0).max(BOUND.max_page_count),
  }),
});

export const ExperimentExposure = z.looseObject({
  ...userEnvelope,
  event_type: z.literal('EXPERIMENT_EXPOSURE'),
  experiment_id: identifier,
  variant_id: identifier,
});

export const JobPosted = z.looseObject({
  ...envelope,
  event_type: z.literal('JOB_POSTED'),
  job_id: identifier,
  title: z.string(),
  company: z.string(),
  seniority: z.string(),
  location: z.string(),
  industry: z.string(),
  company_size: companySize.optional(),
  salary_min: salary.optional(),
  salary_max: salary.optional(),
  skills: z.array(z.string()).optional(),
});

export const CompanySignal = z.looseObject({
  ...envelope,
  event_type: z.literal('COMPANY_SIGNAL'),
  company: z.string().min(1),
  source: z.string().min(1),
  signal: z.string().min(1),
  value: z.number(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const UserOptedOut = z.looseObject({
  ...userEnvelope,
  event_type: z.literal('USER_OPTED_OUT'),
  scope: z.enum(['market_insights', 'personalization', 'all']),
});

export const UserDeletionRequested = z.looseObject({
  ...userEnvelope,
  event_type: z.literal('USER_DELETION_REQUESTED'),
});

/** The schema of each event type, keyed by `event_type`. */
export const EVENT_SCHEMAS = {
  APPLICATION_CREATED: ApplicationCreated,
  APPLICATION_SUBMITTED: ApplicationSubmitted,
  STATUS_CHANGED: StatusChanged,
  MODE_CHANGED: ModeChanged,
  TARGET_ADJUSTED: TargetAdjusted,
  PLAN_GENERATED: PlanGenerated,
  RESUME_REWRITTEN: ResumeRewritten,
  SCORE_CHANGED: ScoreChanged,
  SUGGESTION_ACCEPTED: SuggestionAccepted,
  SUGGESTION_EDITED: SuggestionEdited,
  SUGGESTION_REJECTED: SuggestionRejected,
  USER_PROFILE_UPDATED: UserProfileUpdated,
  RESUME_SNAPSHOT: ResumeSnapshot,
  EXPERIMENT_EXPOSURE: ExperimentExposure,
  JOB_POSTED: JobPosted,
  COMPANY_SIGNAL: CompanySignal,
  USER_OPTED_OUT: UserOptedOut,
  USER_DELETION_REQUESTED: UserDeletionRequested,
} as const;

/** Every valid event: a union discriminated on `event_type`. */
export const HirelearnEvent = z.discriminatedUnion('event_type', [
  ApplicationCreated,
  ApplicationSubmitted,
  StatusChanged,
  ModeChanged,
  TargetAdjusted,
  PlanGenerated,
  ResumeRewritten,
  ScoreChanged,
  SuggestionAccepted,
  SuggestionEdited,
  SuggestionRejected,
  UserProfileUpdated,
  ResumeSnapshot,
  ExperimentExposure,
  JobPosted,
  CompanySignal,
  UserOptedOut,
  UserDeletionRequested,
]);

export type HirelearnEvent = z.infer<typeof HirelearnEvent>;
export type EventOf<T extends HirelearnEvent['event_type']> = Extract<
  HirelearnEvent,
  { event_type: T }
>;
