import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { ingest, workerValidator, type IngestReport } from '@hirelearn/ingest';
import { printFields, printJson, printTable, progressReporter } from '../output';
import { documentEraser, withEventStore } from '../store-option';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'validate and store events: NDJSON (plain or gzipped), Parquet, folders, globs, - for stdin',
    )
    .argument('<paths...>', 'files, folders, globs or - (stdin)')
    .option('--batch-size <n>', 'events per transaction', (v) => Number.parseInt(v, 10), 20000)
    .option(
      '--ghost-after-days <n>',
      'days of silence after which an application counts as ghosted',
      Number,
      30,
    )
    .option(
      '--threads <n>',
      'worker threads validating events (0: validate on the main thread)',
      (v) => Number.parseInt(v, 10),
      availableParallelism(),
    )
    .option('--json', 'print the report as JSON')
    .option('--db <url>', 'store URL (default: HIRELEARN_DB or ./.hirelearn/hirelearn.duckdb)')
    .option(
      '--documents <url>',
      'document store a USER_DELETION_REQUESTED also erases (default HIRELEARN_DOCUMENTS or embedded)',
    )
    .action(
      async (
        paths: string[],
        opts: {
          batchSize: number;
          ghostAfterDays: number;
          threads: number;
          json?: boolean;
          db?: string;
          documents?: string;
        },
      ) => {
        const progress = progressReporter('ingest');
        const documents = documentEraser(opts.documents);
        const report = await withEventStore(opts.db, (store) =>
          ingest(store, paths, {
            eraseElsewhere: async (userId) => void (await documents.erase(userId)),
            batch_size: opts.batchSize,
            validator: workerValidator(path.join(__dirname, 'validate-worker.js'), opts.threads),
            facts: { ghost_after_days: opts.ghostAfterDays },
            onProgress: (p) =>
              progress.update(
                `${p.received.toLocaleString()} received, ${p.stored.toLocaleString()} stored, ${p.quarantined} quarantined`,
              ),
          }),
        ).finally(() => documents.close());
        progress.done();
        if (opts.json) printJson(report);
        else printIngestReport(report);
      },
    );
}

export function printIngestReport(report: IngestReport): void {
  const rate = report.seconds > 0 ? Math.round(report.received / report.seconds) : report.received;
  printFields({
    received: report.received,
    stored: report.stored,
    duplicates: report.duplicates,
    quarantined: report.quarantined,
    pending: `${report.pending} STATUS_CHANGED waiting for their APPLICATION_CREATED`,
    released: report.released,
    'refused (erased users)': report.refused_erased_user,
    'erased users': report.erased_users,
    time: `${report.seconds.toFixed(1)} s (${rate.toLocaleString()} events/s)`,
  });
  const reasons = Object.entries(report.quarantined_by_reason);
  if (reasons.length > 0) {
    process.stdout.write('\nquarantined by reason (see: hirelearn quarantine list)\n');
    printTable(
      reasons.map(([reason, count]) => ({ reason, count })),
      ['reason', 'count'],
    );
  }
}
