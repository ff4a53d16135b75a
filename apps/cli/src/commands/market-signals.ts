import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { companyVelocity, CrunchbaseConnector } from '@hirelearn/analytics';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printJson } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { marketGroup } from './market-companies';

interface Options {
  companies?: string;
  top: number;
  out?: string;
  since?: string;
  baseUrl?: string;
  json?: boolean;
  db?: string;
}

/**
 * `hirelearn market signals`: company signals from Crunchbase as COMPANY_SIGNAL events in an
 * NDJSON file, for `hirelearn ingest` (so they are validated and stored like any event).
 */
export function registerMarketSignals(program: Command): void {
  marketGroup(program)
    .command('signals')
    .description(
      'fetch company signals from Crunchbase (key in CRUNCHBASE_API_KEY) as COMPANY_SIGNAL events for ingest',
    )
    .option(
      '--companies <names>',
      "comma-separated company names (default: the store's companies posting, by velocity)",
    )
    .option(
      '--top <n>',
      "how many of the store's companies when --companies is absent",
      integerOption('--top', 1),
      20,
    )
    .option('--out <file>', 'NDJSON file to write the events to (default stdout)')
    .option('--since <day>', 'funding rounds announced on or after YYYY-MM-DD only')
    .option('--base-url <url>', 'the API root (default https://api.crunchbase.com/api/v4)')
    .option('--json', 'print the ConnectorResult (signals included) as JSON instead of NDJSON')
    .addOption(dbOption())
    .action(async (o: Options) => {
      if (o.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.since))
        throw new CliError(`--since must be a day YYYY-MM-DD, got '${o.since}'`);
      const companies = o.companies
        ? o.companies
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        : (await withEventStore(o.db, (s) => companyVelocity(s), { readOnly: true })).companies
            .slice(0, o.top)
            .map((c) => c.company);
      let connector: CrunchbaseConnector;
      try {
        connector = new CrunchbaseConnector({ base_url: o.baseUrl, since: o.since });
      } catch (e) {
        throw new CliError(
          (e as Error).message,
          'export CRUNCHBASE_API_KEY=... (never a flag or a file in the repository)',
        );
      }
      const r = await connector.fetchSignals(companies);
      if (o.json) printJson(r);
      else {
        const text =
          r.signals.map((s) => JSON.stringify(s)).join('\n') + (r.signals.length ? '\n' : '');
        if (o.out) writeFileSync(o.out, text);
        else process.stdout.write(text);
      }
      process.stderr.write(
        `crunchbase: ${companies.length} companies, ${r.signals.length} signals, ${r.not_found.length} not found, ${r.failures.length} failed, ${r.requests} requests\n`,
      );
      for (const f of r.failures) process.stderr.write(`  ${f.company}: ${f.reason}\n`);
      if (r.status === 'failed') process.exitCode = 1;
    });
}
