/**
 * `hirelearn plan` through the built CLI on a small simulated world: the recommended plan with
 * its trade-off, the SVG written where asked, zero hours answered with the reason (exit 0, no
 * chart), an unknown user and a bad --hours-per-week refused with exit 1 naming why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { runCli } from './support/cli';
import { simulatedCliWorld } from './support/cli-world';

interface PlanJson {
  status: string;
  reason: string;
  basis: string;
  recommended: { hours_per_week: number } | null;
  front: unknown[];
  trade_off: string;
  svg_file: string | null;
}

describe('hirelearn plan', () => {
  const world = simulatedCliWorld(
    'plan-cli-',
    { users: 40, months: 3, seed: 11 },
    { documents: true },
  );
  const user = 'user-00001';

  it('prints the recommended plan and its trade-off, and writes the chart', () => {
    const svg = `${world.dir}/plan.svg`;
    const r = runCli(['plan', '--user', user, '--hours-per-week', '8', '--svg', svg], world.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^plan for user-00001 \(own history shrunk toward /);
    expect(r.stdout).toMatch(/\nRecommended: [\d.]+ applications a week \(/);
    expect(r.stdout).toContain(`chart: ${svg}`);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const json = world.json<PlanJson>(['plan', '--user', user, '--hours-per-week', '8']);
    expect(json).toMatchObject({ status: 'ok', basis: 'personal', svg_file: null });
    expect(json.recommended!.hours_per_week).toBeLessThanOrEqual(8 + 1e-9);
  });

  it('zero hours a week: the reason and no chart', () => {
    const svg = `${world.dir}/none.svg`;
    const r = runCli(['plan', '--user', user, '--hours-per-week', '0', '--svg', svg], world.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no feasible plan: 0 h a week cannot hold 1 application(s) a week');
    expect(r.stdout).toContain('chart: not written, there is no front to draw');
    expect(existsSync(svg)).toBe(false);
  });

  it('refuses an unknown user and a bad --hours-per-week, naming why', () => {
    const unknown = runCli(['plan', '--user', 'nobody'], world.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "hirelearn: no plan: user 'nobody' is unknown: no profile and no application is stored for them",
    );
    const bad = runCli(['plan', '--user', user, '--hours-per-week', 'ten'], world.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--hours-per-week: 'ten' must be a number >= 0");
  });
});
