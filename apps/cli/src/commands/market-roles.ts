import type { Command } from 'commander';
import {
  analyticsSettings,
  industryInsights,
  parsePeriod,
  roleDemand,
  type Period,
} from '@hirelearn/analytics';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printJson, printTable, progressReporter } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { marketGroup } from './market-companies';

interface Options {
  period: string;
  k?: number;
  json?: boolean;
  db?: string;
}

function periodOf(text: string): Period {
  const p = parsePeriod(text);
  if (p.status !== 'ok')
    throw new CliError(p.reason, 'e.g. --period 2025, --period 2024-01-01..2026-01-01');
  return p.period;
}

function kOf(k: number | undefined) {
  return k === undefined ? analyticsSettings() : analyticsSettings({ k });
}

const f = (x: number | null, d = 2) => (x === null ? '-' : x.toFixed(d));
const pct = (x: number | null) =>
  x === null ? '-' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;

/** `hirelearn market roles` and `hirelearn market industries` (spec 4.5.3). */
export function registerMarketRoles(program: Command): void {
  const market = marketGroup(program);
  market
    .command('roles')
    .description(
      'role demand: openings, trend per month, a forecast with its interval, applications per opening (k-anonymous, opt-outs left out)',
    )
    .option('--period <period>', 'all, YYYY, YYYY-MM-DD..YYYY-MM-DD (end exclusive)', 'all')
    .option(
      '--k <k>',
      'k-anonymity: fewest distinct applicants behind a competition figure',
      integerOption('--k', 1),
    )
    .option('--json', 'print the RoleDemandResult as JSON')
    .addOption(dbOption())
    .action(async (o: Options) => {
      const progress = progressReporter('market roles');
      const r = await withEventStore(
        o.db,
        (s) =>
          roleDemand(s, periodOf(o.period), {
            analytics: kOf(o.k),
            on_progress: (done, total, role) => progress.update(`${done}/${total} ${role}`),
          }),
        { readOnly: true },
      );
      progress.done();
      if (o.json) return printJson(r);
      printTable(
        r.roles.map((x) => {
          const next = x.forecast.forecast[0];
          return {
            role: x.role,
            openings: x.openings,
            trend: `${pct(x.trend.relative_trend)}/month ${x.trend.direction}`,
            'next month': next
              ? `${f(next.mean, 0)} [${f(next.lower, 0)}, ${f(next.upper, 0)}]`
              : '-',
            mase: f(x.forecast.evaluation?.mase ?? null),
            'apps/opening': x.suppressed ? `withheld (< ${r.k} users)` : f(x.competition_index),
          };
        }),
        ['role', 'openings', 'trend', 'next month', 'mase', 'apps/opening'],
      );
      process.stdout.write(
        `${r.suppressed_cells} role(s) with competition withheld: fewer than ${r.k} applicants\n`,
      );
    });
  market
    .command('industries')
    .description(
      'industry insights: openings and share, trend, applications per opening, companies hiring urgently',
    )
    .option('--period <period>', 'all, YYYY, YYYY-MM-DD..YYYY-MM-DD (end exclusive)', 'all')
    .option(
      '--k <k>',
      'k-anonymity: fewest distinct applicants behind a competition figure',
      integerOption('--k', 1),
    )
    .option('--json', 'print the IndustryInsightsResult as JSON')
    .addOption(dbOption())
    .action(async (o: Options) => {
      const r = await withEventStore(
        o.db,
        (s) => industryInsights(s, periodOf(o.period), kOf(o.k)),
        {
          readOnly: true,
        },
      );
      if (o.json) return printJson(r);
      printTable(
        r.industries.map((x) => ({
          industry: x.industry,
          openings: x.openings,
          share: f(x.share),
          trend: `${pct(x.trend.relative_trend)}/month ${x.trend.direction}`,
          'apps/opening': x.suppressed ? `withheld (< ${r.k} users)` : f(x.competition_index),
          companies: x.companies_hiring,
          'high urgency': x.high_urgency_companies,
        })),
        ['industry', 'openings', 'share', 'trend', 'apps/opening', 'companies', 'high urgency'],
      );
    });
}
