/**
 * Registry latencies on the embedded store (SQLite file), in-process and over gRPC on
 * loopback in the same run: register (4 KiB artifact), promote, rollback, get production,
 * fetch artifact; the delay from a promotion to a Watch event (same registry, and another
 * registry on the same file, which a watch sees by polling); and rounds of 8 guarded
 * promotions sent at once, counting winners.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/registry.ts [ops=300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDocumentStore } from '@hirelearn/store';
import {
  Registry,
  RegistryGrpcClient,
  startRegistryServer,
  type RegisterVersionInput,
} from '@hirelearn/registry';

const ops = Number(process.argv[2] ?? 300);
const by = { by: 'bench', reason: 'bench' };

const input = (model: string, i: number): RegisterVersionInput => ({
  model,
  content: Buffer.alloc(4096, i % 251),
  format: 'json_params',
  metrics: { auc: 0.7 },
  training_data_window: { start: '2026-01-01T00:00:00Z', end: '2026-06-01T00:00:00Z' },
  seed: i,
  code_version: 'bench',
  settings_hash: 'bench',
  registered_by: 'bench',
});

interface Api {
  register(i: RegisterVersionInput): Promise<unknown>;
  promote(m: string, v: number, c: typeof by): Promise<unknown>;
  rollback(m: string, c: typeof by): Promise<unknown>;
  production(m: string): Promise<unknown>;
}

async function timed(n: number, op: (i: number) => Promise<unknown>): Promise<string> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await op(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(2);
  return `p50 ${q(0.5)} ms  p99 ${q(0.99)} ms`;
}

async function suite(label: string, api: Api, model: string): Promise<void> {
  console.log(`${label}:`);
  console.log(`  register           ${await timed(ops, (i) => api.register(input(model, i)))}`);
  await api.promote(model, 1, by);
  console.log(
    `  promote + rollback ${await timed(ops, async (i) => {
      await api.promote(model, 2 + (i % (ops - 1)), by);
      await api.rollback(model, by);
    })}`,
  );
  console.log(`  production         ${await timed(ops, () => api.production(model))}`);
}

async function watchDelay(
  watcher: Registry | RegistryGrpcClient,
  writer: Registry,
  model: string,
  rounds: number,
): Promise<string> {
  let resolveEvent: () => void = () => undefined;
  const w = watcher.watch(model, (e) => e.transition?.to_stage === 'production' && resolveEvent());
  await new Promise((r) => setTimeout(r, 300));
  const result = await timed(rounds, async (i) => {
    const seen = new Promise<void>((r) => (resolveEvent = r));
    await writer.promote(model, 2 + (i % 5), by);
    await seen;
    await writer.rollback(model, by);
    await new Promise((r) => setTimeout(r, 5));
  });
  w.close();
  return result;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hirelearn-registry-bench-'));
  const url = `sqlite://${join(dir, 'documents.sqlite')}`;
  const artifactsDir = join(dir, 'artifacts');
  const [d1, d2] = [await openDocumentStore(url), await openDocumentStore(url)];
  const registry = await Registry.open({ documents: d1, artifactsDir });
  const other = await Registry.open({ documents: d2, artifactsDir });
  const server = await startRegistryServer(registry);
  const client = new RegistryGrpcClient(server.address);
  try {
    await suite('in-process', registry, 'local');
    await suite('gRPC loopback', client, 'remote');
    const t = Date.now();
    await client.fetchArtifact('remote', 1);
    console.log(`  fetch artifact (4 KiB, verified twice) ${Date.now() - t} ms (first call)`);

    console.log('promotion -> Watch event (gRPC watcher):');
    console.log(`  same registry      ${await watchDelay(client, registry, 'remote', 30)}`);
    console.log(
      `  other process      ${await watchDelay(client, other, 'remote', 20)}  (poll every ${registry.settings.watch_poll_ms} ms)`,
    );

    const rounds = 20;
    let winners = 0;
    const clients = Array.from({ length: 8 }, () => new RegistryGrpcClient(server.address));
    for (let r = 0; r < rounds; r++) {
      const seen = (await client.production('remote')) as { version: number };
      const results = await Promise.allSettled(
        clients.map((c, i) =>
          c.promote('remote', 2 + ((seen.version + i) % (ops - 1)), {
            ...by,
            expected_production: seen.version,
          }),
        ),
      );
      winners += results.filter((x) => x.status === 'fulfilled').length;
    }
    for (const c of clients) c.close();
    console.log(`guarded promotions: ${rounds} rounds of 8 at once, ${winners} winners`);
  } finally {
    client.close();
    await server.shutdown();
    other.close();
    await d1.close();
    await d2.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
