import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  DeliveryLog,
  type DeliveryInput,
  type InsightQualityReport,
} from '@hirelearn/insight-quality';
import { openDocumentStore } from '@hirelearn/store';
import { simulatedCliWorld } from './support/cli-world';
import { runCli } from './support/cli';

/**
 * `hirelearn insights quality` through the built CLI on a small simulated world: nothing
 * delivered says so; deliveries logged halfway through are measured on the second half, each
 * figure with its n, and withheld on fewer users than the minimum; `--since` selects by
 * delivery time; `hirelearn erase` takes a user's deliveries with the rest of their records.
 */

const world = simulatedCliWorld(
  'hirelearn-insight-quality-',
  { users: 80, months: 6, seed: 5 },
  {
    documents: true,
  },
);

const quality = (args: string[] = []) =>
  world.json<InsightQualityReport>(['insights', 'quality', ...args]);

function worldUsers(): { users: string[]; mid: string } {
  const truth = JSON.parse(readFileSync(path.join(world.dir, 'world', 'truth.json'), 'utf8')) as {
    window: { start: string; end: string };
  };
  const users = new Set<string>();
  for (const line of readFileSync(path.join(world.dir, 'world', 'events.ndjson'), 'utf8').split(
    '\n',
  )) {
    const m = /"event_type":"USER_PROFILE_UPDATED","user_id":"([^"]+)"/.exec(line);
    if (m) users.add(m[1]);
  }
  const mid = (Date.parse(truth.window.start) + Date.parse(truth.window.end)) / 2;
  return { users: [...users].sort(), mid: new Date(mid).toISOString() };
}

function keywordsInsight(user_id: string, at: string): DeliveryInput {
  return {
    user_id,
    delivered_at: at,
    kind: 'weekly_insight',
    source_id: 'weekly/midpoint',
    action: { type: 'resume_edit', edit_type: 'added_keywords', description: 'add keywords' },
    predicted_effect: {
      metric: 'interview_rate',
      estimate: 0.04,
      interval: [0.01, 0.07],
      unit: 'probability',
    },
    confidence: 'HIGH',
    evidence: [{ kind: 'causal_effect', id: 'run/added_keywords', summary: '+4 points' }],
  };
}

describe('hirelearn insights quality', () => {
  it('says when nothing was delivered yet', () => {
    expect(quality().deliveries.total).toBe(0);
    const r = runCli(['insights', 'quality'], world.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no deliveries logged yet');
  });

  it('measures what was delivered halfway, every figure with its n, withheld below the minimum', async () => {
    const { users, mid } = worldUsers();
    const docs = await openDocumentStore(world.env.HIRELEARN_DOCUMENTS as string);
    try {
      await new DeliveryLog(docs).record([
        ...users.map((u) => keywordsInsight(u, mid)),
        {
          ...keywordsInsight(users[0], mid),
          user_id: null,
          kind: 'nightly_recommendation',
          source_id: 'recommendations/0123456789abcdef',
          action: {
            type: 'config_change',
            layer: 2,
            parameter: 'resume_edit_priority',
            value: ['added_keywords'],
            description: 'suggest keywords first',
          },
        },
      ]);
    } finally {
      await docs.close();
    }
    const report = quality();
    expect(report.deliveries).toMatchObject({
      total: users.length + 1,
      users: users.length,
      system_wide: 1,
      measurable: users.length,
    });
    expect(report.insights).toHaveLength(1);
    const [insight] = report.insights;
    expect(insight.delivered_users).toBe(users.length);
    // Who acted is counted over those who could (not already carrying the edit).
    expect(insight.acted_on.n).toBeLessThanOrEqual(users.length);
    expect(insight.acted_on.n).toBeGreaterThanOrEqual(report.settings.min_users);
    expect(insight.acted_on.interval![0]).toBeLessThanOrEqual(insight.acted_on.rate!);
    // Too few actors with applications on both sides for a realized lift on 80 users.
    expect(insight.lift).toMatchObject({ status: 'insufficient_data', estimate: null });
    expect(insight.lift.reason).toMatch(/^not enough data: \d+ actors .* the minimum is 30$/);
    expect(report.calibration.within_predicted_interval.status).toBe('insufficient_data');
    expect(JSON.stringify(report)).not.toContain(users[0]);

    const text = runCli(['insights', 'quality'], world.env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `${users.length + 1} deliveries (weekly_insight ${users.length}, nightly_recommendation 1)`,
    );
    expect(text.stdout).toMatch(
      /acted on: \d+\.\d% \[\d+\.\d%, \d+\.\d%\] of \d+ deliveries that could be acted on \(\d+ users\)/,
    );
    expect(text.stdout).toContain('edit: added_keywords');
    expect(text.stdout).toContain('not enough data');
  });

  it('selects deliveries by time and refuses a date it cannot read, naming the option', () => {
    const { mid } = worldUsers();
    const after = new Date(Date.parse(mid) + 1000).toISOString();
    expect(quality(['--since', after]).deliveries.total).toBe(0);
    expect(quality(['--until', after]).deliveries.total).toBeGreaterThan(0);
    const bad = runCli(['insights', 'quality', '--since', 'yesterday'], world.env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--since 'yesterday' is not a date");
  });

  it("hirelearn erase takes the user's deliveries with the rest of their records", () => {
    const { users } = worldUsers();
    const before = quality().deliveries;
    const erased = runCli(['erase', users[1], '--json'], world.env);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout).documents_erased).toBeGreaterThanOrEqual(1);
    expect(quality().deliveries).toMatchObject({
      total: before.total - 1,
      users: before.users - 1,
    });
  });
});
