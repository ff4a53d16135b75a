import { EVENT_TYPES, type EventType } from './event-types';
import { exampleEvents, REQUIRED_FIELDS } from './examples';
import { MAX_FUTURE_MS, validateEvent, validateLine, type InvalidReason } from './validate';

/** The ingest time every case is validated against, so the future rule is deterministic. */
const NOW = new Date('2026-01-10T00:00:00Z');

type Json = Record<string, unknown>;

/** A copy of the valid example of `type` with the value at a dotted path replaced or removed. */
function variant(type: EventType, path: string, value: unknown | typeof REMOVE): Json {
  const event = exampleEvents()[type] as Json;
  const keys = path.split('.');
  let node: Json = event;
  for (const key of keys.slice(0, -1)) node = node[key] as Json;
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return event;
}
const REMOVE = Symbol('remove');

function expectInvalid(
  event: unknown,
  reason: InvalidReason,
  field: string,
  rule?: RegExp,
): ReturnType<typeof validateEvent> {
  const result = validateEvent(event, NOW);
  expect(result).toMatchObject({ ok: false, reason, field });
  if (!result.ok) {
    // The message names the field first, then the rule.
    if (field !== '') expect(result.message.startsWith(`${field}: `)).toBe(true);
    expect(result.message.length).toBeGreaterThan(field.length + 4);
    if (rule) expect(result.message).toMatch(rule);
  }
  return result;
}

const USER_TYPES = EVENT_TYPES.filter((t) => t !== 'JOB_POSTED' && t !== 'COMPANY_SIGNAL');
const RESUME_TYPES = ['RESUME_REWRITTEN', 'SCORE_CHANGED'] as const;

describe('the valid examples', () => {
  it('cover every event type', () => {
    expect(Object.keys(exampleEvents()).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(EVENT_TYPES)('%s example is valid and keeps its fields', (type) => {
    const example = exampleEvents()[type];
    const result = validateEvent(example, NOW);
    expect(result).toMatchObject({ ok: true, event: example });
    expect(validateLine(JSON.stringify(example), NOW).ok).toBe(true);
  });

  it.each(EVENT_TYPES)('%s is valid with only its required fields', (type) => {
    const minimal = exampleEvents()[type];
    const optional: Record<string, string[]> = {
      APPLICATION_CREATED: ['context.fit_components', 'context.job_characteristics'],
      APPLICATION_SUBMITTED: ['context.fit_components', 'context.job_characteristics'],
      STATUS_CHANGED: ['outcome.response_type'],
      MODE_CHANGED: ['from_mode'],
      TARGET_ADJUSTED: ['from_mode'],
      PLAN_GENERATED: ['from_mode'],
      RESUME_REWRITTEN: ['rewrite_type', 'gaps_addressed', 'edit_types', 'suggested_by_system'],
      SCORE_CHANGED: ['rewrite_type', 'gaps_addressed', 'edit_types', 'suggested_by_system'],
      SUGGESTION_ACCEPTED: ['final_content', 'suggestion_id', 'edit_type'],
      SUGGESTION_EDITED: ['final_content', 'suggestion_id', 'edit_type'],
      SUGGESTION_REJECTED: ['final_content', 'suggestion_id', 'edit_type', 'rejection_reason'],
      USER_PROFILE_UPDATED: [
        'consent',
        'protected_attributes',
        'profile.work_arrangement_preference',
        'profile.salary_target',
      ],
      JOB_POSTED: ['company_size', 'salary_min', 'salary_max', 'skills'],
      COMPANY_SIGNAL: ['detail'],
    };
    for (const path of optional[type] ?? []) {
      const keys = path.split('.');
      let node = minimal as Json;
      for (const key of keys.slice(0, -1)) node = node[key] as Json;
      delete node[keys[keys.length - 1]];
    }
    expect(validateEvent(minimal, NOW).ok).toBe(true);
  });
});

describe('required fields', () => {
  const cases = EVENT_TYPES.flatMap((type) => REQUIRED_FIELDS[type].map((field) => [type, field]));

  it.each(cases)('%s without %s is missing_field at that path', (type, field) => {
    expectInvalid(variant(type as EventType, field, REMOVE), 'missing_field', field, /required/);
  });

  it('an event without event_type is missing_field event_type', () => {
    const event = exampleEvents().MODE_CHANGED;
    delete event.event_type;
    expectInvalid(event, 'missing_field', 'event_type', /required/);
  });

  it.each(USER_TYPES)('%s requires user_id', (type) => {
    expectInvalid(variant(type, 'user_id', REMOVE), 'missing_field', 'user_id', /required/);
  });

  it.each(['JOB_POSTED', 'COMPANY_SIGNAL'] as const)('%s needs no user_id', (type) => {
    expect(exampleEvents()[type]).not.toHaveProperty('user_id');
    expect(validateEvent(exampleEvents()[type], NOW).ok).toBe(true);
  });

  it.each(['interview', 'offer', 'rejected'])(
    'STATUS_CHANGED %s requires days_to_response and says only ghosted may omit it',
    (status) => {
      const event = variant('STATUS_CHANGED', 'outcome', { status });
      expectInvalid(event, 'missing_field', 'outcome.days_to_response', /ghosted/);
    },
  );

  it('STATUS_CHANGED ghosted needs no days_to_response', () => {
    const event = variant('STATUS_CHANGED', 'outcome', { status: 'ghosted' });
    expect(validateEvent(event, NOW).ok).toBe(true);
  });

  it('job_characteristics fields are required only when job_characteristics is given', () => {
    const without = variant('APPLICATION_CREATED', 'context.job_characteristics', REMOVE);
    expect(validateEvent(without, NOW).ok).toBe(true);
  });
});

describe('wrong types', () => {
  const cases: [EventType, string, unknown][] = [
    ['APPLICATION_CREATED', 'event_id', 42],
    ['APPLICATION_CREATED', 'user_id', 7],
    ['APPLICATION_CREATED', 'timestamp', 1767691800000],
    ['APPLICATION_CREATED', 'application_id', ['a']],
    ['APPLICATION_CREATED', 'context', 'BALANCED'],
    ['APPLICATION_CREATED', 'context.fit_score', '72'],
    ['APPLICATION_SUBMITTED', 'context.tailoring_applied', 'yes'],
    ['APPLICATION_SUBMITTED', 'context.strategy_mode', 3],
    ['APPLICATION_SUBMITTED', 'context.job_characteristics.title', null],
    ['STATUS_CHANGED', 'outcome.days_to_response', '2'],
    ['STATUS_CHANGED', 'outcome.response_type', 1],
    ['MODE_CHANGED', 'to_mode', null],
    ['TARGET_ADJUSTED', 'reason', 5],
    ['PLAN_GENERATED', 'metrics.total_applications', 2.5],
    ['PLAN_GENERATED', 'metrics.applications_last_7_days', 0.5],
    ['PLAN_GENERATED', 'metrics.interview_rate', '0.2'],
    ['RESUME_REWRITTEN', 'user_accepted', 'true'],
    ['RESUME_REWRITTEN', 'gaps_addressed', 'metrics'],
    ['SCORE_CHANGED', 'edit_types.0', 1],
    ['SCORE_CHANGED', 'suggested_by_system', 1],
    ['SUGGESTION_REJECTED', 'rejection_reason', false],
    ['USER_PROFILE_UPDATED', 'profile.years_experience', 'seven'],
    ['USER_PROFILE_UPDATED', 'profile.target_roles', 'Backend Engineer'],
    ['USER_PROFILE_UPDATED', 'profile.salary_target', '85k'],
    ['USER_PROFILE_UPDATED', 'consent.market_insights', 'no'],
    ['USER_PROFILE_UPDATED', 'protected_attributes.gender', 1],
    ['RESUME_SNAPSHOT', 'resume.skills', 'TypeScript'],
    ['RESUME_SNAPSHOT', 'resume.page_count', '1'],
    ['EXPERIMENT_EXPOSURE', 'variant_id', 2],
    ['JOB_POSTED', 'salary_min', '70k'],
    ['JOB_POSTED', 'skills', 'TypeScript'],
    ['COMPANY_SIGNAL', 'value', '25M'],
    ['COMPANY_SIGNAL', 'detail', 'series_b'],
    ['USER_OPTED_OUT', 'scope', true],
  ];
  it.each(cases)('%s with %s = %p is wrong_type', (type, field, value) => {
    // Enums report a bad value as invalid_value; every other case is a type mismatch.
    const result = validateEvent(variant(type, field, value), NOW);
    expect(result).toMatchObject({ ok: false, field });
    if (!result.ok) {
      expect(['wrong_type', 'invalid_value']).toContain(result.reason);
      if (field !== 'scope') expect(result.reason).toBe('wrong_type');
      expect(result.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: .*expected`));
    }
  });

  it('schema_version must be an integer', () => {
    expectInvalid(variant('MODE_CHANGED', 'schema_version', 1.5), 'wrong_type', 'schema_version');
    expectInvalid(variant('MODE_CHANGED', 'schema_version', '1'), 'wrong_type', 'schema_version');
    expectInvalid(variant('MODE_CHANGED', 'schema_version', 0), 'out_of_range', 'schema_version');
  });

  it('suggested_content accepts any JSON value when present', () => {
    for (const value of [null, 0, 'text', [1, 2], { a: { b: [] } }]) {
      const event = variant('SUGGESTION_ACCEPTED', 'suggested_content', value);
      expect(validateEvent(event, NOW).ok).toBe(true);
    }
  });
});

describe('ranges', () => {
  const long = 'x'.repeat(129);
  const cases: [EventType, string, unknown, boolean][] = [
    // [type, field, value, valid?]: each bound checked just inside and just outside.
    ['APPLICATION_CREATED', 'context.fit_score', 0, true],
    ['APPLICATION_CREATED', 'context.fit_score', 100, true],
    ['APPLICATION_CREATED', 'context.fit_score', -0.1, false],
    ['APPLICATION_CREATED', 'context.fit_score', 100.5, false],
    ['APPLICATION_CREATED', 'context.resume_score', 140, false],
    ['APPLICATION_SUBMITTED', 'context.fit_components.technical', 101, false],
    ['APPLICATION_SUBMITTED', 'context.fit_components.seniority', -1, false],
    ['APPLICATION_SUBMITTED', 'context.fit_components.experience', 100.01, false],
    ['APPLICATION_SUBMITTED', 'context.fit_components.signal', -5, false],
    ['STATUS_CHANGED', 'outcome.days_to_response', 0, true],
    ['STATUS_CHANGED', 'outcome.days_to_response', -1, false],
    ['MODE_CHANGED', 'metrics.resume_score', 101, false],
    ['MODE_CHANGED', 'metrics.interview_rate', 0, true],
    ['MODE_CHANGED', 'metrics.interview_rate', 1, true],
    ['MODE_CHANGED', 'metrics.interview_rate', 1.01, false],
    ['TARGET_ADJUSTED', 'metrics.interview_rate', -0.01, false],
    ['PLAN_GENERATED', 'metrics.total_applications', 0, true],
    ['PLAN_GENERATED', 'metrics.total_applications', -1, false],
    ['PLAN_GENERATED', 'metrics.applications_last_7_days', -1, false],
    ['RESUME_REWRITTEN', 'before_score', -1, false],
    ['SCORE_CHANGED', 'after_score', 100.5, false],
    ['USER_PROFILE_UPDATED', 'profile.years_experience', 0, true],
    ['USER_PROFILE_UPDATED', 'profile.years_experience', 60, true],
    ['USER_PROFILE_UPDATED', 'profile.years_experience', 60.5, false],
    ['USER_PROFILE_UPDATED', 'profile.years_experience', -1, false],
    ['RESUME_SNAPSHOT', 'resume.page_count', -1, false],
    ['APPLICATION_CREATED', 'event_id', 'x'.repeat(128), true],
    ['APPLICATION_CREATED', 'event_id', 'e', true],
    ['APPLICATION_CREATED', 'event_id', '', false],
    ['APPLICATION_CREATED', 'event_id', long, false],
    ['APPLICATION_CREATED', 'user_id', '', false],
    ['APPLICATION_CREATED', 'user_id', long, false],
    ['APPLICATION_CREATED', 'application_id', long, false],
    ['APPLICATION_CREATED', 'job_id', '', false],
    ['APPLICATION_CREATED', 'resume_version_id', long, false],
    ['STATUS_CHANGED', 'application_id', '', false],
    ['RESUME_REWRITTEN', 'resume_version_id', '', false],
    ['EXPERIMENT_EXPOSURE', 'experiment_id', long, false],
    ['EXPERIMENT_EXPOSURE', 'variant_id', '', false],
    ['JOB_POSTED', 'job_id', long, false],
    ['JOB_POSTED', 'event_id', '', false],
  ];
  it.each(cases)('%s %s = %p valid: %p', (type, field, value, valid) => {
    // Keep score_delta consistent so only the range rule can fire.
    const event = variant(type, field, value);
    if (field === 'before_score' || field === 'after_score') {
      event.score_delta = Number(event.after_score) - Number(event.before_score);
    }
    if (valid) expect(validateEvent(event, NOW)).toMatchObject({ ok: true });
    else expectInvalid(event, 'out_of_range', field, /(>=|<=|>|<)/);
  });
});

describe('enums', () => {
  const cases: [EventType, string, readonly string[]][] = [
    ['APPLICATION_CREATED', 'context.category', ['reach', 'target', 'safety']],
    [
      'APPLICATION_CREATED',
      'context.job_characteristics.company_size',
      ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+'],
    ],
    [
      'APPLICATION_SUBMITTED',
      'context.job_characteristics.company_stage',
      ['seed', 'series_a', 'series_b', 'series_c_plus', 'public', 'private'],
    ],
    [
      'JOB_POSTED',
      'company_size',
      ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+'],
    ],
    [
      'USER_PROFILE_UPDATED',
      'profile.seniority',
      [
        'intern',
        'junior',
        'mid',
        'senior',
        'staff',
        'principal',
        'manager',
        'director',
        'executive',
      ],
    ],
    [
      'USER_PROFILE_UPDATED',
      'profile.education_level',
      ['none', 'high_school', 'associate', 'bachelor', 'master', 'phd'],
    ],
    ['USER_PROFILE_UPDATED', 'profile.work_arrangement_preference', ['remote', 'hybrid', 'onsite']],
    ['STATUS_CHANGED', 'outcome.status', ['interview', 'offer', 'rejected', 'ghosted']],
    ['USER_OPTED_OUT', 'scope', ['market_insights', 'personalization', 'all']],
    ['SUGGESTION_ACCEPTED', 'suggestion_type', ['rewrite', 'job', 'strategy', 'plan']],
    ['SUGGESTION_EDITED', 'suggestion_type', ['rewrite', 'job', 'strategy', 'plan']],
    ['SUGGESTION_REJECTED', 'suggestion_type', ['rewrite', 'job', 'strategy', 'plan']],
    ['RESUME_REWRITTEN', 'rewrite_type', ['bullet', 'summary', 'section']],
    ['SCORE_CHANGED', 'rewrite_type', ['bullet', 'summary', 'section']],
  ];

  it.each(cases)('%s %s accepts each of its values', (type, field, values) => {
    for (const value of values) {
      expect(validateEvent(variant(type, field, value), NOW)).toMatchObject({ ok: true });
    }
  });

  it.each(cases)('%s %s rejects another value as invalid_value', (type, field, values) => {
    for (const value of ['other', ` ${values[0]}`, values[0].toUpperCase() + 'X', '']) {
      const result = expectInvalid(variant(type, field, value), 'invalid_value', field);
      // The rule lists what is allowed.
      if (!result.ok) expect(result.message).toContain(values[values.length - 1]);
    }
  });

  it('strategy modes and COMPANY_SIGNAL sources are open vocabularies', () => {
    expect(validateEvent(variant('MODE_CHANGED', 'to_mode', 'BRAND_NEW_MODE'), NOW).ok).toBe(true);
    expect(validateEvent(variant('COMPANY_SIGNAL', 'source', 'news'), NOW).ok).toBe(true);
    expect(
      validateEvent(variant('APPLICATION_CREATED', 'context.strategy_mode', 'NEW_MODE'), NOW).ok,
    ).toBe(true);
  });

  it('RESUME_SNAPSHOT role dates must be YYYY-MM, end may be null', () => {
    expectInvalid(
      variant('RESUME_SNAPSHOT', 'resume.roles.0.start', '2019-13'),
      'invalid_value',
      'resume.roles.0.start',
      /YYYY-MM/,
    );
    expect(validateEvent(variant('RESUME_SNAPSHOT', 'resume.roles.0.end', '2024-02'), NOW).ok).toBe(
      true,
    );
  });
});

describe('timestamps', () => {
  it.each(['2026-01-06T09:30:00', '2026-01-06T09:30', '2026-01-06T09:30:00.250'])(
    'naive %s is naive_timestamp and the message asks for an offset',
    (timestamp) => {
      expectInvalid(
        variant('MODE_CHANGED', 'timestamp', timestamp),
        'naive_timestamp',
        'timestamp',
        /offset/,
      );
    },
  );

  it.each(['yesterday', '2026-01-06', '06/01/2026 09:30', '2026-13-06T09:30:00Z'])(
    'unparseable %s is invalid_timestamp',
    (timestamp) => {
      expectInvalid(
        variant('MODE_CHANGED', 'timestamp', timestamp),
        'invalid_timestamp',
        'timestamp',
      );
    },
  );

  it.each(['2026-01-06T09:30:00Z', '2026-01-06T09:30:00+02:00', '2026-01-06T09:30:00.123-05:30'])(
    '%s with an offset is accepted',
    (timestamp) => {
      expect(validateEvent(variant('MODE_CHANGED', 'timestamp', timestamp), NOW).ok).toBe(true);
    },
  );

  it('more than one day after now is future_timestamp; up to a day is clock skew', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
    expect(validateEvent(variant('MODE_CHANGED', 'timestamp', at(MAX_FUTURE_MS)), NOW).ok).toBe(
      true,
    );
    expect(validateEvent(variant('MODE_CHANGED', 'timestamp', at(23 * 3600 * 1000)), NOW).ok).toBe(
      true,
    );
    expectInvalid(
      variant('MODE_CHANGED', 'timestamp', at(MAX_FUTURE_MS + 60_000)),
      'future_timestamp',
      'timestamp',
      /1 day in the future/,
    );
    // The rule is measured against the given now, not the wall clock.
    const event = variant('MODE_CHANGED', 'timestamp', at(10 * MAX_FUTURE_MS));
    expect(validateEvent(event, new Date(NOW.getTime() + 10 * MAX_FUTURE_MS)).ok).toBe(true);
  });

  it('an offset counts: 23:30-05:00 the next day is in UTC more than a day ahead', () => {
    // 2026-01-10T23:30-05:00 = 2026-01-11T04:30Z: more than a day after NOW.
    expectInvalid(
      variant('MODE_CHANGED', 'timestamp', '2026-01-11T23:30:00-05:00'),
      'future_timestamp',
      'timestamp',
    );
  });
});

describe('event type and shape', () => {
  it('an unknown event_type is unknown_event_type naming the value', () => {
    const event = variant('MODE_CHANGED', 'event_type', 'APPLICATION_DELETED');
    expectInvalid(event, 'unknown_event_type', 'event_type', /APPLICATION_DELETED/);
    expectInvalid(
      variant('MODE_CHANGED', 'event_type', 'mode_changed'),
      'unknown_event_type',
      'event_type',
    );
  });

  it.each([[null], [[1, 2]], [42], ['text']])('%p is not_an_object', (value) => {
    expectInvalid(value, 'not_an_object', '', /JSON object/);
  });

  it.each(['{"event_id": ', 'not json', '{"a":1}}'])('line %p is invalid_json', (line) => {
    expect(validateLine(line, NOW)).toMatchObject({
      ok: false,
      reason: 'invalid_json',
      field: '',
      message: expect.stringMatching(/not valid JSON/),
    });
  });

  it('validateLine applies the same rules as validateEvent', () => {
    const line = JSON.stringify(variant('STATUS_CHANGED', 'outcome.status', 'hired'));
    expect(validateLine(line, NOW)).toMatchObject({
      ok: false,
      reason: 'invalid_value',
      field: 'outcome.status',
    });
  });
});

describe('text must be Unicode (the contract says UTF-8)', () => {
  // `\ud800` is a high surrogate with no low one: no UTF-8 text can hold it. Accepted, it was
  // stored and then every DuckDB read of the payload failed, the facts rebuild of every later
  // ingest into the store included.
  const lone = 'lone-\ud800-x';
  it.each([
    ['APPLICATION_CREATED', 'event_id'],
    ['RESUME_SNAPSHOT', 'resume.skills.1'],
    ['SUGGESTION_ACCEPTED', 'suggested_content.text'],
  ] as const)('a lone surrogate in %s %s is invalid_encoding naming the field', (type, path) => {
    const event =
      path === 'resume.skills.1'
        ? variant(type, 'resume.skills', ['SQL', lone])
        : path === 'suggested_content.text'
          ? variant(type, 'suggested_content', { text: lone })
          : variant(type, path, lone);
    expectInvalid(event, 'invalid_encoding', path, /well-formed Unicode/);
    expect(validateLine(JSON.stringify(event), NOW)).toMatchObject({
      ok: false,
      reason: 'invalid_encoding',
      field: path,
    });
  });

  it('a lone surrogate in a key is invalid_encoding naming the object', () => {
    const event = variant('USER_PROFILE_UPDATED', 'protected_attributes', { [lone]: 'x' });
    expectInvalid(event, 'invalid_encoding', 'protected_attributes', /key/);
  });

  it('pairs, escaped or not, and an escaped backslash before "ud800" are text', () => {
    // JSON text: an escaped pair, the character itself, an escaped backslash then "ud800".
    for (const text of ['\\ud83d\\ude00', '😀', '\\\\ud800']) {
      const line = JSON.stringify(variant('APPLICATION_CREATED', 'job_id', 'x')).replace(
        '"job_id":"x"',
        `"job_id":"${text}"`,
      );
      expect(validateLine(line, NOW)).toMatchObject({ ok: true });
    }
  });
});

describe('consistency: score_delta', () => {
  it.each(RESUME_TYPES)('%s: score_delta within 0.01 of after - before is accepted', (type) => {
    for (const delta of [11, 11.01, 10.99, 11.005]) {
      expect(validateEvent(variant(type, 'score_delta', delta), NOW).ok).toBe(true);
    }
  });

  it.each(RESUME_TYPES)('%s: score_delta off by more than 0.01 is inconsistent_value', (type) => {
    for (const delta of [11.02, 10.98, -11, 0]) {
      expectInvalid(
        variant(type, 'score_delta', delta),
        'inconsistent_value',
        'score_delta',
        /after_score - before_score \(11\.00\) within 0\.01/,
      );
    }
  });

  it('a negative delta matches a score that went down', () => {
    const event = variant('SCORE_CHANGED', 'before_score', 90);
    event.after_score = 75.5;
    event.score_delta = -14.5;
    expect(validateEvent(event, NOW).ok).toBe(true);
  });
});

describe('defaults and extra fields', () => {
  it.each(EVENT_TYPES)('%s keeps unknown extra fields, top-level and nested', (type) => {
    const event = { ...exampleEvents()[type], producer: 'resume-service', trace: { id: 7 } };
    const result = validateEvent(event, NOW);
    expect(result).toMatchObject({ ok: true, event: { producer: 'resume-service' } });
    if (result.ok) expect((result.event as unknown as Json).trace).toEqual({ id: 7 });
  });

  it('keeps unknown nested fields inside known objects', () => {
    const event = variant('APPLICATION_CREATED', 'context.ab_bucket', 3);
    const result = validateEvent(event, NOW);
    expect(result.ok && (result.event as unknown as { context: Json }).context.ab_bucket).toBe(3);
  });

  it('schema_version defaults to 1 and keeps a given integer', () => {
    const absent = validateEvent(exampleEvents().MODE_CHANGED, NOW);
    expect(absent).toMatchObject({ ok: true, event: { schema_version: 1 } });
    const given = validateEvent(variant('MODE_CHANGED', 'schema_version', 2), NOW);
    expect(given).toMatchObject({ ok: true, event: { schema_version: 2 } });
  });

  it('consent flags default to true when consent is given without them', () => {
    const empty = validateEvent(variant('USER_PROFILE_UPDATED', 'consent', {}), NOW);
    expect(empty).toMatchObject({
      ok: true,
      event: { consent: { market_insights: true, personalization: true } },
    });
    const partial = validateEvent(
      variant('USER_PROFILE_UPDATED', 'consent', { personalization: false }),
      NOW,
    );
    expect(partial).toMatchObject({
      ok: true,
      event: { consent: { market_insights: true, personalization: false } },
    });
  });

  it('the first problem is reported, one field at a time', () => {
    const event = variant('APPLICATION_CREATED', 'context.fit_score', 140);
    (event.context as Json).category = 'stretch';
    const result = validateEvent(event, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['context.fit_score', 'context.category']).toContain(result.field);
  });
});

describe('bounds on numbers the contract leaves open', () => {
  // [type, field, value, valid?]: each bound just inside and just outside, and the absurd.
  const cases: [EventType, string, unknown, boolean][] = [
    ['STATUS_CHANGED', 'outcome.days_to_response', 3650, true],
    ['STATUS_CHANGED', 'outcome.days_to_response', 3650.5, false],
    ['STATUS_CHANGED', 'outcome.days_to_response', 1e300, false],
    ['MODE_CHANGED', 'metrics.total_applications', 100_000, true],
    ['MODE_CHANGED', 'metrics.total_applications', 100_001, false],
    ['PLAN_GENERATED', 'metrics.applications_last_7_days', 10_000, true],
    ['PLAN_GENERATED', 'metrics.applications_last_7_days', 10_001, false],
    ['RESUME_SNAPSHOT', 'resume.page_count', 100, true],
    ['RESUME_SNAPSHOT', 'resume.page_count', 101, false],
    ['USER_PROFILE_UPDATED', 'profile.salary_target', 1e12, true],
    ['USER_PROFILE_UPDATED', 'profile.salary_target', 1e13, false],
    ['USER_PROFILE_UPDATED', 'profile.salary_target', -1, false],
    ['JOB_POSTED', 'salary_min', 0, true],
    ['JOB_POSTED', 'salary_min', -50_000, false],
    ['JOB_POSTED', 'salary_max', 1e300, false],
  ];
  it.each(cases)('%s %s = %p valid: %p', (type, field, value, valid) => {
    const event = variant(type, field, value);
    if (valid) expect(validateEvent(event, NOW)).toMatchObject({ ok: true });
    else expectInvalid(event, 'out_of_range', field, /(>=|<=)/);
  });

  it('names the field, the bound and the value', () => {
    const result = validateEvent(variant('STATUS_CHANGED', 'outcome.days_to_response', 1e300), NOW);
    expect(result).toEqual({
      ok: false,
      reason: 'out_of_range',
      field: 'outcome.days_to_response',
      message: 'outcome.days_to_response: Too big: expected number to be <=3650 (got 1e+300)',
    });
  });
});
