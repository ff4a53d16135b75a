import {
  anonymizeRecord,
  auditArtifacts,
  cityOf,
  DEFAULT_PRIVACY_AUDIT_SETTINGS,
  findPersonalData,
  roleFamily,
  scrubDeep,
  scrubText,
  suppressSmallCells,
  weekOf,
} from './index';

describe('scrubText', () => {
  it('removes e-mails, phone numbers and URLs and keeps the rest', () => {
    const text =
      'Contact: ana.lopez@example.com, +1 415 555 1234. See https://ana.dev/cv or linkedin.com/in/ana. Led 12 people in 2024-01-05 to 2024 goals.';
    expect(scrubText(text)).toBe(
      'Contact: [email], [phone]. See [url] or [url]. Led 12 people in 2024-01-05 to 2024 goals.',
    );
  });
  it('finds phones in common shapes but not dates, years or percentages', () => {
    const kinds = (s: string) => findPersonalData(s).map((m) => m.kind);
    expect(kinds('(415) 555-1234')).toEqual(['phone']);
    expect(kinds('+44 20 7946 0958')).toEqual(['phone']);
    expect(kinds('020.7946.0958')).toEqual(['phone']);
    expect(kinds('from 2019-03-01 grew revenue 35% to 120000 users in 2021')).toEqual([]);
    expect(kinds('{"rate":0.15384615384615385,"avg":129856.6739606127}')).toEqual([]);
  });
  it('scrubs every string of a nested value', () => {
    expect(scrubDeep({ a: ['x@y.io'], b: { c: 'call 555 123 4567' }, n: 3 })).toEqual({
      a: ['[email]'],
      b: { c: 'call [phone]' },
      n: 3,
    });
  });
});

describe('anonymization', () => {
  it('cuts time to the ISO week (Monday, UTC)', () => {
    expect(weekOf('2026-01-07T23:59:00Z')).toBe('2026-01-05'); // Wednesday
    expect(weekOf('2026-01-05T00:00:00Z')).toBe('2026-01-05'); // Monday
    expect(weekOf('2026-01-04T23:59:59Z')).toBe('2025-12-29'); // Sunday
  });
  it('cuts locations to the city and titles to the role family', () => {
    expect(cityOf('221B Baker Street, London, UK')).toBe('London');
    expect(cityOf('Toronto')).toBe('Toronto');
    expect(roleFamily('Senior Data Engineer II')).toBe('Data Engineer');
    expect(roleFamily('Staff Software Engineer')).toBe('Software Engineer');
  });
  it('drops identifying fields of a record', () => {
    expect(
      anonymizeRecord({
        user_id: 'user-00001',
        company: 'Acme',
        job_title: 'Senior X',
        submitted_at: '2026-01-07T10:00:00Z',
        job_location: '1 Main St, Austin, TX',
        fit_score: 70,
      }),
    ).toEqual({ submitted_week: '2026-01-05', job_location: 'Austin', fit_score: 70 });
  });
});

describe('suppressSmallCells', () => {
  it('keeps cells of at least k users and counts the rest', () => {
    const r = suppressSmallCells([{ u: 9 }, { u: 10 }, { u: 30 }], (c) => c.u, 10);
    expect(r.cells).toEqual([{ u: 10 }, { u: 30 }]);
    expect(r.suppressed_cells).toBe(1);
  });
});

describe('auditArtifacts', () => {
  it('passes clean aggregates and fails on each planted leak', () => {
    const clean = JSON.stringify({ cells: [{ segment: 'senior', user_count: 12, rate: 0.2 }] });
    expect(auditArtifacts([{ name: 'a.json', text: clean }]).status).toBe('pass');
    const leaks = [
      JSON.stringify({ note: 'user-00042 did well' }),
      JSON.stringify({ s: 'mail me at a.b@c.com' }),
      JSON.stringify({ s: 'phone +1 415 555 1234' }),
      JSON.stringify({ cells: [{ segment: 'x', user_count: 3 }] }),
    ];
    const r = auditArtifacts(leaks.map((text, i) => ({ name: `l${i}.json`, text })));
    expect(r.status).toBe('fail');
    expect(r.by_kind).toEqual({ user_id: 1, email: 1, phone: 1, url: 0, small_cell: 1 });
    expect(r.findings.find((f) => f.kind === 'email')?.excerpt).toBe('a.*******');
  });
  it("passes the engine's own shapes: date-times, company sizes, large counts", () => {
    const view = JSON.stringify(
      {
        period: { label: 'all', start: '1970-01-01 00:00:00', end: '9999-12-31 00:00:00' },
        as_of: '2025-12-31 23:59:44',
        cells: [{ value: '501-1000' }, { value: '1001-5000' }],
        checked_events: 41298000,
        mean: 0.12345678,
      },
      null,
      2,
    );
    const r = auditArtifacts([
      { name: 'view.json', text: view },
      { name: 'view.ndjson', text: `${JSON.stringify({ at: '2025-01-05 10:00:00' })}\n` },
      { name: 'notes.md', text: 'as of 2025-12-31 23:59:44, 1970-01-01 00:00:00 and on' },
    ]);
    expect(r.findings).toEqual([]);
  });
  it('catches phones and e-mails planted in those same shapes', () => {
    const planted = (v: string) =>
      JSON.stringify({ as_of: '2025-12-31 23:59:44', cells: [{ value: v }] }, null, 2);
    const r = auditArtifacts([
      { name: 'a.json', text: planted('+1 (415) 555-0134') },
      { name: 'b.json', text: planted('415-555-0134') },
      { name: 'c.json', text: planted('jane.doe@example.com') },
      { name: 'd.json', text: planted('call 501-1000 today') },
      { name: 'e.md', text: 'reach me: 415-555-0134' },
    ]);
    expect(r.findings.map((f) => [f.artifact, f.kind, f.line])).toEqual([
      ['a.json', 'phone', 5],
      ['b.json', 'phone', 5],
      ['c.json', 'email', 5],
      ['d.json', 'phone', 5],
      ['e.md', 'phone', 1],
    ]);
  });
  it("passes a user's own view (one id, only as user_id) and fails any other id", () => {
    const own = JSON.stringify({
      performance: { user_id: 'user-00007' },
      patterns: { user_id: 'user-00007' },
    });
    expect(auditArtifacts([{ name: 'own.json', text: own }]).status).toBe('pass');
    const leaks = [
      JSON.stringify({ a: { user_id: 'user-00007' }, b: { user_id: 'user-00008' } }),
      JSON.stringify({ user_id: 'user-00007', note: 'user-00007' }),
      JSON.stringify({ owner: 'user-00007' }),
    ];
    for (const text of leaks) {
      expect(auditArtifacts([{ name: 'x.json', text }]).by_kind.user_id).toBeGreaterThan(0);
    }
    const strict = { ...DEFAULT_PRIVACY_AUDIT_SETTINGS, subject_field: null };
    expect(auditArtifacts([{ name: 'own.json', text: own }], strict).by_kind.user_id).toBe(2);
  });
  it('finds known ids of any shape and ignores suppressed cells', () => {
    const settings = { ...DEFAULT_PRIVACY_AUDIT_SETTINGS, known_user_ids: ['alice_77'] };
    const text = '{"by":"alice_77","cells":[{"user_count":2,"suppressed":true}]}';
    const r = auditArtifacts([{ name: 'x', text }], settings);
    expect(r.by_kind.user_id).toBe(1);
    expect(r.by_kind.small_cell).toBe(0);
  });
});
