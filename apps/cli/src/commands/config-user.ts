import type { Command } from 'commander';
import { ConfigChannel } from '@hirelearn/config';
import { readPersonalizedConfig, type PersonalizedConfigView } from '@hirelearn/personalize';
import { withDocumentStore } from '../documents-option';
import { printFields, printJson, printTable } from '../output';

const figure = (x: number | null) => (x === null ? '-' : String(Math.round(x * 10_000) / 10_000));

function printView(v: PersonalizedConfigView): void {
  const c = v.config;
  printFields({
    user: c.user_id,
    basis: c.basis,
    why: c.basis_reason,
    segment: `seniority ${c.segment.value} (${c.segment.users} users)`,
    version: c.version,
    published: `${c.published_at} by ${c.published_by} (run ${c.run_id})`,
    causal_priors: c.attribution_run_id ?? '(none: no attribution in that run)',
  });
  printTable(
    c.parameters.map((p) => ({
      layer: p.layer,
      parameter: p.parameter,
      value: figure(p.value),
      source: p.evidence.source,
      n: p.evidence.n,
      weight: figure(p.evidence.shrinkage_weight),
      k: figure(p.evidence.prior_strength),
      own: figure(p.evidence.own_estimate),
      prior: figure(p.evidence.prior_mean),
      shrunk: figure(p.evidence.shrunk_estimate),
    })),
    ['layer', 'parameter', 'value', 'source', 'n', 'weight', 'k', 'own', 'prior', 'shrunk'],
  );
  process.stdout.write(
    `layer 5 for this user (base version ${v.base_versions['5']}, then the overrides):\n` +
      `${JSON.stringify(v.planning)}\n` +
      `layer 6 for this user (base version ${v.base_versions['6']}, then the overrides):\n` +
      `${JSON.stringify(v.fit_weights)}\n`,
  );
}

/**
 * `hirelearn config user --user U`: one user's personalized configuration as the nightly
 * published it, over layers 5 and 6 in force (what GetPersonalizedConfig answers), each
 * parameter with its evidence. Reads the document store; an unknown or erased user is refused.
 */
export function registerConfigUser(program: Command): void {
  const config = program.commands.find((c) => c.name() === 'config');
  if (!config) throw new Error('registerConfig must run before registerConfigUser');
  config
    .command('user')
    .description(
      "one user's personalized configuration (layer 5 planning, layer 6 re-ranking weights), each parameter with its evidence: own data shrunk toward the segment's",
    )
    .requiredOption('--user <id>', 'the user')
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .option('--json', 'print as JSON: {config, planning, fit_weights, base_versions}')
    .action(async (opts: { user: string; documents?: string; json?: boolean }) => {
      const view = await withDocumentStore(
        opts.documents,
        (documents) =>
          readPersonalizedConfig(documents, new ConfigChannel({ documents }), opts.user),
        { readOnly: true },
      );
      if (opts.json) return printJson(view);
      printView(view);
    });
}
