import type { Command } from 'commander';
import {
  ConfigChannel,
  ConfigGrpcClient,
  configLayer,
  effectiveConfig,
  type ConfigLayer,
  type ConfigOverride,
  type ConfigVersion,
} from '@hirelearn/config';
import type { JsonValue } from '@hirelearn/optimize';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { withDocumentStore } from '../documents-option';
import { briefJson, printFields, printJson, printTable } from '../output';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../security-options';

/** The layer argument, or a CliError naming the layers there are. */
function layerArg(value: string): ConfigLayer {
  try {
    return configLayer(value);
  } catch (error) {
    throw new CliError((error as Error).message, 'hirelearn config show 2 (layers: 2, 5, 6)');
  }
}

/** A version number option (0, 1, 2...), when given. */
const wholeNumber = (flag: string, value: string | undefined): number | undefined =>
  value === undefined ? undefined : integerOption(flag)(value);

function printVersion(v: ConfigVersion): void {
  printFields({
    layer: v.layer,
    version: v.version,
    published_by: v.published_by,
    published_at: v.published_at ?? '(defaults)',
    reason: v.reason,
    ...(v.recommendation_id && { recommendation: v.recommendation_id }),
    ...(v.rollback_of !== null && { rollback_of: v.rollback_of }),
  });
  process.stdout.write(`${JSON.stringify(v.config, null, 2)}\n`);
}

/** `PARAMETER=JSON` of --override, as an experiment variant's override. */
function overrideArg(value: string, previous: ConfigOverride[] = []): ConfigOverride[] {
  const eq = value.indexOf('=');
  if (eq < 1)
    throw new CliError(`--override: '${value}' must be PARAMETER=JSON, e.g. mode_threshold=55`);
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(value.slice(eq + 1)) as JsonValue;
  } catch {
    throw new CliError(`--override: the value of '${value}' is not JSON`);
  }
  return [...previous, { parameter: value.slice(0, eq), value: parsed }];
}

/**
 * `hirelearn config show|history|rollback|watch LAYER`: the versioned configuration of layers
 * 2 (strategy engine), 5 (planner) and 6 (fit score). show, history and rollback open the
 * document store here; watch is a stand-in consuming layer that follows the registry's
 * WatchConfig stream over gRPC.
 */
export function registerConfig(program: Command): void {
  const config = program
    .command('config')
    .description(
      'the configuration published to layers 2, 5 and 6: versions, audit trail, rollback',
    );

  config
    .command('show <layer>')
    .description('the configuration in force (or --version N) with who published it, when and why')
    .option('--version <n>', 'an older version')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print as JSON')
    .action(
      async (layerText: string, opts: { version?: string; documents?: string; json?: boolean }) => {
        const layer = layerArg(layerText);
        const version = wholeNumber('--version', opts.version);
        const v = await withDocumentStore(
          opts.documents,
          (documents) => {
            const channel = new ConfigChannel({ documents });
            return version === undefined ? channel.current(layer) : channel.get(layer, version);
          },
          { readOnly: true },
        );
        if (opts.json) return printJson(v);
        printVersion(v);
      },
    );

  config
    .command('history <layer>')
    .description('every version of the layer, oldest first: who, when, why, which recommendation')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print as JSON')
    .action(async (layerText: string, opts: { documents?: string; json?: boolean }) => {
      const layer = layerArg(layerText);
      const history = await withDocumentStore(
        opts.documents,
        (documents) => new ConfigChannel({ documents }).history(layer),
        { readOnly: true },
      );
      if (opts.json) return printJson(history);
      printTable(
        history.map((v) => ({ ...v, published_at: v.published_at ?? '(defaults)' })),
        ['version', 'published_by', 'published_at', 'recommendation_id', 'rollback_of', 'reason'],
      );
    });

  config
    .command('rollback <layer>')
    .description('publish an older version again (default: the one before the current), audited')
    .requiredOption('--who <name>', 'who rolls back (recorded)')
    .requiredOption('--why <text>', 'why (recorded)')
    .option('--to <version>', 'the version to restore (default: the one before the current)')
    .option(
      '--expected-version <n>',
      'refuse if the layer is no longer at this version (default: the version read just before)',
    )
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print the new version as JSON')
    .action(
      async (
        layerText: string,
        opts: {
          who: string;
          why: string;
          to?: string;
          expectedVersion?: string;
          documents?: string;
          json?: boolean;
        },
      ) => {
        const layer = layerArg(layerText);
        const to = wholeNumber('--to', opts.to);
        const expected = wholeNumber('--expected-version', opts.expectedVersion);
        const v = await withDocumentStore(opts.documents, async (documents) => {
          const channel = new ConfigChannel({ documents });
          return channel.rollback(layer, {
            by: opts.who,
            reason: opts.why,
            to_version: to,
            expected_version: expected ?? (await channel.current(layer)).version,
          });
        });
        if (opts.json) return printJson(v);
        process.stdout.write(
          `layer ${layer} is at version ${v.version} (the config of version ${v.rollback_of})\n`,
        );
      },
    );

  clientSecurityOptions(
    config
      .command('watch <layer>')
      .description(
        "a stand-in consuming layer: reads the layer's config over gRPC and prints each new version as it is published, with experiment overrides applied on top (--override)",
      ),
  )
    .requiredOption(
      '--registry <host:port>',
      'the registry service that serves hirelearn.v1.Config',
    )
    .option(
      '--override <parameter=json>',
      "an experiment variant's value for this user (repeatable): it wins over the published config",
      overrideArg,
    )
    .option('--json', 'print one JSON line per version')
    .action(
      async (
        layerText: string,
        opts: ClientSecurityOpts & {
          registry: string;
          override?: ConfigOverride[];
          json?: boolean;
        },
      ) => {
        const layer = layerArg(layerText);
        const client = new ConfigGrpcClient(opts.registry, { security: clientSecurityFrom(opts) });
        const overrides = opts.override ?? [];
        const watch = client.watchConfig(
          layer,
          (v) => {
            const effective = effectiveConfig(layer, v.config, overrides);
            if (opts.json)
              return process.stdout.write(
                `${JSON.stringify({ ...v, effective_config: effective })}\n`,
              );
            process.stdout.write(
              `layer ${layer} version ${v.version} by ${v.published_by}${v.published_at ? ` at ${v.published_at}` : ''}: ${v.reason}\n` +
                `  ${briefJson(effective, 400)}\n`,
            );
          },
          {
            send_current: true,
            onError: (error) =>
              process.stderr.write(`hirelearn config watch: ${(error as Error).message}\n`),
          },
        );
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            watch.close();
            client.close();
            resolve();
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    );
}
