/**
 * The ensemble as the built service runs it, for the serving benches: MODEL.json registered and
 * promoted in a scratch registry (SQLite documents under DIR), served with its prediction log.
 * The log runs on its worker thread with its own connection, as in the built app; `inThread`
 * puts it on the service's thread (as when the worker script is missing), `off` drops it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as pb from '@hirelearn/proto';
import type { ServiceBinding } from '@hirelearn/rpc';
import { Registry } from '@hirelearn/registry';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import {
  DEFAULT_ENSEMBLE_PREDICTOR,
  ensemblePredictorBindings,
  PredictionLog,
  registryView,
  servedEnsemble,
  storeSink,
  workerSink,
} from '@hirelearn/services';

export type LogPlacement = 'worker' | 'inThread' | 'off';

export interface BenchEnsemble {
  readonly served: ReturnType<typeof servedEnsemble>;
  readonly log: PredictionLog | null;
  readonly documents: DocumentStore;
  readonly bindings: ServiceBinding[];
  close(): Promise<void>;
}

export async function benchEnsemble(
  dir: string,
  modelPath: string,
  options: { useOnnx?: boolean; log?: LogPlacement } = {},
): Promise<BenchEnsemble> {
  const url = `sqlite://${path.join(dir, 'docs.sqlite')}`;
  const documents = await openDocumentStore(url);
  const registry = await Registry.open({ documents, artifactsDir: path.join(dir, 'a') });
  await registry.register({
    model: 'ensemble',
    content: readFileSync(modelPath),
    format: 'json_params',
    metrics: {},
    training_data_window: { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' },
    seed: 1,
    code_version: 'bench',
    settings_hash: 'bench',
    registered_by: 'bench',
  });
  await registry.promote('ensemble', 1, { by: 'bench', reason: 'bench' });
  const settings = { ...DEFAULT_ENSEMBLE_PREDICTOR, useOnnx: options.useOnnx ?? true };
  const served = servedEnsemble(registryView(registry), settings);
  await served.start();
  const placement = options.log ?? 'worker';
  const sink =
    placement === 'off'
      ? null
      : placement === 'inThread'
        ? storeSink(documents)
        : workerSink(workerShim(dir), url);
  if (placement === 'worker' && !sink) throw new Error("the prediction log's worker did not start");
  const log = sink ? new PredictionLog(sink) : null;
  return {
    served,
    log,
    documents,
    bindings: ensemblePredictorBindings(served, log, settings),
    async close() {
      await log?.close();
      served.stop();
      registry.close();
      await documents.close();
    },
  };
}

/** From source, the log's worker loads the TypeScript entry through tsx's require hook. */
function workerShim(dir: string): string {
  const shim = path.join(dir, 'prediction-log-worker.js');
  const entry = path.resolve(__dirname, '../../libs/services/src/prediction-log-worker.ts');
  writeFileSync(
    shim,
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(entry)});\n`,
  );
  return shim;
}

/** The benches' application number i: 100 users, the technical fit varying with i. */
export const benchApplication = (i: number): pb.ApplicationFeatures =>
  pb.ApplicationFeatures.fromPartial({
    application_id: `a-${i}`,
    user_id: `u-${i % 100}`,
    strategy_mode: 'BALANCED',
    fit_components: { technical: 40 + (i % 50), seniority: 80, experience: 60, signal: 55 },
    category: 'target',
    job: { seniority: 'mid' },
    resume_score: 72,
    tailoring_applied: true,
    user_seniority: 'mid',
  });
