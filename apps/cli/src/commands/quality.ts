import type { Command } from 'commander';
import { dataQualityGate } from '@hirelearn/monitoring';
import { dateOption } from '../date-option';
import { withDocumentStore } from '../documents-option';
import { printFields, printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { describeAcknowledgement, printAcknowledgements, registerQualityAck } from './quality-ack';

/**
 * `hirelearn quality`: the data-quality checks of spec 15.1 over the event store, with the
 * operators' acknowledgements in force (`hirelearn quality ack`) applied and listed.
 */
export function registerQuality(program: Command): void {
  const quality = program
    .command('quality')
    // `quality ack --until/--json` are ack's own options, not the checks' window and format.
    .enablePositionalOptions()
    .description(
      'data-quality checks: temporal consistency, referential integrity, capture and completeness, volume anomalies, outlier scores',
    )
    .option('--since <date>', 'check only events at or after this date (YYYY-MM-DD or ISO time)')
    .option(
      '--until <date>',
      'check only events before this date (the window `attribution --until` analyses)',
    )
    .option('--fail-on-critical', 'exit with code 2 when an unacknowledged critical finding stands')
    .option('--json', 'print JSON (with a findings list)')
    .addOption(dbOption())
    .option(
      '--documents <url>',
      'document store URL, where acknowledgements are (default HIRELEARN_DOCUMENTS or embedded)',
    )
    .action(
      async (opts: {
        since?: string;
        until?: string;
        failOnCritical?: boolean;
        json?: boolean;
        db?: string;
        documents?: string;
      }) => {
        const window = {
          since: dateOption('--since', opts.since),
          until: dateOption('--until', opts.until),
        };
        const { report, active } = await withEventStore(
          opts.db,
          (store) =>
            withDocumentStore(opts.documents, (docs) => dataQualityGate(store, docs, window), {
              readOnly: true,
            }),
          { readOnly: true },
        );
        if (opts.json) printJson({ ...report, acknowledgements: active });
        else {
          printFields({
            status: report.status,
            since: report.since ?? 'the whole log',
            until: report.until ?? 'the newest event',
            as_of: report.as_of,
            checked_events: report.checked_events,
            critical: report.critical,
            acknowledged: report.acknowledged,
            warnings: report.warnings,
          });
          if (report.findings.length > 0) {
            process.stdout.write('\n');
            printTable(
              report.findings.map((f) => ({
                ...f,
                examples: f.examples.slice(0, 3).join(' '),
                acknowledged: f.acknowledged ? describeAcknowledgement(f.acknowledged) : '',
              })),
              ['severity', 'rule', 'event_type', 'count', 'acknowledged', 'message', 'examples'],
            );
          }
          if (active.length > 0) {
            process.stdout.write('\nacknowledgements in force:\n');
            printAcknowledgements(active);
          }
        }
        if (opts.failOnCritical && report.critical > 0) process.exitCode = 2;
      },
    );
  registerQualityAck(quality);
}
