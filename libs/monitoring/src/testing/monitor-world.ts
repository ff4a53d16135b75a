import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { createRng, logistic, sigmoid } from '@hirelearn/stats';
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
 * A simulated world whose hiring market may turn mid-way: from `change_at` on, each
 * submitted application that did not reach an interview gets one with probability
 * `interviewBoost` (two days after submission). libs/sim has no outcome change point, so
 * the turn is applied to the event log here, seeded. A logistic model of reached_interview on
 * fit score, resume score and tailoring is trained on the applications before `change_at`
 * and logs a prediction for every application at its submission.
 */
export async function buildMonitorWorld(options: {
  readonly users: number;
  readonly months: number;
  readonly seed: number;
  readonly interviewBoost: number;
}): Promise<MonitorWorld> {
  const settings = defaultSimSettings({
    users: options.users,
    months: options.months,
    seed: options.seed,
  });
  const world = simulateWorld(settings);
  const start = Date.parse(settings.startDate);
  const end = Date.parse(settings.endDate);
  const changeAt = start + (end - start) / 2;
  const rng = createRng(options.seed + 1000);
  const lines = [...world.lines];
  if (options.interviewBoost > 0) {
    const interviewed = new Set<string>();
    const submitted: { app: string; job: string; user: string; t: number }[] = [];
    for (const line of world.lines) {
      const e = JSON.parse(line) as Record<string, unknown>;
      if (e.event_type === 'STATUS_CHANGED') {
        const status = (e.outcome as { status?: string } | undefined)?.status;
        if (status === 'interview' || status === 'offer') interviewed.add(String(e.application_id));
      } else if (e.event_type === 'APPLICATION_SUBMITTED') {
        submitted.push({
          app: String(e.application_id),
          job: String(e.job_id),
          user: String(e.user_id),
          t: Date.parse(String(e.timestamp)),
        });
      }
    }
    submitted.sort((a, b) => a.app.localeCompare(b.app));
    for (const s of submitted) {
      if (s.t < changeAt || interviewed.has(s.app)) continue;
      if (rng.uniform() >= options.interviewBoost) continue;
      const t = s.t + 2 * 86_400_000;
      if (t >= end) continue;
      lines.push(
        JSON.stringify({
          event_id: `ev-turn-${s.app}`,
          event_type: 'STATUS_CHANGED',
          user_id: s.user,
          timestamp: new Date(t).toISOString().replace('.000Z', 'Z'),
          application_id: s.app,
          job_id: s.job,
          outcome: { status: 'interview', days_to_response: 2 },
        }),
      );
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-monitor-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
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
