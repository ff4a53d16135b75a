import { join } from 'node:path';
import { DEFAULT_COLD_START_PORT, modelServiceSettings } from '@hirelearn/services';

/** Read from the environment once (HIRELEARN_REGISTRY_ADDRESS, HIRELEARN_DOCUMENTS, HIRELEARN_COLD_START_PORT, ...). */
export const settings = modelServiceSettings(process.env, 'COLD_START', DEFAULT_COLD_START_PORT, {
  // Bundled beside main.js by tools/build.mjs: the prediction log writes on a worker thread.
  predictionLogWorker: join(__dirname, 'prediction-log-worker.js'),
});
