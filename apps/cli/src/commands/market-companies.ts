import type { Command } from 'commander';
import { companyVelocity } from '@hirelearn/analytics';
import { integerOption } from '../integer-option';
import { printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

/** The `market` group, whoever registers first creates it (the temporal commands share it). */
export function marketGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'market') ??
    program
      .command('market')
      .description('the job market over time: shifts, seasons, forecasts, companies')
  );
}

/** `hirelearn market companies [--top N]`: hiring velocity, urgency and evidence (spec 4.5.3). */
export function registerMarketCompanies(program: Command): void {
  marketGroup(program)
    .command('companies')
    .description(
      'companies by hiring velocity: 0.4 postings trend + 0.3 COMPANY_SIGNAL + 0.3 recency; urgency high >= 0.7, medium >= 0.4',
    )
    .option('--top <n>', 'how many companies', integerOption('--top', 1), 20)
    .option('--json', 'print the CompanyVelocityResult as JSON')
    .addOption(dbOption())
    .action(async (opts: { top: number; json?: boolean; db?: string }) => {
      const r = await withEventStore(opts.db, (s) => companyVelocity(s), { readOnly: true });
      const companies = r.companies.slice(0, opts.top);
      if (opts.json) return printJson({ ...r, companies });
      process.stdout.write(`as of ${r.as_of ?? '-'}; ${r.companies.length} companies posting\n`);
      printTable(
        companies.map((c) => ({
          company: c.company,
          velocity: c.velocity.toFixed(2),
          urgency: c.urgency,
          trend: c.components.postings_trend.toFixed(2),
          signals: c.components.signals === null ? '-' : c.components.signals.toFixed(2),
          recency: c.components.recency.toFixed(2),
          'postings/month': c.evidence.monthly_postings.join(' '),
          basis: c.basis,
        })),
        [
          'company',
          'velocity',
          'urgency',
          'trend',
          'signals',
          'recency',
          'postings/month',
          'basis',
        ],
      );
    });
}
