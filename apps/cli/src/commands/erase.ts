import type { Command } from 'commander';
import { printJson } from '../output';
import { dbOption, documentEraser, withEventStore } from '../store-option';

export function registerErase(program: Command): void {
  program
    .command('erase')
    .description(
      'erase every record of a user (events, quarantine, facts, logged predictions) and keep only a tombstone',
    )
    .argument('<user_id>')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (userId: string, opts: { json?: boolean; db?: string; documents?: string }) => {
      // Documents first: the tombstone, written last, marks an erasure that went through.
      // Both steps are idempotent, so a failed erasure is completed by running it again.
      const documents = documentEraser(opts.documents);
      let documentsErased: number;
      try {
        documentsErased = await documents.erase(userId);
      } finally {
        await documents.close();
      }
      const result = await withEventStore(opts.db, (s) => s.eraseUser(userId));
      if (opts.json) return printJson({ ...result, documents_erased: documentsErased });
      process.stdout.write(
        `erased ${result.rows_erased} rows and ${documentsErased} documents; ` +
          `a tombstone refuses this user's events from now on\n`,
      );
    });
}
