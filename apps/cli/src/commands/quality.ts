import type { Command } from 'commander';
import { checkDataQuality } from '@hirelearn/monitoring';
import { CliError } from '../cli-error';
import { printFields, printJson, printTable } from '../output';
import { withEventStore } from '../store-option';

/** `hirelearn quality`: the data-quality checks of spec 15.1 over the event store. */
export function registerQuality(program: Command): void {
  program
    .command('quality')
    .description(
      'data-quality checks: temporal consistency, referential integrity, capture and completeness, volume anomalies, outlier scores',
    )
    .option('--since <date>', 'check only events at or after this date (YYYY-MM-DD or ISO time)')
    .option('--fail-on-critical', 'exit with code 2 when a critical finding stands')
    .option('--json', 'print JSON (with a findings list)')
    .option('--db <url>', 'event store URL (default HIRELEARN_DB or ./.hirelearn/hirelearn.duckdb)')
    .action(
      async (opts: { since?: string; failOnCritical?: boolean; json?: boolean; db?: string }) => {
        if (opts.since !== undefined && Number.isNaN(Date.parse(opts.since))) {
          throw new CliError(
            `--since '${opts.since}' is not a date`,
            'use YYYY-MM-DD or an ISO date-time such as 2026-01-06T00:00:00Z',
          );
        }
        const report = await withEventStore(
          opts.db,
          (store) => checkDataQuality(store, { since: opts.since ?? null }),
          { readOnly: true },
        );
        if (opts.json) printJson(report);
        else {
          printFields({
            status: report.status,
            since: report.since ?? 'the whole log',
            as_of: report.as_of,
            checked_events: report.checked_events,
            critical: report.critical,
            warnings: report.warnings,
          });
          if (report.findings.length > 0) {
            process.stdout.write('\n');
            printTable(
              report.findings.map((f) => ({ ...f, examples: f.examples.slice(0, 3).join(' ') })),
              ['severity', 'rule', 'event_type', 'count', 'message', 'examples'],
            );
          }
        }
        if (opts.failOnCritical && report.critical > 0) process.exitCode = 2;
      },
    );
}
