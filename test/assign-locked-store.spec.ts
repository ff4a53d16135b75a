/**
 * `Assign` while another process holds the event store's DuckDB file (an ingest, an
 * attribution): the learning engine assigns from its cached opt-out list instead of failing
 * with the file's path and the holder's PID; an internal error reaches a caller only as a
 * generic message and an id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { credentials } from '@grpc/grpc-js';
import {
  ExperimentCatalog,
  learningEngineSettings,
  serveLearningEngine,
} from '@hirelearn/experiments';
import * as pb from '@hirelearn/proto';
import {
  callerDetails,
  DEFAULT_ERROR_DETAILS,
  serverSecuritySettings,
  toGrpcError,
} from '@hirelearn/rpc';
import { EventStore, openDocumentStore } from '@hirelearn/store';
import { definition } from '../libs/experiments/src/testing/fixtures';

/** A child process holding the DuckDB file for writing until killed, as an ingest does. */
async function holdFile(file: string): Promise<ChildProcess> {
  const script = `
    const { DuckDBInstance } = require('@duckdb/node-api');
    DuckDBInstance.create(${JSON.stringify(file)}).then(async (db) => {
      const c = await db.connect();
      await c.run('CREATE TABLE IF NOT EXISTS held (x INTEGER)');
      process.stdout.write('held\\n');
      setInterval(() => {}, 1000);
    });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '..') });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => b.toString().includes('held') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

describe('Assign while the event store is locked', () => {
  let dir: string;
  let holder: ChildProcess | null = null;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hl-assign-lock-'));
  });

  afterAll(() => {
    holder?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('assigns from the cached opt-out list, and never names the file or a PID', async () => {
    const file = path.join(dir, 'events.duckdb');
    const store = await EventStore.open(`duckdb://${file}`);
    await store.close();
    const documentsUrl = `sqlite://${path.join(dir, 'documents.sqlite')}`;
    const docs = await openDocumentStore(documentsUrl);
    const catalog = new ExperimentCatalog(docs);
    const actor = { who: 'test', why: 'test' };
    await catalog.create(definition({ experiment_id: 'exp-lock', seed: 'exp-lock' }), actor);
    await catalog.start('exp-lock', actor);
    await catalog.setCoverage('exp-lock', 1, actor);
    await docs.close();

    const service = await serveLearningEngine({
      documentsUrl,
      dbUrl: `duckdb://${file}`,
      host: '127.0.0.1',
      port: 0,
      security: serverSecuritySettings({}, { tokenFile: path.join(dir, 'token') }),
    });
    const client = new pb.ExperimentsClient(service.address, credentials.createInsecure());
    const assign = promisify(client.assign.bind(client)) as (
      r: pb.AssignRequest,
    ) => Promise<pb.AssignResponse>;
    try {
      holder = await holdFile(file);
      const r = await assign({ experiment_id: 'exp-lock', user_ids: ['u1', 'u2', 'u3'] });
      expect(r.assignments).toHaveLength(3);
      expect(r.assignments.every((a) => a.variant_id !== '')).toBe(true);
    } finally {
      client.close();
      await service.shutdown();
    }
  }, 60_000);
});

describe('internal errors on the wire', () => {
  it('carry a generic message and an id; the detail goes to the log', () => {
    const lines: string[] = [];
    const secret = new Error('IO Error: Could not set lock on file "/srv/x.duckdb": PID 4242');
    const details = callerDetails(secret, true, DEFAULT_ERROR_DETAILS, (l) => lines.push(l));
    expect(details).toMatch(/^internal error \(id [0-9a-f]{12}\)/);
    expect(details).not.toContain('/srv/x.duckdb');
    expect(details).not.toContain('4242');
    const id = /id ([0-9a-f]+)/.exec(details)?.[1] as string;
    expect(lines.join('\n')).toContain(id);
    expect(lines.join('\n')).toContain('/srv/x.duckdb');
    expect(toGrpcError(secret).details).not.toContain('/srv/x.duckdb');
  });
});

describe('the opt-out refresh setting', () => {
  it('is a whole number of milliseconds, named when it is not', () => {
    expect(learningEngineSettings({ HIRELEARN_OPT_OUT_REFRESH_MS: '500' }).optOuts).toEqual({
      refreshMs: 500,
    });
    expect(() => learningEngineSettings({ HIRELEARN_OPT_OUT_REFRESH_MS: 'soon' })).toThrow(
      /^HIRELEARN_OPT_OUT_REFRESH_MS: soon must be a whole number of milliseconds >= 1/,
    );
  });
});
