/**
 * A separate process contending for one document, run by `sqlite-store.spec.ts` to prove
 * that compare-and-set holds across processes, not just across connections of one process.
 *
 * Usage: node --import tsx sqlite-contender.fixture.ts <store-url> <collection> <mode> <n>
 *   mode `claim`: one replaceIf on revision 1, writing `winner: n`; prints `won` or `lost`.
 *   mode `increment`: n read-increment-replaceIf loops, retrying lost races; prints `done`.
 * Prints `ready` once connected, then waits for a line on stdin so all contenders start together.
 */
import { createInterface } from 'node:readline';
import { openDocumentStore } from './open-document-store';
import type { StoredDocument } from './types';

interface Counter extends StoredDocument {
  readonly counter: number;
  readonly winner?: number;
}

async function main(): Promise<void> {
  const [url, name, mode, n] = process.argv.slice(2);
  const store = await openDocumentStore(url);
  const collection = store.collection<Counter>(name);
  const start = await collection.get('contended');
  if (start === null) throw new Error('the contended document must exist before contenders start');
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve) => lines.once('line', resolve));
  lines.close();

  if (mode === 'claim') {
    const won = await collection.replaceIf({ ...start, winner: Number(n) }, 1);
    process.stdout.write(won === null ? 'lost\n' : 'won\n');
  } else {
    for (let done = 0; done < Number(n);) {
      const current = await collection.get('contended');
      if (current === null) throw new Error('the contended document vanished');
      const next = { ...current, counter: current.counter + 1 };
      if ((await collection.replaceIf(next, current.revision ?? 0)) !== null) done += 1;
    }
    process.stdout.write('done\n');
  }
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
