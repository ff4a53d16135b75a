import { dayOneFeatures, opensWithActionVerb } from './day-one';

describe('dayOneFeatures', () => {
  it('reads the profile and the first resume, listing what is unknown', () => {
    const r = dayOneFeatures(
      { years_experience: 4, seniority: 'mid', target_roles: [' Data Engineer', 'data engineer'] },
      {
        skills: ['sql', 'python'],
        roles: [
          {
            title: 'Data Engineer',
            company: 'Acme',
            start: '2021-01',
            end: null,
            bullets: ['Built pipelines, cutting costs by 20%', 'Worked on dashboards'],
          },
        ],
        certifications: [],
        education: [],
        page_count: 1,
      },
    );
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.features.target_roles).toEqual(['data engineer']);
    expect(r.features.bullet_metric_share).toBe(0.5);
    expect(r.features.action_verb_share).toBe(0.5);
    expect(r.features.certifications_count).toBe(0);
    expect(r.missing_fields).toEqual([
      'education_level',
      'industries',
      'work_arrangement_preference',
      'salary_target',
    ]);
    expect(r.features.personalization).toBe(true);
  });

  it('lists every field as missing without profile or resume, never throws', () => {
    const r = dayOneFeatures(undefined, null);
    expect(r.status === 'ok' && r.missing_fields.length).toBe(15);
  });

  it('refuses an unknown enum value and a malformed list naming the field and the rule', () => {
    const bad = dayOneFeatures({ seniority: 'wizard' as never });
    expect(bad).toMatchObject({ status: 'invalid', field: 'profile.seniority' });
    expect(bad.status === 'invalid' && bad.rule).toMatch(/must be one of .*junior/);
    const list = dayOneFeatures({}, { skills: [3] as never });
    expect(list).toMatchObject({ status: 'invalid', field: 'resume.skills' });
    const page = dayOneFeatures({}, { page_count: -1 });
    expect(page).toMatchObject({ status: 'invalid', field: 'resume.page_count' });
  });

  it('reads consent: personalization withheld means segment figures only', () => {
    const r = dayOneFeatures({ seniority: 'senior' }, null, {
      market_insights: true,
      personalization: false,
    });
    expect(r.status === 'ok' && r.features.personalization).toBe(false);
  });

  it('counts action verbs, not presence words in the past tense', () => {
    expect(opensWithActionVerb('Led a team of 5')).toBe(true);
    expect(opensWithActionVerb('Automated the release')).toBe(true);
    expect(opensWithActionVerb('Involved in the migration')).toBe(false);
    expect(opensWithActionVerb('Responsible for billing')).toBe(false);
  });
});
