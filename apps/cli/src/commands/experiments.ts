import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
  analyzeFromStore,
  applyRampStep,
  Assigner,
  Assignment,
  Experiment,
  ExperimentDefinition,
  ExperimentRegistry,
  ExperimentResults,
  ExperimentsGrpcClient,
  growthbookPayload,
  minimumDetectableEffect,
  personalizationOptOuts,
  RegistryResult,
  requiredSampleSize,
  rollbackExperiment,
} from '@hirelearn/experiments';
import type { ClientSecuritySettings } from '@hirelearn/proto';
import { DocumentStore, openDocumentStore } from '@hirelearn/store';
import { CliError } from '../cli-error';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../security-options';
import { printFields, printJson, printTable } from '../output';
import { withEventStore } from '../store-option';

interface CommonOptions {
  readonly documents?: string;
  readonly json?: boolean;
  readonly who?: string;
  readonly why?: string;
  readonly db?: string;
}

/** `--documents`, else HIRELEARN_DOCUMENTS, else the embedded store under the working directory. */
function documentsUrl(opt: string | undefined): string {
  return (
    opt ??
    process.env.HIRELEARN_DOCUMENTS ??
    `sqlite://${path.resolve(process.cwd(), '.hirelearn', 'documents.sqlite')}`
  );
}

async function withRegistry<T>(
  opts: CommonOptions,
  work: (registry: ExperimentRegistry) => Promise<T>,
): Promise<T> {
  const docs: DocumentStore = await openDocumentStore(documentsUrl(opts.documents));
  try {
    return await work(new ExperimentRegistry(docs));
  } finally {
    await docs.close();
  }
}

function actor(opts: CommonOptions, defaultWhy: string) {
  return { who: opts.who ?? process.env.USER ?? 'cli', why: opts.why ?? defaultWhy };
}

async function mustGet(registry: ExperimentRegistry, id: string): Promise<Experiment> {
  const e = await registry.get(id);
  if (!e) throw new CliError(`no experiment '${id}'`, 'list them with: hirelearn experiments list');
  return e;
}

/** Prints a registry result, or fails with its reason. */
function report(r: RegistryResult, opts: CommonOptions, verb: string): void {
  if (r.status !== 'ok' || !r.experiment) {
    const fix =
      r.status === 'ethics_refused'
        ? 'change the proposal so every named rule passes (spec 15.4)'
        : r.status === 'invalid'
          ? 'fix the named fields of the definition'
          : undefined;
    throw new CliError(`${verb} refused (${r.status}): ${r.reason}`, fix);
  }
  if (opts.json) return printJson(r.experiment);
  const e = r.experiment;
  const served =
    e.status === 'completed'
      ? `${e.outcome}, everyone gets '${e.shipped_variant ?? 'none'}'`
      : `coverage ${e.coverage}`;
  process.stdout.write(`${e.experiment_id}: ${e.status}, ${served}\n`);
}

function printResults(r: ExperimentResults): void {
  printFields({
    experiment: r.experiment_id,
    status: r.status,
    users: r.sample_size,
    srm_p_value: r.srm ? r.srm.p_value : 'n/a',
    winner: r.winner ?? 'none',
    recommendation: r.recommendation,
  });
  process.stdout.write('\n');
  printTable(
    r.variants.map((v) => ({ ...v, observed_share: v.observed_share.toFixed(4) })),
    ['variant_id', 'users', 'expected_share', 'observed_share'],
  );
  process.stdout.write('\n');
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '-');
  printTable(
    r.metrics.map((m) => ({
      metric: `${m.metric_id}${m.role === 'guardrail' ? ' (guardrail)' : ''}`,
      variant: m.variant_id,
      control: f(m.unadjusted.control_mean),
      treatment: f(m.unadjusted.treatment_mean),
      lift: `${f(m.unadjusted.relative_lift)} [${f(m.unadjusted.relative_ci[0])}, ${f(m.unadjusted.relative_ci[1])}]`,
      p: f(m.unadjusted.p_value),
      p_adj: f(m.p_value_adjusted),
      cuped_lift: m.cuped ? f(m.cuped.relative_lift) : '-',
      seq_ci: `[${f(m.sequential.ci[0])}, ${f(m.sequential.ci[1])}]`,
      win: f(m.bayesian.chance_to_win),
      verdict: m.improved ? 'better' : m.harmed ? 'WORSE' : '',
    })),
    [
      'metric',
      'variant',
      'control',
      'treatment',
      'lift',
      'p',
      'p_adj',
      'cuped_lift',
      'seq_ci',
      'win',
      'verdict',
    ],
  );
}

function withCommon(cmd: Command, db = false): Command {
  cmd
    .option('--documents <url>', 'document store URL (or HIRELEARN_DOCUMENTS)')
    .option('--json', 'print as JSON')
    .option('--who <name>', 'who makes the change (default $USER)')
    .option('--why <text>', 'why, recorded with the change');
  if (db) cmd.option('--db <url>', 'event store URL (or HIRELEARN_DB)');
  return cmd;
}

/** Assigns with the GrowthBook SDK in this process, opt-outs from the event store. */
async function assignHere(
  opts: CommonOptions,
  id: string,
  users: readonly string[],
): Promise<Assignment[]> {
  const e = await withRegistry(opts, (reg) => mustGet(reg, id));
  const optedOut = await withEventStore(opts.db, personalizationOptOuts, { readOnly: true });
  const a = new Assigner([e]);
  try {
    return users.map((u) => a.assign(id, u, optedOut.has(u)));
  } finally {
    a.destroy();
  }
}

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

export function registerExperiments(program: Command): void {
  const x = program
    .command('experiments')
    .description('A/B tests of proposed changes: create, start, analyse, ramp, roll back, export');

  withCommon(x.command('create').description('register a draft experiment from a JSON definition'))
    .requiredOption('--file <file>', 'JSON ExperimentDefinition')
    .action(async (opts: CommonOptions & { file: string }) => {
      let def: ExperimentDefinition;
      try {
        def = JSON.parse(readFileSync(opts.file, 'utf8')) as ExperimentDefinition;
      } catch (e) {
        throw new CliError(`cannot read ${opts.file}: ${(e as Error).message}`, 'pass a JSON file');
      }
      const r = await withRegistry(opts, (reg) => reg.create(def, actor(opts, 'created')));
      report(r, opts, 'create');
    });

  withCommon(x.command('list').description('experiments, oldest first'))
    .option('--status <status>', 'draft | running | paused | completed')
    .action(async (opts: CommonOptions & { status?: Experiment['status'] }) => {
      const list = await withRegistry(opts, (reg) => reg.list(opts.status));
      if (opts.json) return printJson(list);
      printTable(
        list.map((e) => ({ ...e, variants: e.variants.map((v) => v.variant_id).join(',') })),
        ['experiment_id', 'status', 'coverage', 'variants', 'success_metric', 'outcome'],
      );
    });

  withCommon(x.command('show').description('an experiment with its change log and decisions'))
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const out = await withRegistry(opts, async (reg) => ({
        experiment: await mustGet(reg, id),
        changes: await reg.history(id),
        decisions: await reg.decisions(id),
      }));
      if (opts.json) return printJson(out);
      printFields({ ...out.experiment });
      process.stdout.write('\nchanges:\n');
      printTable(
        out.changes.map((c) => ({ ...c })),
        ['at', 'who', 'action', 'why'],
      );
      process.stdout.write('\ndecisions:\n');
      printTable(
        out.decisions.map((d) => ({ ...d })),
        ['at', 'who', 'action', 'coverage_before', 'coverage_after'],
      );
    });

  for (const [name, verb] of [
    ['start', 'start (the ethics gate must pass) or resume'],
    ['pause', 'pause'],
  ] as const) {
    withCommon(x.command(name).description(verb))
      .argument('<id>')
      .action(async (id: string, opts: CommonOptions) => {
        const r = await withRegistry(opts, (reg) =>
          name === 'start' ? reg.start(id, actor(opts, name)) : reg.pause(id, actor(opts, name)),
        );
        report(r, opts, name);
      });
  }

  withCommon(x.command('rollback').description('stop now and serve the control to everyone'))
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const out = await withRegistry(opts, (reg) =>
        rollbackExperiment(reg, id, actor(opts, 'manual rollback')),
      );
      report(out.registry, opts, 'rollback');
    });

  withCommon(
    x.command('analyze').alias('analyse').description('ExperimentResults from the event store'),
    true,
  )
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const e = await withRegistry(opts, (reg) => mustGet(reg, id));
      const r = await withEventStore(opts.db, (store) => analyzeFromStore(store, e), {
        readOnly: true,
      });
      if (opts.json) return printJson(r);
      printResults(r);
    });

  withCommon(
    x.command('ramp').description('analyse, then ramp 10% -> 50% -> 100%, roll back or roll out'),
    true,
  )
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const out = await withRegistry(opts, async (reg) => {
        const e = await mustGet(reg, id);
        const r = await withEventStore(opts.db, (store) => analyzeFromStore(store, e), {
          readOnly: true,
        });
        return applyRampStep(reg, id, r, actor(opts, 'ramp step'));
      });
      if (out.registry.status !== 'ok' && !out.decision) report(out.registry, opts, 'ramp');
      if (opts.json) return printJson(out);
      const d = out.decision;
      if (d) {
        process.stdout.write(`${d.action}: coverage ${d.coverage_before} -> ${d.coverage_after}\n`);
        printTable(
          d.checks.map((c) => ({ ...c })),
          ['check', 'passed', 'detail'],
        );
      }
    });

  withCommon(
    x.command('export').description('GrowthBook SDK payload (feature JSON) of an experiment'),
  )
    .argument('<id>')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (id: string, opts: CommonOptions & { out?: string }) => {
      const e = await withRegistry(opts, (reg) => mustGet(reg, id));
      const text = `${JSON.stringify(growthbookPayload([e]), null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, text);
        process.stdout.write(`wrote the GrowthBook features of ${id} to ${opts.out}\n`);
      } else process.stdout.write(text);
    });

  clientSecurityOptions(
    withCommon(x.command('assign').description('the variant of each user (or none)'), true),
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

  x.command('power')
    .description('design: users needed for an effect, or the MDE of a sample size')
    .option(
      '--baseline-rate <p>',
      'baseline conversion rate (sets sd = sqrt(p(1-p)) and the mean)',
      Number,
    )
    .option('--sd <sd>', 'per-user standard deviation of the metric', Number)
    .option('--mean <m>', 'baseline mean (for the relative MDE)', Number)
    .option('--effect <d>', 'absolute effect to detect', Number)
    .option('--users <n>', 'total users available', Number)
    .option('--alpha <a>', 'significance level', Number, 0.05)
    .option('--power <p>', 'power', Number, 0.8)
    .option('--json', 'print as JSON')
    .action(
      (opts: {
        baselineRate?: number;
        sd?: number;
        mean?: number;
        effect?: number;
        users?: number;
        alpha: number;
        power: number;
        json?: boolean;
      }) => {
        const p = opts.baselineRate;
        const sd = opts.sd ?? (p !== undefined ? Math.sqrt(p * (1 - p)) : undefined);
        const mean = opts.mean ?? p ?? NaN;
        if (sd === undefined || !(sd > 0)) {
          throw new CliError('need the metric spread', 'pass --baseline-rate P or --sd S');
        }
        const s = { alpha: opts.alpha, power: opts.power };
        const out: Record<string, number> = {};
        if (opts.effect !== undefined) out.users_needed = requiredSampleSize(sd, opts.effect, s);
        if (opts.users !== undefined) {
          const plan = minimumDetectableEffect(sd, opts.users, mean, s);
          out.mde_absolute = plan.mde_absolute;
          out.mde_relative = plan.mde_relative;
        }
        if (Object.keys(out).length === 0) {
          throw new CliError('nothing to compute', 'pass --effect D and/or --users N');
        }
        if (opts.json) return printJson(out);
        printFields(out);
      },
    );
}
