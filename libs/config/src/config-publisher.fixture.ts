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
  const channel = new ConfigChannel({ documents });
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
