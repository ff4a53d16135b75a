// Worker-thread entry: validates the batches the pool sends, in the order they arrive.
import { parentPort } from 'node:worker_threads';
import { transferablesOf, validateBatch } from './validate-lines';
import { unpackLines, type PackedLines } from './validator-pool';

parentPort?.on('message', (batch: PackedLines & { nowMs: number }) => {
  const validated = validateBatch(unpackLines(batch), batch.nowMs);
  parentPort?.postMessage(validated, transferablesOf(validated));
});
