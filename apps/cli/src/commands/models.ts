import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  ARTIFACT_FORMATS,
  Registry,
  RegistryGrpcClient,
  STAGES,
  defaultDocumentsUrl,
  type ArtifactFormat,
  type ModelVersion,
  type Stage,
  type StageChange,
} from '@hirelearn/registry';
import { loadableArtifact } from '@hirelearn/services';
import { openDocumentStore } from '@hirelearn/store';
import { CliError } from '../cli-error';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../security-options';
import { printFields, printJson, printTable } from '../output';

interface StoreOpts extends ClientSecurityOpts {
  /** host:port of a registry service to call instead of opening the store here. */
  registry?: string;
  documents?: string;
  artifacts?: string;
  json?: boolean;
}

/** What the models commands call: the registry in-process or the registry service over gRPC. */
type RegistryCalls = Pick<
  Registry,
  'register' | 'get' | 'list' | 'transitions' | 'promote' | 'rollback' | 'archive'
>;

/**
 * Opens the registry in-process on `--documents` (or HIRELEARN_DOCUMENTS) for one command;
 * `readOnly` for commands that only read (no write lock, no write access needed). With
 * `--registry`, calls the registry service instead, with the TLS and token options.
 */
async function withRegistry<T>(
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
  const documents = await openDocumentStore(
    opts.documents ?? process.env.HIRELEARN_DOCUMENTS ?? defaultDocumentsUrl(),
    access,
  );
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

/** The `models` command; other commands (`models train`) attach to the same one. */
export function modelsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'models') ??
    program.command('models').description('the model registry: versions, stages, audit trail')
  );
}

const storeOptions = (c: Command): Command =>
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

const changeOptions = (c: Command): Command =>
  storeOptions(c)
    .option(
      '--by <who>',
      'who makes the change (default: the user name; with --registry the service records the authenticated identity)',
      userInfo().username,
    )
    .requiredOption('--reason <why>', 'why the change is made (recorded)');

/** `--if-production N`: refuse unless N (0: none) is in production when the change is made. */
const guardOption = (c: Command): Command =>
  c.option(
    '--if-production <version>',
    'only if this version (0: none) is in production at that moment',
    int('--if-production'),
  );
const expected = (v: number | undefined): number | null | undefined =>
  v === undefined ? undefined : v === 0 ? null : v;

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new CliError(`${name}: '${v}' is not an integer`);
  return n;
};

/** `k=v` pairs collected from a repeated option. */
const pair =
  <V>(parse: (v: string, key: string) => V) =>
  (text: string, acc: Record<string, V> = {}): Record<string, V> => {
    const i = text.indexOf('=');
    if (i <= 0) throw new CliError(`'${text}' is not key=value`);
    return { ...acc, [text.slice(0, i)]: parse(text.slice(i + 1), text.slice(0, i)) };
  };

const summary = (v: ModelVersion) => ({
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

function printChange(change: StageChange, json: boolean | undefined): void {
  if (json) return printJson(change);
  for (const t of change.transitions)
    process.stdout.write(
      `${t.model}@${t.version}: ${t.from_stage ?? '-'} -> ${t.to_stage} (by ${t.by}: ${t.reason})\n`,
    );
}

export function registerModels(program: Command): void {
  const models = modelsCommand(program);

  storeOptions(
    models
      .command('register')
      .description('store an artifact under its sha256 and record a new candidate version')
      .requiredOption('--model <name>', 'model name')
      .requiredOption('--artifact <file>', 'the artifact file')
      .requiredOption('--format <format>', `one of ${ARTIFACT_FORMATS.join(', ')}`)
      .requiredOption('--window-start <time>', 'start of the training data (RFC 3339)')
      .requiredOption('--window-end <time>', 'end of the training data (RFC 3339)')
      .requiredOption('--seed <n>', 'the seed of the fit', int('--seed'))
      .requiredOption('--code-version <rev>', 'the code revision that trained it')
      .requiredOption('--settings-hash <hash>', 'hash of the training settings')
      .option('--metric <name=value>', 'validation metric (repeatable)', pair(Number), {})
      .option('--tag <name=value>', 'tag (repeatable)', pair(String), {})
      .option('--description <text>', 'what this version is')
      .option(
        '--by <who>',
        'who registers it (default: the user name; with --registry the authenticated identity)',
        userInfo().username,
      ),
  ).action(
    async (
      opts: StoreOpts & {
        model: string;
        artifact: string;
        format: string;
        windowStart: string;
        windowEnd: string;
        seed: number;
        codeVersion: string;
        settingsHash: string;
        metric: Record<string, number>;
        tag: Record<string, string>;
        description?: string;
        by: string;
      },
    ) => {
      if (!ARTIFACT_FORMATS.includes(opts.format as ArtifactFormat))
        throw new CliError(
          `--format: '${opts.format}' is not a format`,
          `use one of ${ARTIFACT_FORMATS.join(', ')}`,
        );
      const content = await readFile(opts.artifact).catch(() => {
        throw new CliError(`cannot read the artifact ${opts.artifact}`, 'check the path');
      });
      const v = await withRegistry(opts, (r) =>
        r.register({
          model: opts.model,
          content,
          format: opts.format as ArtifactFormat,
          metrics: opts.metric,
          training_data_window: { start: opts.windowStart, end: opts.windowEnd },
          seed: opts.seed,
          code_version: opts.codeVersion,
          settings_hash: opts.settingsHash,
          registered_by: opts.by,
          description: opts.description,
          tags: opts.tag,
        }),
      );
      if (opts.json) return printJson(v);
      process.stdout.write(
        `registered ${v.model}@${v.version} (candidate), sha256 ${v.artifact.sha256}\n`,
      );
    },
  );

  storeOptions(
    models
      .command('list')
      .description('registered versions, oldest first')
      .option('--model <name>', 'only this model')
      .option('--stage <stage>', `only this stage (${STAGES.join(', ')})`),
  ).action(async (opts: StoreOpts & { model?: string; stage?: string }) => {
    if (opts.stage && !STAGES.includes(opts.stage as Stage))
      throw new CliError(`--stage: '${opts.stage}' is not a stage`, `use ${STAGES.join(', ')}`);
    const versions = await withRegistry(
      opts,
      (r) => r.list({ model: opts.model, stage: opts.stage as Stage | undefined }),
      { readOnly: true },
    );
    if (opts.json) return printJson(versions);
    printTable(versions.map(summary), [
      'model',
      'version',
      'stage',
      'format',
      'sha256',
      'metrics',
      'registered',
    ]);
  });

  storeOptions(
    models
      .command('show')
      .description('a version with its lineage and transitions, or a model and its audit trail')
      .argument('<model>', 'model name')
      .argument('[version]', 'version number (default: the whole model)', int('version')),
  ).action(async (model: string, version: number | undefined, opts: StoreOpts) => {
    const shown = await withRegistry(
      opts,
      async (r) => ({
        versions: version === undefined ? await r.list({ model }) : [await r.get(model, version)],
        transitions: await r.transitions(model, version),
      }),
      { readOnly: true },
    );
    if (opts.json)
      return printJson(
        version === undefined ? shown : { ...shown.versions[0], transitions: shown.transitions },
      );
    if (version !== undefined) {
      const v = shown.versions[0];
      printFields({
        ...v,
        artifact: `${v.artifact.format} ${v.artifact.sha256} ${v.artifact.uri}`,
      });
    } else printTable(shown.versions.map(summary), ['version', 'stage', 'sha256', 'metrics']);
    process.stdout.write('\ntransitions:\n');
    printTable(
      shown.transitions.map((t) => ({ ...t, move: `${t.from_stage ?? '-'} -> ${t.to_stage}` })),
      ['sequence', 'version', 'move', 'by', 'at', 'reason'],
    );
  });

  changeOptions(
    guardOption(models.command('promote'))
      .description('move a version to production (the current one goes back to candidate)')
      .argument('<model>', 'model name')
      .argument('<version>', 'version number', int('version'))
      .option('--shadow', 'to shadow instead of production'),
  ).action(
    async (
      model: string,
      version: number,
      opts: StoreOpts & { by: string; reason: string; shadow?: boolean; ifProduction?: number },
    ) => {
      const change = await withRegistry(opts, (r) =>
        r.promote(model, version, {
          by: opts.by,
          reason: opts.reason,
          to_stage: opts.shadow ? 'shadow' : 'production',
          expected_production: expected(opts.ifProduction),
        }),
      );
      printChange(change, opts.json);
    },
  );

  changeOptions(
    guardOption(models.command('rollback'))
      .description('put the previous production version (or --to N) back in production')
      .argument('<model>', 'model name')
      .option('--to <version>', 'this version instead of the previous one', int('--to')),
  ).action(
    async (
      model: string,
      opts: StoreOpts & { by: string; reason: string; to?: number; ifProduction?: number },
    ) => {
      const change = await withRegistry(opts, (r) =>
        r.rollback(model, {
          by: opts.by,
          reason: opts.reason,
          to: opts.to,
          expected_production: expected(opts.ifProduction),
        }),
      );
      printChange(change, opts.json);
    },
  );

  changeOptions(
    models
      .command('archive')
      .description('retire a version that is not in production')
      .argument('<model>', 'model name')
      .argument('<version>', 'version number', int('version')),
  ).action(
    async (model: string, version: number, opts: StoreOpts & { by: string; reason: string }) => {
      const change = await withRegistry(opts, (r) =>
        r.archive(model, version, { by: opts.by, reason: opts.reason }),
      );
      printChange(change, opts.json);
    },
  );
}
