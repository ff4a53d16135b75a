import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { DEFAULT_COLD_START, type ColdStartEvaluationUser } from '@hirelearn/ml';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { loadColdStartUsers } from '../cold-start-data';

/** Users who signed up before the cutoff (to train on) and after it (to score), with true rates. */
export interface ColdStartWorld {
  readonly train: readonly ColdStartEvaluationUser[];
  readonly evaluated: readonly ColdStartEvaluationUser[];
  readonly cutoff: string;
}

/**
 * A simulated world read the way production reads it (events ingested into an in-memory
 * store, users loaded by `loadColdStartUsers`), split at the sign-up cutoff that leaves
 * `trainShare` of the users before it. Every user with at least `horizon` scored
 * applications carries `true_rate`: the simulator's own interview probability averaged over
 * the same first applications (libs/sim `world.applications`), the evaluation's ceiling.
 */
export async function buildColdStartWorld(options: {
  readonly users: number;
  readonly months: number;
  readonly seed: number;
  readonly trainShare?: number;
  /** The world's `population.dayOneSignal` (absent: the default world). */
  readonly dayOneSignal?: number;
  /** Runs against the ingested store before it closes (e.g. `trainModel`). */
  readonly withStore?: (store: EventStore) => Promise<void>;
}): Promise<ColdStartWorld> {
  const world = simulateWorld(
    defaultSimSettings({
      users: options.users,
      months: options.months,
      seed: options.seed,
      ...(options.dayOneSignal === undefined
        ? {}
        : { population: { dayOneSignal: options.dayOneSignal } }),
    }),
  );
  const truth = new Map(world.applications.map((a) => [a.application_id, a.probability]));
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-cold-start-'));
  const store = await EventStore.open('duckdb::memory:');
  try {
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    await ingest(store, [file]);
    const horizon = DEFAULT_COLD_START.horizon;
    const { users } = await loadColdStartUsers(store, { establishedApplications: horizon });
    const firsts = await store.rows(
      `SELECT user_id, list(application_id ORDER BY coalesce(submitted_at, created_at), application_id) AS ids
       FROM applications WHERE final_status <> 'pending' GROUP BY 1`,
    );
    const trueRate = new Map<string, number>();
    for (const r of firsts) {
      const ids = (r.ids as string[]).slice(0, horizon);
      const ps = ids.map((id) => truth.get(id)).filter((p): p is number => p !== undefined);
      if (ps.length === ids.length) {
        trueRate.set(String(r.user_id), ps.reduce((a, b) => a + b, 0) / ps.length);
      }
    }
    const withTruth = users
      .filter((u) => trueRate.has(u.user_id))
      .map((u) => ({ ...u, true_rate: trueRate.get(u.user_id) }));
    await options.withStore?.(store);
    const times = withTruth.map((u) => u.signed_up_at).sort();
    const cutoff = times[Math.floor((options.trainShare ?? 0.7) * times.length)];
    return {
      train: withTruth.filter((u) => u.signed_up_at < cutoff),
      evaluated: withTruth.filter((u) => u.signed_up_at >= cutoff),
      cutoff,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
