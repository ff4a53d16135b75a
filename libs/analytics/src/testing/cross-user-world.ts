import { applicationEvents, event, profileEvent, type AppSpec } from './event-builder';

const day = (d: string, hour = 10) => `${d}T${String(hour).padStart(2, '0')}:00:00Z`;
const plusDays = (iso: string, n: number) =>
  new Date(new Date(iso).getTime() + n * 86_400_000).toISOString().replace('.000', '');

function apps(
  user: string,
  dates: readonly string[],
  interviews: readonly number[],
  spec: Partial<AppSpec> = {},
) {
  return dates.flatMap((d, i) =>
    applicationEvents({
      user,
      app: `${user}-${i}`,
      at: day(d),
      ...spec,
      outcomes: interviews.includes(i) ? [['interview', plusDays(day(d), 3), 3]] : [],
    }),
  );
}

/**
 * The known-answer log of the cross-user tests (answers worked out in the specs): four mid
 * users in Berlin, one senior in Paris, and one opted-out mid user who did very well (and must
 * change nothing). Everything applied in March 2025 except the senior (April).
 */
export function crossUserWorld(): object[] {
  const march = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07'];
  return [
    profileEvent('s1', '2025-02-01T00:00:00Z', {}, { protected_attributes: { gender: 'f' } }),
    profileEvent('s2', '2025-02-01T00:00:00Z', {}, { protected_attributes: { gender: 'f' } }),
    profileEvent('s3', '2025-02-01T00:00:00Z', {}, { protected_attributes: { gender: 'm' } }),
    profileEvent('s4', '2025-02-01T00:00:00Z', {}, { protected_attributes: { gender: 'm' } }),
    profileEvent(
      's5',
      '2025-02-01T00:00:00Z',
      { seniority: 'senior', years_experience: 12, locations: ['Paris'] },
      { protected_attributes: { gender: 'x' } },
    ),
    profileEvent('o1', '2025-02-01T00:00:00Z', {}, { protected_attributes: { gender: 'f' } }),
    event('USER_OPTED_OUT', '2025-02-02T00:00:00Z', { user_id: 'o1', scope: 'market_insights' }),
    ...apps('s1', march, [2, 3, 4], { tailored: true }),
    ...applicationEvents({
      user: 's1',
      app: 's1-ml-1',
      at: day('2025-03-10'),
      title: 'ML Engineer',
      tailored: true,
      outcomes: [['interview', day('2025-03-13'), 3]],
    }),
    ...applicationEvents({
      user: 's1',
      app: 's1-ml-2',
      at: day('2025-03-11'),
      title: 'ML Engineer',
      tailored: true,
      outcomes: [['interview', day('2025-03-14'), 3]],
    }),
    event('STATUS_CHANGED', day('2025-03-17'), {
      user_id: 's1',
      application_id: 's1-4',
      job_id: 'job-s1-4',
      outcome: { status: 'offer', days_to_response: 10 },
    }),
    ...apps('s2', march.slice(0, 4), [3], { mode: 'APPLY_AGGRESSIVELY' }),
    ...apps('s3', march.slice(0, 4), [], { tailored: true, category: 'reach' }),
    ...apps('s4', march.slice(0, 2), [0], { mode: 'APPLY_AGGRESSIVELY' }),
    ...apps('s5', ['2025-04-01', '2025-04-02', '2025-04-03'], [0], {
      seniority: 'senior',
      location: 'Paris',
    }),
    // o2 opted out before any profile: only the raw event says so.
    event('USER_OPTED_OUT', '2025-02-02T00:00:00Z', { user_id: 'o2', scope: 'all' }),
    ...apps('o2', march, [0], { location: 'Paris', seniority: 'senior' }),
    ...apps('o1', march, [0, 1, 2, 3, 4], {
      tailored: true,
      location: 'Paris',
      seniority: 'senior',
    }),
    event('SUGGESTION_ACCEPTED', day('2025-03-01'), {
      user_id: 's1',
      suggestion_type: 'rewrite',
      suggested_content: {},
      edit_type: 'added_keywords',
    }),
    event('SUGGESTION_ACCEPTED', day('2025-03-02'), {
      user_id: 's1',
      suggestion_type: 'rewrite',
      suggested_content: {},
      edit_type: 'added_keywords',
    }),
    event('SUGGESTION_REJECTED', day('2025-03-02', 11), {
      user_id: 's1',
      suggestion_type: 'rewrite',
      suggested_content: {},
      edit_type: 'added_keywords',
      rejection_reason: 'too_much_work',
    }),
    ...['s1', 's2', 's3', 's4'].map((u) =>
      event('RESUME_SNAPSHOT', day('2025-02-15'), {
        user_id: u,
        resume_version_id: `rv-${u}-1`,
        resume: {
          summary: `Data engineer. Contact: ${u}@mail.example.com`,
          skills: ['Python', u === 's1' ? 'Rust' : 'SQL'],
          roles: [
            {
              title: 'Data Engineer',
              company: `Employer of ${u}`,
              start: '2020-01',
              end: null,
              bullets: [
                'Built pipelines, see https://blog.example.org/post',
                `Reach me at +1 415 555 01${u.slice(1)}0`,
              ],
            },
          ],
          education: [],
          certifications: [],
          page_count: 1,
        },
      }),
    ),
    event('JOB_POSTED', day('2025-03-01'), {
      job_id: 'j1',
      title: 'Data Engineer',
      company: 'A',
      seniority: 'mid',
      location: 'Berlin',
      industry: 'saas',
      skills: ['Python', 'SQL'],
      salary_min: 100000,
      salary_max: 120000,
    }),
    event('JOB_POSTED', day('2025-03-02'), {
      job_id: 'j2',
      title: 'Data Engineer',
      company: 'B',
      seniority: 'mid',
      location: 'Berlin',
      industry: 'saas',
      skills: ['Python'],
      salary_min: 80000,
      salary_max: 100000,
    }),
    event('JOB_POSTED', day('2025-03-03'), {
      job_id: 'j3',
      title: 'Backend Engineer',
      company: 'C',
      seniority: 'senior',
      location: 'Paris',
      industry: 'fintech',
      skills: ['Go'],
    }),
    event('JOB_POSTED', '2025-06-01T00:00:00Z', {
      job_id: 'j-end',
      title: 'Data Engineer',
      company: 'D',
      seniority: 'mid',
      location: 'Berlin',
      industry: 'saas',
    }),
  ];
}
