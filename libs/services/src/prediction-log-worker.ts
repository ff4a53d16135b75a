// Worker-thread entry of the prediction log (bundled beside each service's main.js): opens
// its own connection to the document store and writes the batches the log sends, in order.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDocumentStore } from '@hirelearn/store';
import { storeSink, type PendingBatch, type SinkReply, type SinkRequest } from './prediction-sink';

const { url, writeBatch } = workerData as { url: string; writeBatch: number };

// Linux keeps a nice value per thread and pid 0 names the calling thread: the writer yields
// the CPU to the thread answering calls when both want it, and takes the idle time.
try {
  setPriority(0, 10);
} catch {
  // Not permitted or not supported here: the writer runs at the service's priority.
}
const documents = openDocumentStore(url);
const sink = documents.then((d) => storeSink(d, writeBatch));
// A store that cannot be opened fails each write (counted by the log), not the thread.
sink.catch(() => undefined);
let queue: Promise<unknown> = Promise.resolve();

parentPort?.on('message', (request: SinkRequest) => {
  queue = queue.then(async () => {
    let reply: SinkReply;
    if (request.kind === 'close') {
      // A store that never opened has nothing to close; the answer must come back either way.
      await documents.then((d) => d.close()).catch(() => undefined);
      reply = { id: request.id, inserted: 0, failed: 0 };
    } else {
      try {
        const batches = JSON.parse(request.batches) as PendingBatch[];
        reply = { id: request.id, ...(await (await sink).write(batches)) };
      } catch {
        reply = { id: request.id, inserted: 0, failed: request.size };
      }
    }
    parentPort?.postMessage(reply);
  });
});
