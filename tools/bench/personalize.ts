/**
 * The nightly's `personalize` step on a simulated 3,000-user, 12-month world: every user's
 * PersonalizedConfig computed (one query, segment priors, each user's shrinkage) and published
 * per user to a fresh SQLite document store (first night: inserts; second night: a
 * compare-and-set per user). Beside it, in the same process, the baseline: the analytics
 * per-user performance query alone (one aggregation of the same applications).
 *
 *   npx tsx tools/bench/personalize.ts [--users 3000] [--months 12] [--seed 1]
 *
 * The world is the nightly bench's (tools/bench/simulated-store.ts: simulated and ingested once,
 * then reused).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { ALL_TIME, allUserPerformance } from '@hirelearn/analytics';
import { personalizeAll, publishPersonalizedConfigs } from '@hirelearn/personalize';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { timed } from './duckdb-bench';
import { simulatedStore } from './simulated-store';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const BASE_WEIGHTS = { technical: 0.4, seniority: 0.2, experience: 0.2, signal: 0.2 };

async function main(): Promise<void> {
  const db = await simulatedStore(
    Number(arg('users', '3000')),
    Number(arg('months', '12')),
    Number(arg('seed', '1')),
  );
  const store = await EventStore.open(db, { readOnly: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-personalize-'));
  const docs = await openDocumentStore(`sqlite://${path.join(dir, 'documents.sqlite')}`);
  try {
    const baseline = await timed(() => allUserPerformance(store, ALL_TIME));
    const computed = await timed(() => personalizeAll(store, { base_weights: BASE_WEIGHTS }));
    const configs = computed.value;
    const by = (night: number) => ({
      by: 'bench',
      reason: 'bench',
      run_id: `bench-${night}`,
      at: new Date(),
    });
    const first = await timed(() => publishPersonalizedConfigs(docs, configs, by(1)));
    const second = await timed(() => publishPersonalizedConfigs(docs, configs, by(2)));
    const personal = configs.filter((c) => c.basis === 'personal').length;
    console.log(`load average ${loadavg()[0].toFixed(1)}`);
    console.log(
      `users ${configs.length} (${personal} personal, ${configs.length - personal} the segment's)`,
    );
    console.log(`baseline (allUserPerformance, one aggregation) ${baseline.seconds.toFixed(2)} s`);
    console.log(
      `personalizeAll ${computed.seconds.toFixed(2)} s (ratio ${(computed.seconds / baseline.seconds).toFixed(2)})`,
    );
    console.log(
      `publish, first night (inserts) ${first.seconds.toFixed(2)} s: ${first.value.published} published`,
    );
    console.log(
      `publish, next night (compare-and-set per user) ${second.seconds.toFixed(2)} s: ${second.value.published} published, ${second.value.conflicts.length} conflicts`,
    );
    console.log(
      `step total (compute + next-night publish) ${(computed.seconds + second.seconds).toFixed(2)} s`,
    );
  } finally {
    await docs.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
