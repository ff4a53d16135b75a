// Worker-thread entry of the prediction log (bundled beside each service's main.js): opens
// its own connection to the document store and writes the batches the log sends, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { openDocumentStore } from '@hirelearn/store';
import { storeSink, type SinkReply, type SinkRequest } from './prediction-sink';

const { url, writeBatch } = workerData as { url: string; writeBatch: number };
const documents = openDocumentStore(url);
const sink = documents.then((d) => storeSink(d, writeBatch));
let queue: Promise<unknown> = Promise.resolve();

parentPort?.on('message', (request: SinkRequest) => {
  queue = queue.then(async () => {
    let reply: SinkReply;
    if (request.kind === 'close') {
      await (await documents).close();
      reply = { id: request.id, inserted: 0, failed: 0 };
    } else {
      try {
        reply = { id: request.id, ...(await (await sink).write(request.pending)) };
      } catch {
        reply = { id: request.id, inserted: 0, failed: request.pending.length };
      }
    }
    parentPort?.postMessage(reply);
  });
});
