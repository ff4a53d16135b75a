import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
  auditArtifacts,
  DEFAULT_PRIVACY_AUDIT_SETTINGS,
  type AuditArtifact,
} from '@hirelearn/safeguards';
import { knownUserIds } from '@hirelearn/store';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printFields, printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

const TEXT_FILES = /\.(json|ndjson|jsonl|csv|tsv|md|txt|html)$/i;

/** Every text artifact under a path (a file or a folder, recursively). */
function artifactsUnder(root: string): AuditArtifact[] {
  let stat;
  try {
    stat = statSync(root);
  } catch {
    throw new CliError(
      `no such file or folder: ${root}`,
      'pass --path with the folder of exported artifacts',
    );
  }
  if (stat.isFile()) return [{ name: root, text: readFileSync(root, 'utf8') }];
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(root, e.name);
    if (e.isDirectory()) return artifactsUnder(p);
    return e.isFile() && TEXT_FILES.test(e.name)
      ? [{ name: p, text: readFileSync(p, 'utf8') }]
      : [];
  });
}

export function registerPrivacy(program: Command): void {
  const privacy = program
    .command('privacy')
    .description('privacy checks of what the engine exports');
  privacy
    .command('audit')
    .description(
      'scan exported artifacts for user ids, e-mails, phone numbers, URLs and cells below k; exit 1 on a finding',
    )
    .option('--path <dir>', 'file or folder of exported artifacts', '.hirelearn/exports')
    .option(
      '--k <n>',
      'minimum distinct users behind a cell',
      integerOption('--k', 1),
      DEFAULT_PRIVACY_AUDIT_SETTINGS.k,
    )
    .addOption(dbOption())
    .option('--json', 'print as JSON')
    .action(async (o: { path: string; k: number; db?: string; json?: boolean }) => {
      const artifacts = artifactsUnder(o.path);
      const known =
        o.db || process.env.HIRELEARN_DB
          ? await withEventStore(o.db, knownUserIds, { readOnly: true })
          : [];
      const result = auditArtifacts(artifacts, {
        ...DEFAULT_PRIVACY_AUDIT_SETTINGS,
        k: o.k,
        known_user_ids: known,
      });
      if (o.json) printJson(result);
      else {
        printFields({
          status: result.status.toUpperCase(),
          'artifacts scanned': result.artifacts_scanned,
          ...result.by_kind,
        });
        if (result.findings.length) {
          process.stdout.write('\n');
          printTable(
            result.findings.slice(0, 50).map((f) => ({ ...f })),
            ['artifact', 'line', 'kind', 'excerpt'],
          );
          if (result.findings.length > 50)
            process.stdout.write(`... and ${result.findings.length - 50} more\n`);
        }
      }
      if (result.status === 'fail') process.exitCode = 1;
    });
}
