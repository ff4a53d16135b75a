import type { Command } from 'commander';
import { printJson } from '../output';
import { withEventStore } from '../store-option';

export function registerErase(program: Command): void {
  program
    .command('erase')
    .description(
      'erase every record of a user (raw, derived, quarantine) and keep only a tombstone',
    )
    .argument('<user_id>')
    .option('--json', 'print as JSON')
    .option('--db <url>', 'store URL')
    .action(async (userId: string, opts: { json?: boolean; db?: string }) => {
      const result = await withEventStore(opts.db, (s) => s.eraseUser(userId));
      if (opts.json) return printJson(result);
      process.stdout.write(
        `erased ${result.rows_erased} rows; a tombstone refuses this user's events from now on\n`,
      );
    });
}
