import * as pb from '@hirelearn/proto';
import { answerOf, dayOneOfRequest } from './cold-start-request';

const profile = pb.DayOneProfile.fromPartial({
  years_experience: 4,
  seniority: 'mid',
  target_roles: ['Data Engineer'],
  education_level: 'bachelor',
});
const user = (more: Partial<pb.NewUser> = {}): pb.NewUser =>
  pb.NewUser.fromPartial({ user_id: 'u1', profile, ...more });
const refusal = (u: pb.NewUser | undefined) => {
  try {
    dayOneOfRequest(u);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('a ColdStart request read by the contract', () => {
  it('lists what is unknown, and applies the answers in order', () => {
    const r = dayOneOfRequest(user({ answers: [answerOf('page_count', '2')] }));
    expect(r.day_one.features).toMatchObject({ seniority: 'mid', page_count: 2 });
    expect(r.day_one.missing_fields).toContain('industries');
    expect(r.day_one.missing_fields).not.toContain('page_count');
    const twice = dayOneOfRequest(
      user({ answers: [answerOf('seniority', 'senior'), answerOf('seniority', 'staff')] }),
    );
    expect(twice.day_one.features.seniority).toBe('staff');
    const list = dayOneOfRequest(user({ answers: [answerOf('industries', 'Media, fintech')] }));
    expect([...(list.day_one.features.industries ?? [])].sort()).toEqual(['fintech', 'media']);
  });

  it('reads the consent: false is segment-level only', () => {
    expect(dayOneOfRequest(user({ personalization: false })).day_one.features.personalization).toBe(
      false,
    );
    expect(dayOneOfRequest(user()).day_one.features.personalization).toBe(true);
  });

  it.each([
    [undefined, /^user: required$/],
    [user({ user_id: '' }), /^user\.user_id: must be 1-128 characters$/],
    [
      user({ profile: { ...profile, seniority: 'wizard' } }),
      /^user\.profile\.seniority: must be one of/,
    ],
    [
      user({ profile: { ...profile, years_experience: -1 } }),
      /years_experience: -1 must be a number in 0-60/,
    ],
    [
      user({ answers: [answerOf('salary_target', '')] }),
      /^user\.answers\[0\]: salary_target must be a number/,
    ],
    [
      user({ answers: [answerOf('page_count', '')] }),
      /^user\.answers\[0\]\.number: NaN must be a number in 0-100/,
    ],
    [user({ answers: [answerOf('roles_count', '2.5')] }), /roles_count must be a whole number/],
    [
      user({ answers: [answerOf('bullet_metric_share', '40')] }),
      /\.number: 40 must be a number in 0-1/,
    ],
  ])('refuses a bad request naming the field and the rule (%#)', (u, message) => {
    expect(refusal(u)).toMatch(message);
  });
});
