import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { Registry } from '../registry';
import type { WatchEvent } from '../types';
import { RegistryGrpcClient } from './client';
import { serverSecuritySettings, type RunningService } from '@hirelearn/rpc';
import { startRegistryServer } from './server';

function until(predicate: () => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const t = setInterval(() => {
      if (predicate()) {
        clearInterval(t);
        resolve();
      } else if (Date.now() - start > ms) {
        clearInterval(t);
        reject(new Error('timed out'));
      }
    }, 5);
  });
}

describe('RegistryGrpcClient.watch', () => {
  let dir: string;
  let documents: DocumentStore;
  let registry: Registry;
  let server: RunningService | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hirelearn-registry-watch-'));
    documents = await openDocumentStore(`sqlite://${join(dir, 'documents.sqlite')}`);
  });

  afterAll(async () => {
    await server?.shutdown();
    await documents.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (port = 0) => {
    registry = await Registry.open({ documents, artifactsDir: join(dir, 'artifacts') });
    // Its local token stays in the test's folder.
    server = await startRegistryServer(registry, {
      port,
      security: serverSecuritySettings({}, { tokenFile: join(dir, 'token') }),
    });
    return server;
  };

  it('reopens after the server restarts and learns the version that serves now', async () => {
    const first = await open();
    for (const t of ['a', 'b', 'c'])
      await registry.register({
        model: 'm',
        content: Buffer.from(t),
        format: 'json_params',
        metrics: {},
        training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
        seed: 1,
        code_version: 'x',
        settings_hash: 'y',
        registered_by: 'z',
      });
    await registry.promote('m', 1, { by: 'a', reason: 'start' });
    const client = new RegistryGrpcClient(first.address);
    const events: WatchEvent[] = [];
    const w = client.watch('m', (e) => events.push(e), { send_current: true, reconnectMs: 50 });
    await until(() => events.length === 1);

    await first.shutdown();
    server = null;
    // While the server is down, another writer changes production.
    const offline = await Registry.open({ documents, artifactsDir: join(dir, 'artifacts') });
    await offline.promote('m', 2, { by: 'b', reason: 'while down' });
    await open(first.port);
    await until(() => events.some((e) => e.transition === null && e.production?.version === 2));

    await registry.promote('m', 3, { by: 'c', reason: 'after restart' });
    await until(() => events.some((e) => e.transition?.reason === 'after restart'));
    w.close();
    client.close();
  });

  it('reports a refused watch once instead of retrying it', async () => {
    const running = server ?? (await open());
    const client = new RegistryGrpcClient(running.address);
    const errors: unknown[] = [];
    const w = client.watch('Bad Name', () => undefined, {
      reconnectMs: 20,
      onError: (e) => errors.push(e),
    });
    await until(() => errors.length > 0);
    await new Promise((r) => setTimeout(r, 150));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid_argument', message: /^model: / });
    w.close();
    client.close();
  });
});
