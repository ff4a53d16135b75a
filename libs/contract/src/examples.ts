import type { EventType } from './event-types';

/**
 * One valid event of every type, with every required field and a few optional ones. Tests
 * derive their invalid cases from these by changing one field; the demo and producers can
 * use them as templates. A fresh copy on every call, so callers may mutate it.
 */
export function exampleEvents(): Record<EventType, Record<string, unknown>> {
  const user = { user_id: 'u-0001', timestamp: '2026-01-06T09:30:00Z' };
  const context = {
    strategy_mode: 'BALANCED',
    fit_score: 72.5,
    fit_components: { technical: 80, seniority: 70, experience: 65, signal: 75 },
    category: 'target',
    job_characteristics: {
      title: 'Backend Engineer',
      company: 'Acme',
      seniority: 'senior',
      location: 'Berlin',
      industry: 'fintech',
      company_size: '201-500',
      company_stage: 'series_b',
    },
    resume_score: 81,
    tailoring_applied: true,
  };
  const application = {
    ...user,
    application_id: 'app-0001',
    job_id: 'job-0001',
    resume_version_id: 'rv-0002',
    context,
  };
  const strategy = {
    ...user,
    from_mode: 'IMPROVE_RESUME_FIRST',
    to_mode: 'BALANCED',
    reason: 'resume score reached 80',
    metrics: {
      resume_score: 81,
      total_applications: 12,
      interview_rate: 0.25,
      applications_last_7_days: 4,
    },
  };
  const resume = {
    ...user,
    resume_version_id: 'rv-0002',
    rewrite_type: 'bullet',
    before_score: 70,
    after_score: 81,
    score_delta: 11,
    gaps_addressed: ['metrics'],
    user_accepted: true,
    edit_types: ['added_metrics_to_bullets'],
    suggested_by_system: true,
  };
  const feedback = {
    ...user,
    suggestion_type: 'rewrite',
    suggested_content: { bullet: 'Cut p99 latency by 40%' },
    final_content: { bullet: 'Cut p99 latency by 35%' },
    suggestion_id: 's-0001',
    edit_type: 'added_metrics_to_bullets',
  };
  return {
    APPLICATION_CREATED: {
      event_id: 'ev-created',
      event_type: 'APPLICATION_CREATED',
      ...application,
    },
    APPLICATION_SUBMITTED: {
      event_id: 'ev-submitted',
      event_type: 'APPLICATION_SUBMITTED',
      ...application,
      timestamp: '2026-01-06T10:00:00Z',
    },
    STATUS_CHANGED: {
      event_id: 'ev-status',
      event_type: 'STATUS_CHANGED',
      ...user,
      timestamp: '2026-01-08T15:00:00Z',
      application_id: 'app-0001',
      job_id: 'job-0001',
      outcome: { status: 'interview', days_to_response: 2.2, response_type: 'email' },
    },
    MODE_CHANGED: { event_id: 'ev-mode', event_type: 'MODE_CHANGED', ...strategy },
    TARGET_ADJUSTED: { event_id: 'ev-target', event_type: 'TARGET_ADJUSTED', ...strategy },
    PLAN_GENERATED: { event_id: 'ev-plan', event_type: 'PLAN_GENERATED', ...strategy },
    RESUME_REWRITTEN: { event_id: 'ev-rewrite', event_type: 'RESUME_REWRITTEN', ...resume },
    SCORE_CHANGED: { event_id: 'ev-score', event_type: 'SCORE_CHANGED', ...resume },
    SUGGESTION_ACCEPTED: {
      event_id: 'ev-sugg-acc',
      event_type: 'SUGGESTION_ACCEPTED',
      ...feedback,
    },
    SUGGESTION_EDITED: { event_id: 'ev-sugg-ed', event_type: 'SUGGESTION_EDITED', ...feedback },
    SUGGESTION_REJECTED: {
      event_id: 'ev-sugg-rej',
      event_type: 'SUGGESTION_REJECTED',
      ...feedback,
      rejection_reason: 'too generic',
    },
    USER_PROFILE_UPDATED: {
      event_id: 'ev-profile',
      event_type: 'USER_PROFILE_UPDATED',
      ...user,
      profile: {
        years_experience: 7,
        seniority: 'senior',
        target_roles: ['Backend Engineer'],
        industries: ['fintech'],
        locations: ['Berlin'],
        education_level: 'master',
        work_arrangement_preference: 'hybrid',
        salary_target: 85000,
      },
      consent: { market_insights: true, personalization: true },
      protected_attributes: { gender: 'f', age_band: '30-39' },
    },
    RESUME_SNAPSHOT: {
      event_id: 'ev-snapshot',
      event_type: 'RESUME_SNAPSHOT',
      ...user,
      resume_version_id: 'rv-0002',
      resume: {
        summary: 'Backend engineer, payments.',
        skills: ['TypeScript', 'PostgreSQL'],
        roles: [
          {
            title: 'Engineer',
            company: 'Bank',
            start: '2019-03',
            end: null,
            bullets: ['Built the ledger'],
          },
        ],
        education: [{ degree: 'MSc', field: 'CS', institution: 'TU Berlin' }],
        certifications: [],
        page_count: 1,
      },
    },
    EXPERIMENT_EXPOSURE: {
      event_id: 'ev-exposure',
      event_type: 'EXPERIMENT_EXPOSURE',
      ...user,
      experiment_id: 'exp-bullets',
      variant_id: 'treatment',
    },
    JOB_POSTED: {
      event_id: 'ev-job',
      event_type: 'JOB_POSTED',
      timestamp: '2026-01-05T08:00:00Z',
      job_id: 'job-0001',
      title: 'Backend Engineer',
      company: 'Acme',
      seniority: 'senior',
      location: 'Berlin',
      industry: 'fintech',
      company_size: '201-500',
      salary_min: 70000,
      salary_max: 90000,
      skills: ['TypeScript'],
    },
    COMPANY_SIGNAL: {
      event_id: 'ev-signal',
      event_type: 'COMPANY_SIGNAL',
      timestamp: '2026-01-04T08:00:00Z',
      company: 'Acme',
      source: 'crunchbase',
      signal: 'funding_round',
      value: 25000000,
      detail: { round: 'series_b' },
    },
    USER_OPTED_OUT: {
      event_id: 'ev-optout',
      event_type: 'USER_OPTED_OUT',
      ...user,
      scope: 'market_insights',
    },
    USER_DELETION_REQUESTED: {
      event_id: 'ev-delete',
      event_type: 'USER_DELETION_REQUESTED',
      ...user,
    },
  };
}

/**
 * Every required field of every type as a dotted path (EVENTS.md), including the fields
 * required inside optional objects of the examples (`context.fit_components.technical`) and
 * the first element of arrays (`resume.roles.0.title`).
 */
export const REQUIRED_FIELDS: Readonly<Record<EventType, readonly string[]>> = (() => {
  const envelope = ['event_id', 'timestamp'];
  const user = [...envelope, 'user_id'];
  const application = [
    ...user,
    'application_id',
    'job_id',
    'resume_version_id',
    'context',
    'context.strategy_mode',
    'context.fit_score',
    'context.category',
    'context.resume_score',
    'context.tailoring_applied',
    'context.fit_components.technical',
    'context.fit_components.seniority',
    'context.fit_components.experience',
    'context.fit_components.signal',
    'context.job_characteristics.title',
    'context.job_characteristics.company',
    'context.job_characteristics.seniority',
    'context.job_characteristics.location',
  ];
  const strategy = [
    ...user,
    'to_mode',
    'reason',
    'metrics',
    'metrics.resume_score',
    'metrics.total_applications',
    'metrics.interview_rate',
    'metrics.applications_last_7_days',
  ];
  const resume = [
    ...user,
    'resume_version_id',
    'before_score',
    'after_score',
    'score_delta',
    'user_accepted',
  ];
  const feedback = [...user, 'suggestion_type', 'suggested_content'];
  return {
    APPLICATION_CREATED: application,
    APPLICATION_SUBMITTED: application,
    STATUS_CHANGED: [
      ...user,
      'application_id',
      'job_id',
      'outcome',
      'outcome.status',
      'outcome.days_to_response',
    ],
    MODE_CHANGED: strategy,
    TARGET_ADJUSTED: strategy,
    PLAN_GENERATED: strategy,
    RESUME_REWRITTEN: resume,
    SCORE_CHANGED: resume,
    SUGGESTION_ACCEPTED: feedback,
    SUGGESTION_EDITED: feedback,
    SUGGESTION_REJECTED: feedback,
    USER_PROFILE_UPDATED: [
      ...user,
      'profile',
      'profile.years_experience',
      'profile.seniority',
      'profile.target_roles',
      'profile.industries',
      'profile.locations',
      'profile.education_level',
    ],
    RESUME_SNAPSHOT: [
      ...user,
      'resume_version_id',
      'resume',
      'resume.summary',
      'resume.skills',
      'resume.roles',
      'resume.roles.0.title',
      'resume.roles.0.company',
      'resume.roles.0.start',
      'resume.roles.0.end',
      'resume.roles.0.bullets',
      'resume.education',
      'resume.education.0.degree',
      'resume.education.0.field',
      'resume.education.0.institution',
      'resume.certifications',
      'resume.page_count',
    ],
    EXPERIMENT_EXPOSURE: [...user, 'experiment_id', 'variant_id'],
    JOB_POSTED: [...envelope, 'job_id', 'title', 'company', 'seniority', 'location', 'industry'],
    COMPANY_SIGNAL: [...envelope, 'company', 'source', 'signal', 'value'],
    USER_OPTED_OUT: [...user, 'scope'],
    USER_DELETION_REQUESTED: user,
  };
})();
