import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  Registry,
  RegistryGrpcClient,
  type ModelVersion,
  type StageChange,
} from '@hirelearn/registry';
import { loadableArtifact } from '@hirelearn/services';
import { openDocumentStore } from '@hirelearn/store';
import { integerOption } from '../../integer-option';
import { documentsUrl } from '../../documents-option';
import { printJson } from '../../output';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../../security-options';

/** The options of every `models` subcommand (see `storeOptions`). */
export interface StoreOpts extends ClientSecurityOpts {
  /** host:port of a registry service to call instead of opening the store here. */
  registry?: string;
  documents?: string;
  artifacts?: string;
  json?: boolean;
}

/** What the models commands call: the registry in-process or the registry service over gRPC. */
export type RegistryCalls = Pick<
  Registry,
  'register' | 'get' | 'list' | 'transitions' | 'promote' | 'rollback' | 'archive'
>;

/**
 * Opens the registry in-process on `--documents` (or HIRELEARN_DOCUMENTS) for one command;
 * `readOnly` for commands that only read (no write lock, no write access needed). With
 * `--registry`, calls the registry service instead, with the TLS and token options.
 */
export async function withRegistry<T>(
  opts: StoreOpts,
  work: (r: RegistryCalls) => Promise<T>,
  access: { readOnly?: boolean } = {},
): Promise<T> {
  if (opts.registry) {
    const client = new RegistryGrpcClient(opts.registry, { security: clientSecurityFrom(opts) });
    try {
      return await work(client);
    } finally {
      client.close();
    }
  }
  const documents = await openDocumentStore(documentsUrl(opts.documents), access);
  const registry = await Registry.open({
    documents,
    artifactsDir: opts.artifacts ?? process.env.HIRELEARN_ARTIFACTS,
    checkArtifact: loadableArtifact,
  });
  try {
    return await work(registry);
  } finally {
    registry.close();
    await documents.close();
  }
}

/** Where the registry is: `--registry` (a service) or `--documents`/`--artifacts` (in-process). */
export const storeOptions = (c: Command): Command =>
  clientSecurityOptions(c)
    .option(
      '--registry <host:port>',
      'call this registry service (authenticated, audited by the identity) instead of opening the store here',
    )
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option(
      '--artifacts <dir>',
      'artifact folder (default HIRELEARN_ARTIFACTS or ./.hirelearn/artifacts)',
    )
    .option('--json', 'print as JSON');

/** The store options plus who makes a stage change and why (both recorded). */
export const changeOptions = (c: Command): Command =>
  storeOptions(c)
    .option(
      '--by <who>',
      'who makes the change (default: the user name; with --registry the service records the authenticated identity)',
      userInfo().username,
    )
    .requiredOption('--reason <why>', 'why the change is made (recorded)');

/** `--if-production N`: refuse unless N (0: none) is in production when the change is made. */
export const guardOption = (c: Command): Command =>
  c.option(
    '--if-production <version>',
    'only if this version (0: none) is in production at that moment',
    integerOption('--if-production'),
  );

/** The registry's `expected_production` of `--if-production`: 0 means none is. */
export const expected = (v: number | undefined): number | null | undefined =>
  v === undefined ? undefined : v === 0 ? null : v;

/** A version as one table row. */
export const summary = (v: ModelVersion) => ({
  model: v.model,
  version: v.version,
  stage: v.stage,
  format: v.artifact.format,
  sha256: v.artifact.sha256.slice(0, 12),
  metrics: Object.entries(v.metrics)
    .map(([k, x]) => `${k}=${Number(x.toPrecision(4))}`)
    .join(' '),
  registered: `${v.registered_at} by ${v.registered_by}`,
});

/** A stage change as JSON, or one line per transition. */
export function printChange(change: StageChange, json: boolean | undefined): void {
  if (json) return printJson(change);
  for (const t of change.transitions)
    process.stdout.write(
      `${t.model}@${t.version}: ${t.from_stage ?? '-'} -> ${t.to_stage} (by ${t.by}: ${t.reason})\n`,
    );
}
