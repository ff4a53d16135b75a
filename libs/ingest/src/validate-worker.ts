// Worker-thread entry: validates the batches the pool sends, in the order they arrive.
import { parentPort } from 'node:worker_threads';
import { validateLines } from './validate-lines';
import { unpackLines, type PackedLines } from './validator-pool';

parentPort?.on('message', (batch: PackedLines & { nowMs: number }) => {
  parentPort?.postMessage(validateLines(unpackLines(batch), batch.nowMs));
});
