// Bundles each app's entry point with esbuild: workspace libs are inlined (tsconfig paths),
// packages from node_modules stay external so native modules load from their own folders.
import { build } from 'esbuild';

const entries = {
  'apps/cli/main': 'apps/cli/src/main.ts',
  // Loaded by the CLI's ingest as worker threads, from the folder of main.js.
  'apps/cli/validate-worker': 'libs/ingest/src/validate-worker.ts',
  // Loaded by the CLI's attribution as worker threads (one treatment at a time), next to main.js.
  'apps/cli/attribution-worker': 'libs/attribution/src/attribution-worker.ts',
  // Loaded by the model services (and `serve`) as the prediction log's worker thread.
  'apps/cli/prediction-log-worker': 'libs/services/src/prediction-log-worker.ts',
  'apps/ensemble-predictor/prediction-log-worker': 'libs/services/src/prediction-log-worker.ts',
  'apps/fit-score-learner/prediction-log-worker': 'libs/services/src/prediction-log-worker.ts',
  'apps/cold-start-embedder/prediction-log-worker': 'libs/services/src/prediction-log-worker.ts',
  'apps/registry/main': 'apps/registry/src/main.ts',
  'apps/drift-monitor/main': 'apps/drift-monitor/src/main.ts',
  'apps/ensemble-predictor/main': 'apps/ensemble-predictor/src/main.ts',
  'apps/fit-score-learner/main': 'apps/fit-score-learner/src/main.ts',
  'apps/cold-start-embedder/main': 'apps/cold-start-embedder/src/main.ts',
  'apps/learning-engine/main': 'apps/learning-engine/src/main.ts',
};

await build({
  entryPoints: Object.entries(entries).map(([out, entry]) => ({ out, in: entry })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
