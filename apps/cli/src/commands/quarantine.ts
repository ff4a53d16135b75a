import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printFields, printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

export function registerQuarantine(program: Command): void {
  const q = program
    .command('quarantine')
    .description('events that were not stored as valid, with their bytes and reason');
  q.command('list')
    .option('--reason <code>', 'only this reason code')
    .option('--limit <n>', 'at most this many', integerOption('--limit', 1), 50)
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (opts: { reason?: string; limit: number; json?: boolean; db?: string }) => {
      const rows = await withEventStore(
        opts.db,
        (s) => s.quarantineList({ reason: opts.reason, limit: opts.limit }),
        { readOnly: true },
      );
      if (opts.json) return printJson(rows);
      printTable(
        rows.map((r) => ({
          ...r,
          id: r.quarantine_id.slice(0, 12),
          where: `${r.source}:${r.line}`,
        })),
        ['id', 'reason', 'message', 'where'],
      );
    });
  q.command('show')
    .argument('<id>', 'quarantine id or a unique prefix of it')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (id: string, opts: { json?: boolean; db?: string }) => {
      const row = await withEventStore(opts.db, (s) => s.quarantineShow(id), { readOnly: true });
      if (!row)
        throw new CliError(
          `no single quarantined event matches '${id}'`,
          'list them with: hirelearn quarantine list',
        );
      if (opts.json) return printJson({ ...row, raw: row.raw.toString('utf8') });
      const { raw, ...fields } = row;
      printFields(fields);
      process.stdout.write(`\noriginal bytes:\n${raw.toString('utf8')}\n`);
    });
  q.command('export')
    .requiredOption('--out <file>', 'NDJSON file to write')
    .addOption(dbOption())
    .action(async (opts: { out: string; db?: string }) => {
      const n = await withEventStore(opts.db, (s) => s.quarantineExport(opts.out), {
        readOnly: true,
      });
      process.stdout.write(`wrote ${n} quarantined events to ${opts.out}\n`);
    });
}
