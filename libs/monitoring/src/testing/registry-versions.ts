import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Registry } from '@hirelearn/registry';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';

/** A real registry for a spec, with the document store it keeps its versions in. */
export interface RegistryWithVersions {
  readonly documents: DocumentStore;
  readonly registry: Registry;
  /** Closes the document store and removes the artifact folder. */
  close(): Promise<void>;
}

/**
 * A real registry (in-memory documents, artifacts in a fresh temporary folder) holding
 * versions 1..`count` of `model`, each a tiny json_params artifact, none promoted yet: what the
 * monitor's specs need to judge and roll back versions the way the registry really records them.
 */
export async function registryWithVersions(
  model: string,
  count: number,
  options: { readonly clock?: () => Date } = {},
): Promise<RegistryWithVersions> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-monitor-registry-'));
  const documents = await openDocumentStore('sqlite::memory:');
  const registry = await Registry.open({ documents, artifactsDir: dir, clock: options.clock });
  for (let v = 1; v <= count; v++) {
    await registry.register({
      model,
      content: new TextEncoder().encode(`{"version":${v}}`),
      format: 'json_params',
      metrics: {},
      training_data_window: { start: '2025-01-01T00:00:00Z', end: '2025-06-01T00:00:00Z' },
      seed: v,
      code_version: 'test',
      settings_hash: 'test',
      registered_by: 'test',
    });
  }
  return {
    documents,
    registry,
    async close() {
      await documents.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
