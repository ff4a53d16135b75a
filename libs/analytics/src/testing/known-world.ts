import { applicationEvents, event, profileEvent } from './event-builder';

/**
 * The known-answer log of the performance tests (answers worked out by hand in the spec):
 * user u1 applies five times in March 2025 (one on the last second of the month), once on
 * the first second of April and once in late May; the store's newest event is 2025-06-01.
 */
export function performanceWorld(): object[] {
  return [
    profileEvent('u1', '2025-02-01T00:00:00Z', {}),
    profileEvent('u2', '2025-02-01T00:00:00Z', {}),
    event('RESUME_REWRITTEN', '2025-03-02T00:00:00Z', {
      user_id: 'u1',
      resume_version_id: 'rv-u1-2',
      before_score: 50,
      after_score: 58,
      score_delta: 8,
      user_accepted: true,
    }),
    event('RESUME_REWRITTEN', '2025-03-15T00:00:00Z', {
      user_id: 'u1',
      resume_version_id: 'rv-u1-3',
      before_score: 58,
      after_score: 70,
      score_delta: 12,
      user_accepted: false,
    }),
    event('SUGGESTION_REJECTED', '2025-03-16T00:00:00Z', {
      user_id: 'u1',
      suggestion_type: 'rewrite',
      suggested_content: { text: 'x' },
      rejection_reason: 'no',
    }),
    event('SCORE_CHANGED', '2025-03-20T00:00:00Z', {
      user_id: 'u1',
      resume_version_id: 'rv-u1-2',
      before_score: 58,
      after_score: 63,
      score_delta: 5,
      user_accepted: true,
    }),
    // An interview followed by a rejection: still an interview.
    ...applicationEvents({
      user: 'u1',
      app: 'a1',
      at: '2025-03-03T10:00:00Z',
      category: 'reach',
      resume_score: 58,
      outcomes: [
        ['interview', '2025-03-05T10:00:00Z', 2],
        ['rejected', '2025-03-10T10:00:00Z', 7],
      ],
    }),
    ...applicationEvents({
      user: 'u1',
      app: 'a2',
      at: '2025-03-04T10:00:00Z',
      resume_score: 58,
      outcomes: [
        ['interview', '2025-03-08T10:00:00Z', 4],
        ['offer', '2025-03-20T10:00:00Z', 16],
      ],
    }),
    // Silence: ghosted by the 30-day rule, no event says so.
    ...applicationEvents({
      user: 'u1',
      app: 'a3',
      at: '2025-03-05T10:00:00Z',
      category: 'safety',
      mode: 'APPLY_AGGRESSIVELY',
      resume_score: 58,
    }),
    ...applicationEvents({
      user: 'u1',
      app: 'a4',
      at: '2025-03-06T10:00:00Z',
      mode: 'APPLY_AGGRESSIVELY',
      resume_score: 58,
      outcomes: [['ghosted', '2025-03-30T10:00:00Z']],
    }),
    ...applicationEvents({
      user: 'u1',
      app: 'a5',
      at: '2025-03-31T23:59:59Z',
      resume_score: 63,
      outcomes: [['rejected', '2025-04-02T11:59:59Z', 1.5]],
    }),
    ...applicationEvents({
      user: 'u1',
      app: 'a6',
      at: '2025-04-01T00:00:00Z',
      category: 'reach',
      resume_score: 63,
      outcomes: [['interview', '2025-04-03T00:00:00Z', 2]],
    }),
    ...applicationEvents({ user: 'u1', app: 'a8', at: '2025-05-25T00:00:00Z', resume_score: 63 }),
    ...applicationEvents({
      user: 'u2',
      app: 'a7',
      at: '2025-03-10T00:00:00Z',
      outcomes: [['interview', '2025-03-12T00:00:00Z', 2]],
    }),
    event('JOB_POSTED', '2025-06-01T00:00:00Z', {
      job_id: 'j-end',
      title: 'Data Engineer',
      company: 'Acme',
      seniority: 'mid',
      location: 'Berlin',
      industry: 'saas',
    }),
  ];
}
