import type { Command } from 'commander';
import { printFields, printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('what the store holds: events by type, time range, users, quarantine, facts')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (opts: { json?: boolean; db?: string }) => {
      const status = await withEventStore(opts.db, (store) => store.status(), { readOnly: true });
      if (opts.json) return printJson(status);
      printFields({
        events: status.events,
        'time range': status.first_event_at
          ? `${status.first_event_at} .. ${status.last_event_at}`
          : '(empty)',
        users: status.users,
        pending: status.pending,
        quarantined: status.quarantined,
        tombstones: status.tombstones,
        'ingest runs': status.ingest_runs,
        facts: status.facts,
      });
      process.stdout.write('\nevents by type\n');
      printTable(
        Object.entries(status.by_type).map(([type, count]) => ({ type, count })),
        ['type', 'count'],
      );
      if (status.quarantined > 0) {
        process.stdout.write('\nquarantine by reason\n');
        printTable(
          Object.entries(status.quarantine_by_reason).map(([reason, count]) => ({ reason, count })),
          ['reason', 'count'],
        );
      }
    });
}
