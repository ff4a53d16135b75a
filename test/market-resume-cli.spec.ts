import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { requireBuiltCli, runCli } from './support/cli';

/** `hirelearn market companies|roles|industries` and `hirelearn resume dna|match` on a small simulated world. */
describe('market intelligence and resume DNA through the CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'market-resume-cli-'));
  const env = {
    HIRELEARN_DB: `duckdb://${dir}/store.duckdb`,
    HIRELEARN_DOCUMENTS: `sqlite://${dir}/documents.sqlite`,
  };
  const json = <T>(args: string[]): T => {
    const r = runCli([...args, '--json'], env);
    if (r.code !== 0) throw new Error(`hirelearn ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  };

  beforeAll(() => {
    requireBuiltCli();
    const sim = runCli([
      'simulate',
      '--users',
      '400',
      '--months',
      '12',
      '--seed',
      '7',
      '--out',
      `${dir}/world`,
    ]);
    expect(sim.code).toBe(0);
    expect(runCli(['ingest', `${dir}/world/events.ndjson`], env).code).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ranks companies by velocity with urgency by the cut-offs and the evidence', () => {
    const r = json<{
      companies: {
        velocity: number;
        urgency: string;
        basis: string;
        evidence: { monthly_postings: number[] };
      }[];
    }>(['market', 'companies', '--top', '5']);
    expect(r.companies).toHaveLength(5);
    for (const [i, c] of r.companies.entries()) {
      if (i > 0) expect(c.velocity).toBeLessThanOrEqual(r.companies[i - 1].velocity);
      expect(c.urgency).toBe(c.velocity >= 0.7 ? 'high' : c.velocity >= 0.4 ? 'medium' : 'low');
      expect(c.evidence.monthly_postings).toHaveLength(6);
    }
    const bad = runCli(['market', 'companies', '--top', '0'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--top must be a whole number >= 1, got '0'/);
  });

  it('gives role demand with a forecast and applications per opening', () => {
    const r = json<{
      roles: {
        role: string;
        openings: number;
        competition_index: number | null;
        forecast: { forecast: unknown[] };
      }[];
      k: number;
    }>(['market', 'roles']);
    expect(r.roles.length).toBeGreaterThanOrEqual(6);
    expect(r.roles.every((x) => x.openings > 0 && x.forecast.forecast.length === 3)).toBe(true);
    expect(r.roles.some((x) => x.competition_index !== null && x.competition_index > 0)).toBe(true);
  });

  it('shows the resume DNA library and matches a user to it', () => {
    const lib = json<{
      roles: { role: string; patterns: unknown[] }[];
      suppressed_roles: number;
      k: number;
    }>(['resume', 'dna']);
    expect(lib.k).toBe(10);
    expect(lib.roles.length + lib.suppressed_roles).toBeGreaterThanOrEqual(6);
    const role = lib.roles[0].role;
    const one = json<{ roles: { role: string }[] }>(['resume', 'dna', '--role', role]);
    expect(one.roles.map((r) => r.role)).toEqual([role]);
    const m = json<{ status: string; user_id: string; gaps: { verdict: string }[] }>([
      'resume',
      'match',
      'user-00001',
    ]);
    expect(m.user_id).toBe('user-00001');
    expect(['ok', 'no_patterns', 'role_not_in_library']).toContain(m.status);
    // No stored attribution here: every gap is untested, none withheld.
    expect(m.gaps.every((g) => g.verdict === 'untested')).toBe(true);
  });
});
