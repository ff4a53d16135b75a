import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  Assigner,
  type Assignment,
  ExperimentsGrpcClient,
  personalizationOptOuts,
} from '@hirelearn/experiments';
import type { ClientSecuritySettings } from '@hirelearn/rpc';
import { CliError } from '../../cli-error';
import { printJson } from '../../output';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../../security-options';
import { withEventStore } from '../../store-option';
import { type CommonOptions, mustGet, withCommon, withCatalog } from './common';

/** `experiments assign ID --users F [--address A]`: the variant of each user (or none). */
export function registerAssign(experiments: Command): void {
  clientSecurityOptions(
    withCommon(
      experiments.command('assign').description('the variant of each user (or none)'),
      true,
    ),
  )
    .argument('<id>')
    .requiredOption('--users <file>', 'user ids, one per line')
    .option(
      '--address <host:port>',
      'ask the learning engine over gRPC (hirelearn serve learning-engine) instead',
    )
    .action(
      async (
        id: string,
        opts: CommonOptions & ClientSecurityOpts & { users: string; address?: string },
      ) => {
        const users = readFileSync(opts.users, 'utf8')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '');
        const rows = opts.address
          ? await assignOverGrpc(opts.address, id, users, clientSecurityFrom(opts))
          : await assignHere(opts, id, users);
        if (opts.json) return printJson(rows);
        for (const r of rows) process.stdout.write(`${r.user_id}\t${r.variant_id ?? 'none'}\n`);
      },
    );
}

/** Assigns with the GrowthBook SDK in this process, opt-outs from the event store. */
async function assignHere(
  opts: CommonOptions,
  id: string,
  users: readonly string[],
): Promise<Assignment[]> {
  const e = await withCatalog(opts, (catalog) => mustGet(catalog, id));
  const optedOut = await withEventStore(opts.db, personalizationOptOuts, { readOnly: true });
  const a = new Assigner([e]);
  try {
    return users.map((u) => a.assign(id, u, optedOut.has(u)));
  } finally {
    a.destroy();
  }
}

/** Asks the learning engine's Experiments service for the assignments. */
async function assignOverGrpc(
  address: string,
  id: string,
  users: readonly string[],
  security: ClientSecuritySettings,
): Promise<Assignment[]> {
  const client = new ExperimentsGrpcClient(address, undefined, security);
  try {
    return await client.assign(id, users);
  } catch (error) {
    const e = error as Error;
    throw new CliError(
      `assign over gRPC at ${address} failed: ${e.message}`,
      'start it with: hirelearn serve learning-engine',
    );
  } finally {
    client.close();
  }
}
