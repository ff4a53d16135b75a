import type { Command } from 'commander';
import {
  DEFAULT_RESUME_DNA_SETTINGS,
  RESUME_FEATURES,
  resumeDnaLibrary,
  resumeMatch,
  type EditEvidence,
} from '@hirelearn/analytics';
import { loadAttribution } from '@hirelearn/nightly';
import { withDocumentStore } from '../documents-option';
import { printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

const f2 = (x: number) => x.toFixed(2);

/** The newest stored attribution's effects (the nightly's), or none. */
async function storedEffects(documents: string | undefined): Promise<readonly EditEvidence[]> {
  const stored = await withDocumentStore(documents, (docs) => loadAttribution(docs), {
    readOnly: true,
  });
  return stored?.effects ?? [];
}

/** `hirelearn resume dna` and `hirelearn resume match` (spec 4.5.2). */
export function registerResume(program: Command): void {
  const resume = program
    .command('resume')
    .description('resume DNA: patterns of successful resumes');
  resume
    .command('dna')
    .description(
      'the pattern library: successful resumes per role (30+ applications, 15%+ interviews, an offer), clustered by DBSCAN; k-anonymous, opt-outs left out',
    )
    .option('--role <role>', 'one role only')
    .option('--json', 'print the ResumeDnaLibrary as JSON')
    .addOption(dbOption())
    .action(async (opts: { role?: string; json?: boolean; db?: string }) => {
      const library = await withEventStore(opts.db, (s) => resumeDnaLibrary(s), {
        readOnly: true,
      });
      const roles = library.roles.filter((r) => !opts.role || r.role === opts.role);
      if (opts.json) return printJson({ ...library, roles });
      for (const r of roles) {
        process.stdout.write(
          `\n${r.role}: ${r.successful_users} successful users, ${r.patterns.length} patterns (${r.noise_users} unclustered)${r.reasons.length ? ` — ${r.reasons.join('; ')}` : ''}\n`,
        );
        printTable(
          r.patterns.map((p) => ({
            pattern: p.pattern_id,
            users: p.user_count,
            share: f2(p.share),
            ...Object.fromEntries(Object.entries(p.centroid).map(([k, v]) => [k, f2(v)])),
          })),
          ['pattern', 'users', 'share', ...RESUME_FEATURES],
        );
      }
      if (opts.role && roles.length === 0)
        process.stdout.write(
          `no library for '${opts.role}' (fewer than k successful users, or none)\n`,
        );
      process.stdout.write(
        `\n${library.suppressed_roles} role(s) withheld: fewer than ${library.k} successful users\n`,
      );
    });
  resume
    .command('match <user_id>')
    .description(
      "a user's latest resume against their role's patterns: the nearest pattern and the gaps; a gap whose edit the newest stored attribution finds useless is withheld",
    )
    .option('--json', 'print the ResumeMatch as JSON')
    .addOption(dbOption())
    .option(
      '--documents <url>',
      'document store URL holding the attribution (default HIRELEARN_DOCUMENTS or embedded)',
    )
    .action(async (userId: string, opts: { json?: boolean; db?: string; documents?: string }) => {
      const effects = await storedEffects(opts.documents);
      const match = await withEventStore(
        opts.db,
        async (s) =>
          resumeMatch(s, userId, await resumeDnaLibrary(s), effects, DEFAULT_RESUME_DNA_SETTINGS),
        { readOnly: true },
      );
      if (opts.json) return printJson(match);
      process.stdout.write(
        `${match.user_id} (${match.role ?? 'no role'}): ${match.status}${match.reasons.length ? ` — ${match.reasons.join('; ')}` : ''}\n`,
      );
      if (match.nearest_pattern)
        process.stdout.write(
          `nearest pattern ${match.nearest_pattern.pattern_id}, similarity ${f2(match.nearest_pattern.similarity)}\n`,
        );
      if (effects.length === 0)
        process.stdout.write('no stored attribution (hirelearn nightly): every gap is untested\n');
      printTable(
        match.gaps.map((g) => ({
          gap: g.feature,
          edit: g.edit_type,
          you: f2(g.user_value),
          successful: f2(g.pattern_value),
          typical: f2(g.typical_value),
          attribution: g.verdict,
        })),
        ['gap', 'edit', 'you', 'successful', 'typical', 'attribution'],
      );
      for (const w of match.withheld_gaps)
        process.stdout.write(`withheld ${w.feature} (${w.edit_type}): ${w.reason}\n`);
    });
}
