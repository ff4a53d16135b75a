import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runCli, runCliAsync } from './support/cli';
import { simulatedCliWorld } from './support/cli-world';

/** `hirelearn market companies|roles|industries` and `hirelearn resume dna|match` on a small simulated world. */
describe('market intelligence and resume DNA through the CLI', () => {
  const { dir, env, json } = simulatedCliWorld(
    'market-resume-cli-',
    { users: 400, months: 12, seed: 7 },
    { documents: true },
  );

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
    expect(bad.stderr).toContain("--top: '0' must be a whole number >= 1");
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

  it('fetches Crunchbase signals into an NDJSON file that ingests, and velocity reads them', async () => {
    const missing = runCli(['market', 'signals', '--companies', 'Acme'], {
      ...env,
      CRUNCHBASE_API_KEY: '',
    });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/CRUNCHBASE_API_KEY: required/);

    const before = json<{
      as_of: string;
      companies: { company: string; basis: string; evidence: { funding_rounds: number } }[];
    }>(['market', 'companies', '--top', '1']);
    const company = before.companies[0].company;
    const day = before.as_of.slice(0, 10);
    const keys: string[] = [];
    const server = createServer((req, res) => {
      keys.push(String(req.headers['x-cb-user-key']));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          properties: {
            identifier: { uuid: 'org-1', value: company },
            num_employees_enum: 'c_00051_00100',
          },
          cards: {
            raised_funding_rounds: [
              {
                identifier: { uuid: 'round-x' },
                announced_on: day,
                investment_type: 'series_c',
                money_raised: { value_usd: 9e7 },
              },
            ],
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
      const out = `${dir}/signals.ndjson`;
      const r = await runCliAsync(
        ['market', 'signals', '--companies', company, '--base-url', base, '--out', out],
        { ...env, CRUNCHBASE_API_KEY: 'k-test' },
      );
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/crunchbase: 1 companies, 2 signals, 0 not found, 0 failed/);
      expect(keys).toEqual(['k-test']);
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(2);
      expect(runCli(['ingest', out], env).code).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const after = json<{ companies: { company: string; evidence: { funding_rounds: number } }[] }>([
      'market',
      'companies',
      '--top',
      '500',
    ]);
    const c = after.companies.find((x) => x.company === company);
    expect(c?.evidence.funding_rounds).toBe(before.companies[0].evidence.funding_rounds + 1);
  });
});
