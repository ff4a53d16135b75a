import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { useTensorFlowProductionMode } from '@hirelearn/ml';
import { Registry, registryServiceSettings } from '@hirelearn/registry';
import { loadableArtifact } from '@hirelearn/services';
import {
  registerRun,
  trainModel,
  TRAINABLE_MODELS,
  type TrainableModel,
} from '@hirelearn/training';
import { openDocumentStore } from '@hirelearn/store';
import { modelsCommand } from './models';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printFields, printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

interface TrainOptions {
  db?: string;
  seed: number;
  out?: string;
  register: boolean;
  documents?: string;
  artifacts?: string;
  by?: string;
  json?: boolean;
}

/**
 * The commit the code was built from, for the version's lineage: the full hash, which also
 * keeps it from being read as a phone number by the privacy audit of exported views (a short
 * hash is all digits about one time in 27, e.g. 4808729).
 */
function codeVersion(): string {
  if (process.env.HIRELEARN_CODE_VERSION) return process.env.HIRELEARN_CODE_VERSION;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * `hirelearn models train ensemble|fit-score`: trains from the facts, writes the artifact,
 * prints the held-out metrics and registers a candidate version. Attached to the `models`
 * command, made here when the registry's commands have not made it yet.
 */
export function registerTrain(program: Command): void {
  const models = modelsCommand(program);
  models
    .command('train')
    .description('train a model on the facts, write its artifact, register a candidate version')
    .argument('<model>', TRAINABLE_MODELS.join(' | '))
    .addOption(dbOption())
    .option(
      '--seed <n>',
      'seed of every random choice',
      integerOption('--seed', Number.MIN_SAFE_INTEGER),
      1,
    )
    .option('--out <file>', 'artifact path (default .hirelearn/models/<model>-seed<S>.json)')
    .option('--no-register', 'do not register the version in the registry')
    .option('--documents <url>', 'registry document store URL (default HIRELEARN_DOCUMENTS)')
    .option('--artifacts <dir>', 'registry artifact folder (default HIRELEARN_ARTIFACTS)')
    .option('--by <who>', 'recorded as the registrant', process.env.USER ?? 'hirelearn')
    .option('--json', 'print as JSON')
    .action(async (model: string, opts: TrainOptions) => {
      if (!(TRAINABLE_MODELS as readonly string[]).includes(model)) {
        throw new CliError(
          `unknown model "${model}"`,
          `use one of: ${TRAINABLE_MODELS.join(', ')}`,
        );
      }
      const { seed } = opts;
      useTensorFlowProductionMode();
      const run = await withEventStore(
        opts.db,
        (store) => trainModel(store, model as TrainableModel, seed),
        { readOnly: true },
      );
      if (run.status !== 'ok') {
        throw new CliError(
          `cannot train ${model}: ${run.status} (${run.reason})`,
          'ingest more events (hirelearn ingest) or check hirelearn status',
        );
      }
      const out = resolve(opts.out ?? `.hirelearn/models/${model}-seed${seed}.json`);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, run.artifact);
      let registered: { model: string; version: number; stage: string; sha256: string } | null =
        null;
      if (opts.register) {
        const settings = registryServiceSettings(process.env, {
          documentsUrl: opts.documents,
          artifactsDir: opts.artifacts,
        });
        mkdirSync(settings.artifactsDir, { recursive: true });
        const documents = await openDocumentStore(settings.documentsUrl);
        try {
          const registry = await Registry.open({
            documents,
            artifactsDir: settings.artifactsDir,
            checkArtifact: loadableArtifact,
          });
          const v = await registerRun(registry, run, {
            by: opts.by ?? 'hirelearn',
            code_version: codeVersion(),
          });
          registry.close();
          registered = {
            model: v.model,
            version: v.version,
            stage: v.stage,
            sha256: v.artifact.sha256,
          };
        } finally {
          await documents.close();
        }
      }
      if (opts.json) {
        return printJson({
          model,
          seed,
          rows: run.rows,
          artifact: out,
          registered,
          metrics: run.metrics,
          report: run.report,
        });
      }
      printFields({
        model,
        seed,
        'labelled applications': run.rows,
        artifact: out,
        registered: registered
          ? `${registered.model} v${registered.version} (${registered.stage})`
          : 'no',
      });
      process.stdout.write('\nheld-out metrics\n');
      printTable(
        Object.entries(run.metrics).map(([metric, value]) => ({
          metric,
          value: Number(value.toFixed(4)),
        })),
        ['metric', 'value'],
      );
    });
}
