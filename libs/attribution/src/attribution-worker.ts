// Worker-thread entry (bundled as apps/cli/attribution-worker.js): analyses the treatments the
// pool sends, one at a time, over the table it was started with.
import { parentPort, workerData } from 'node:worker_threads';
import { PackedTable, PoolAnswer, PoolJob, unpackTable } from './attribution-pool';
import { analyzeTreatment } from './run';
import { treatmentSpecs } from './treatments';

const packed = workerData as PackedTable;
const table = unpackTable(packed);
const specs = new Map(treatmentSpecs(table, packed.settings).map((s) => [s.name, s]));

parentPort?.on('message', (job: PoolJob) => {
  const spec = specs.get(job.name);
  let answer: PoolAnswer;
  try {
    answer =
      spec === undefined
        ? { index: job.index, error: 'no such treatment in the table' }
        : { index: job.index, analysis: analyzeTreatment(table, spec, packed.settings) };
  } catch (e) {
    answer = { index: job.index, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(answer);
});
