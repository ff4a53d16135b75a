/**
 * A separate process publishing layer 6 on version 0, run by `channel.spec.ts` to prove the
 * channel's compare-and-set holds across processes. Prints `ready` once connected, waits for
 * a line on stdin so all publishers start together, then prints `won` or `lost: <why>`.
 *
 * Usage: node --import tsx config-publisher.fixture.ts <store-url> <technical weight>
 */
import { createInterface } from 'node:readline';
import { openDocumentStore } from '@hirelearn/store';
import { ConfigChannel } from './channel';
import { DEFAULT_CONFIGS } from './layers';

async function main(): Promise<void> {
  const [url, technical] = process.argv.slice(2);
  const documents = await openDocumentStore(url);
  // The clock is read between the publish's read of the head and its compare-and-set: holding
  // it 300 ms lets every publisher read version 0 before any writes, so only the
  // compare-and-set can pick the winner (without the hold, the later ones would just read 1).
  const hold = new Int32Array(new SharedArrayBuffer(4));
  const clock = (): Date => {
    Atomics.wait(hold, 0, 0, 300);
    return new Date();
  };
  const channel = new ConfigChannel({ documents, clock });
  await channel.current(6);
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise((resolve) => lines.once('line', resolve));
  lines.close();
  const t = Number(technical);
  const config = {
    ...DEFAULT_CONFIGS[6],
    weights: { technical: t, seniority: 0.2, experience: 0.2, signal: 0.6 - t },
  };
  const who = `racer-${String(t).slice(-1)}`;
  try {
    await channel.publish(6, config, { by: who, reason: 'race', expected_version: 0 });
    process.stdout.write('won\n');
  } catch (error) {
    process.stdout.write(`lost: ${(error as Error).message}\n`);
  }
  await documents.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
