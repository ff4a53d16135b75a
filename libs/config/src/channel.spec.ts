import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDocumentStore } from '@hirelearn/store';
import { describeConfigConformance } from './channel.conformance';
import { ConfigChannel } from './channel';

const directory = mkdtempSync(join(tmpdir(), 'hirelearn-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const url = `sqlite://${join(directory, 'documents.sqlite')}`;

describeConfigConformance('SQLite file', () => openDocumentStore(url));
describeConfigConformance('SQLite in memory', () => openDocumentStore('sqlite::memory:'));

const mongoUri = process.env['MONGODB_URI'];
if (mongoUri) describeConfigConformance('MongoDB', () => openDocumentStore(mongoUri));
else
  describe.skip('configuration channel on MongoDB (skipped: MONGODB_URI is not set)', () => {
    it('runs the channel conformance against a scratch database named by MONGODB_URI', () => {
      throw new Error('unreachable: skipped');
    });
  });

describe('publishes from separate processes', () => {
  const fixture = join(__dirname, 'config-publisher.fixture.ts');

  it('lets exactly one of four processes publish on version 0; the others are told the version they lost to', async () => {
    const raceUrl = `sqlite://${join(directory, 'race.sqlite')}`;
    const children = [0.3, 0.32, 0.34, 0.36].map((t) =>
      spawn(process.execPath, ['--import', 'tsx', fixture, raceUrl, String(t)], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = children.map((c) => createInterface({ input: c.stdout })[Symbol.asyncIterator]());
    const next = async (i: number) => (await lines[i].next()).value as string;
    try {
      expect(await Promise.all(children.map((_, i) => next(i)))).toEqual(
        children.map(() => 'ready'),
      );
      children.forEach((c) => c.stdin.end('go\n'));
      const results = await Promise.all(children.map((_, i) => next(i)));
      expect(results.filter((r) => r === 'won')).toHaveLength(1);
      const lost = results.filter((r) => r !== 'won');
      expect(lost).toHaveLength(3);
      for (const r of lost)
        expect(r).toMatch(
          /^lost: layer 6: expected version 0 but version 1 \(published by racer-\d\) is in force/,
        );
    } finally {
      children.filter((c) => c.exitCode === null).forEach((c) => c.kill());
    }
    const documents = await openDocumentStore(raceUrl);
    const history = await new ConfigChannel({ documents }).history(6);
    await documents.close();
    expect(history.map((v) => v.version)).toEqual([0, 1]);
  });
});
