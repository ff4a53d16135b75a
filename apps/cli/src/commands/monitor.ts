import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Metadata } from '@grpc/grpc-js';
import * as pb from '@hirelearn/proto';
import {
  clientConnection,
  fromGrpcError,
  isServiceError,
  type ClientSecuritySettings,
} from '@hirelearn/rpc';
import {
  modelHealthCollection,
  renderHealthReport,
  runMonitorJob,
  type ModelHealth,
} from '@hirelearn/monitoring';
import { openDocumentStore, type DocumentStore } from '@hirelearn/store';
import { documentsUrl as documentsUrlOf } from '../documents-option';
import { CliError } from '../cli-error';
import { printJson, printTable } from '../output';
import { dbOption, storeUrl } from '../store-option';
import {
  clientSecurityFrom,
  clientSecurityOptions,
  type ClientSecurityOpts,
} from '../security-options';

interface DocumentOpts {
  documents?: string;
  artifacts?: string;
  json?: boolean;
}

/** `--documents`, else HIRELEARN_DOCUMENTS, else the embedded `./.hirelearn/documents.sqlite`. */
const documentsUrl = (opts: DocumentOpts): string => documentsUrlOf(opts.documents);

async function withDocuments<T>(
  opts: DocumentOpts,
  work: (docs: DocumentStore) => Promise<T>,
): Promise<T> {
  const docs = await openDocumentStore(documentsUrl(opts));
  try {
    return await work(docs);
  } finally {
    await docs.close();
  }
}

/** `hirelearn monitor run | report MODEL`: calibration and drift of served models. */
export function registerMonitor(program: Command): void {
  const monitor = program
    .command('monitor')
    .description('calibration and drift of served models; rollback on critical findings');

  clientSecurityOptions(monitor.command('run'))
    .description(
      'score every shadow and production version against the outcomes that have arrived; store ModelHealth per window; roll back critical production versions',
    )
    .option('--json', 'print JSON')
    .addOption(dbOption())
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--artifacts <dir>', 'artifact folder of the registry (default HIRELEARN_ARTIFACTS)')
    .option(
      '--address <host:port>',
      'ask a served drift monitor (`hirelearn serve drift-monitor`) to run a pass now, over gRPC',
    )
    .action(async (opts: DocumentOpts & ClientSecurityOpts & { db?: string; address?: string }) => {
      const run = opts.address
        ? await runNowOverGrpc(opts.address, clientSecurityFrom(opts))
        : await runMonitorJob({
            dbUrl: storeUrl(opts.db),
            documentsUrl: documentsUrl(opts),
            artifactsDir: opts.artifacts ?? process.env.HIRELEARN_ARTIFACTS,
            everyMinutes: 60,
            once: true,
          });
      const versions = run.versions.map((v) => ({ ...v, evidence: v.evidence ?? '' }));
      // A production version the services do not serve is critical: said on stderr too.
      for (const f of run.serving) process.stderr.write(`critical: ${f.message}\n`);
      if (opts.json) printJson(run);
      else if (versions.length === 0) {
        process.stdout.write('no model version in shadow or production\n');
      } else {
        printTable(versions, [
          'model',
          'version',
          'stage',
          'windows',
          'critical_windows',
          'rollback',
          'evidence',
        ]);
      }
    });

  monitor
    .command('report <model>')
    .description(
      'the stored health of a model version per window; --html writes an offline report with charts',
    )
    .option('--version <n>', 'model version (default: the newest with reports)')
    .option('--html <file>', 'write an HTML report with inline SVG charts')
    .option('--json', 'print JSON')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (model: string, opts: DocumentOpts & { version?: string; html?: string }) => {
      const health = await withDocuments(opts, (docs) =>
        modelHealthCollection(docs).find(
          { model },
          { sort: { field: 'window_start', direction: 1 } },
        ),
      );
      if (health.length === 0) {
        throw new CliError(
          `no health reports for model '${model}'`,
          'run `hirelearn monitor run` after predictions and outcomes have been logged',
        );
      }
      const version = opts.version ?? newestVersion(health);
      const chosen = health.filter((h) => String(h.version) === String(version));
      if (chosen.length === 0) {
        throw new CliError(
          `no health reports for ${model} version ${version}`,
          `versions with reports: ${[...new Set(health.map((h) => String(h.version)))].join(', ')}`,
        );
      }
      if (opts.html) {
        writeFileSync(opts.html, renderHealthReport(chosen));
        if (!opts.json) process.stderr.write(`wrote ${opts.html}\n`);
      }
      if (opts.json) printJson({ model, version: chosen[0].version, windows: chosen });
      else {
        printTable(
          chosen.map((h) => ({
            from: h.window_start.slice(0, 10),
            to: h.window_end.slice(0, 10),
            status: h.status,
            outcomes: h.n_labelled,
            ece: h.ece?.toFixed(3),
            brier: h.brier?.toFixed(3),
            auc: h.auc?.toFixed(3),
            drifted: h.drifted_features.join(','),
            critical: h.critical.join(','),
          })),
          ['from', 'to', 'status', 'outcomes', 'ece', 'brier', 'auc', 'drifted', 'critical'],
        );
      }
    });
}

/** One `RunNow` of the Monitor service; verdicts with the enum prefixes dropped. */
export async function runNowOverGrpc(address: string, security: ClientSecuritySettings) {
  const connection = clientConnection(address, security);
  const client = new pb.MonitorClient(address, connection.credentials, connection.options);
  try {
    const response = await new Promise<pb.RunNowResponse>((resolve, reject) =>
      client.runNow({}, new Metadata(), { deadline: Date.now() + 30 * 60_000 }, (error, r) =>
        error ? reject(isServiceError(error) ? fromGrpcError(error) : error) : resolve(r),
      ),
    );
    const versions = (response.run?.versions ?? []).map((v) => ({
      model: v.model,
      version: v.version,
      stage: pb
        .stageToJSON(v.stage)
        .replace(/^STAGE_/, '')
        .toLowerCase(),
      windows: v.windows,
      critical_windows: v.critical_windows,
      rollback: pb
        .rollbackOutcomeToJSON(v.rollback)
        .replace(/^ROLLBACK_OUTCOME_/, '')
        .toLowerCase(),
      evidence: v.evidence,
    }));
    return {
      status: 'ok',
      versions,
      health_reports: response.run?.health_reports ?? 0,
      serving: response.run?.serving ?? [],
    };
  } finally {
    client.close();
  }
}

function newestVersion(health: readonly ModelHealth[]): string | number {
  return health.reduce(
    (best, h) => (Number(h.version) > Number(best) ? h.version : best),
    health[0].version,
  );
}
