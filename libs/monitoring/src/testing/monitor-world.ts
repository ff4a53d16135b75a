import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { logistic, sigmoid } from '@hirelearn/stats';
import { EventStore } from '@hirelearn/store';
import type { LoggedPrediction } from '../monitor/types';

/** A simulated store and the predictions a model trained on its first half logged for it. */
export interface MonitorWorld {
  readonly store: EventStore;
  readonly predictions: readonly LoggedPrediction[];
  /** When the world's behaviour changes (or would have); ISO. */
  readonly change_at: string;
}

/**
 * A simulated world whose hiring market may change mid-way (libs/sim `behaviourChange`:
 * `base_rate` by `change` from the middle month; none when `change` is 0), and the
 * predictions a logistic model of reached_interview on fit score, resume score and tailoring,
 * trained on the applications before the change, logs for every application at its
 * submission. For the monitor's detection bench: in-process and fast.
 */
export async function buildMonitorWorld(options: {
  readonly users: number;
  readonly months: number;
  readonly seed: number;
  readonly change: number;
}): Promise<MonitorWorld> {
  const atMonth = Math.max(1, Math.floor(options.months / 2));
  const settings = defaultSimSettings({
    users: options.users,
    months: options.months,
    seed: options.seed,
    ...(options.change !== 0 && {
      behaviourChange: { atMonth, kind: 'base_rate', size: options.change },
    }),
  });
  const world = simulateWorld(settings);
  const start = new Date(settings.startDate);
  start.setUTCMonth(start.getUTCMonth() + atMonth);
  const changeAt = start.getTime();
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-monitor-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, `${world.lines.join('\n')}\n`);
  const store = await EventStore.open('duckdb::memory:');
  await ingest(store, [file]);

  const apps = await store.rows(
    `SELECT application_id, user_id, fit_score, resume_score, tailoring_applied,
       strftime(submitted_at, '%Y-%m-%dT%H:%M:%SZ') AS predicted_at,
       epoch_ms(submitted_at) AS t,
       CASE WHEN reached_interview THEN 1 WHEN final_status <> 'pending' THEN 0 END AS y
     FROM applications WHERE submitted_at IS NOT NULL ORDER BY application_id`,
  );
  const x = (a: Record<string, unknown>) => [
    1,
    Number(a.fit_score) / 100,
    Number(a.resume_score) / 100,
    a.tailoring_applied === true ? 1 : 0,
  ];
  const train = apps.filter((a) => Number(a.t) < changeAt && a.y !== null);
  const fit = logistic(
    train.map(x),
    train.map((a) => Number(a.y)),
  );
  const beta = fit.coefficients;
  const predictions = apps.map((a, i) => {
    const xi = x(a);
    let eta = 0;
    for (let k = 0; k < xi.length; k++) eta += beta[k] * xi[k];
    return {
      _id: `pred-${i}`,
      model: 'interview-likelihood',
      version: 2,
      user_id: String(a.user_id),
      application_id: String(a.application_id),
      inputs_hash: `h${i}`,
      probability: sigmoid(eta),
      predicted_at: String(a.predicted_at),
    };
  });
  return { store, predictions, change_at: new Date(changeAt).toISOString() };
}
