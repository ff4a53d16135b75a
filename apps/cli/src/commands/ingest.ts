import * as path from 'node:path';
import type { Command } from 'commander';
import {
  DEFAULT_LINE_LIMITS,
  defaultValidateThreads,
  ingest,
  workerValidator,
  type IngestReport,
} from '@hirelearn/ingest';
import { printFields, printJson, printTable, progressReporter } from '../output';
import { integerOption } from '../integer-option';
import { dbOption, documentEraser, withEventStore } from '../store-option';

/**
 * The exit code of an ingest that stored what it could read but could not read a source
 * whole (listed in `unreadable_sources`): distinct from 1 (nothing done: bad arguments, a
 * store failure) so that a nightly can tell "re-deliver these files" from "fix the setup".
 */
export const INGEST_INCOMPLETE = 3;

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'validate and store events: NDJSON (plain or gzipped), Parquet, folders, globs, - for stdin',
    )
    .argument('<paths...>', 'files, folders, globs or - (stdin)')
    .option('--batch-size <n>', 'events per transaction', integerOption('--batch-size', 1), 20000)
    .option(
      '--ghost-after-days <n>',
      'days of silence after which an application counts as ghosted',
      Number,
      30,
    )
    .option(
      '--threads <n>',
      'worker threads validating events (0: validate on the main thread; default: one per core but one)',
      integerOption('--threads'),
      defaultValidateThreads(),
    )
    .option(
      '--max-line-bytes <n>',
      'longer lines are quarantined as too_large with their first bytes',
      integerOption('--max-line-bytes', 1),
      DEFAULT_LINE_LIMITS.maxLineBytes,
    )
    .option('--json', 'print the report as JSON')
    .addOption(dbOption())
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
          maxLineBytes: number;
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
            batchSize: opts.batchSize,
            maxLineBytes: opts.maxLineBytes,
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
        if (report.status === 'completed_with_errors') {
          const names = report.unreadable_sources.map((u) => `${u.source}: ${u.reason}`);
          process.stderr.write(
            `hirelearn: ingest completed with errors; not read whole:\n  ${names.join('\n  ')}\n`,
          );
          process.exitCode = INGEST_INCOMPLETE;
        }
      },
    );
}

export function printIngestReport(report: IngestReport): void {
  const rate = report.seconds > 0 ? Math.round(report.received / report.seconds) : report.received;
  printFields({
    status: report.status,
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
  if (report.unreadable_sources.length > 0) {
    process.stdout.write(
      `\nunreadable sources: ${report.unreadable_sources.length} (their lines before the failure are ingested)\n`,
    );
    printTable(
      report.unreadable_sources.map((u) => ({ ...u })),
      ['source', 'lines_read', 'reason'],
    );
  }
  if (report.skipped_sources.length > 0) {
    process.stdout.write('\nskipped (not regular files)\n');
    printTable(
      report.skipped_sources.map((u) => ({ ...u })),
      ['source', 'reason'],
    );
  }
  const reasons = Object.entries(report.quarantined_by_reason);
  if (reasons.length > 0) {
    process.stdout.write('\nquarantined by reason (see: hirelearn quarantine list)\n');
    printTable(
      reasons.map(([reason, count]) => ({ reason, count })),
      ['reason', 'count'],
    );
  }
}
