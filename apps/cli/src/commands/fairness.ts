import type { Command } from 'commander';
import { analyticsSettings, fairnessAudit } from '@hirelearn/analytics';
import { integerOption } from '../integer-option';
import { printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { formatRate } from './analytics';

export function registerFairness(program: Command): void {
  const fairness = program
    .command('fairness')
    .description('outcome disparities by protected attribute (10.2)');
  fairness
    .command('audit')
    .description(
      'interview and offer rates by protected attribute, four-fifths and CI disparity flags',
    )
    .option('--k <n>', 'minimum distinct users behind a shown group', integerOption('--k', 1), 10)
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (o: { k: number; json?: boolean; db?: string }) => {
      const audit = await withEventStore(
        o.db,
        (store) => fairnessAudit(store, analyticsSettings({ k: o.k })),
        { readOnly: true },
      );
      if (o.json) return printJson(audit);
      if (audit.status !== 'ok') {
        process.stdout.write('no user declared protected attributes: nothing to audit\n');
        return;
      }
      printTable(
        audit.groups.map((g) => ({
          attribute: g.attribute,
          group: g.group,
          users: g.user_count,
          'interview rate': formatRate(g.interview_rate),
          'offer rate': formatRate(g.offer_rate),
          'impact ratio': g.impact_ratio === null ? '-' : g.impact_ratio.toFixed(3),
          'four-fifths': g.four_fifths_violation ? 'FAIL' : 'ok',
          'CI below best': g.ci_below_reference ? 'yes' : 'no',
          disparity: g.disparity ? 'FLAG' : '',
        })),
        [
          'attribute',
          'group',
          'users',
          'interview rate',
          'offer rate',
          'impact ratio',
          'four-fifths',
          'CI below best',
          'disparity',
        ],
      );
      process.stdout.write(
        `\n${audit.flagged} groups flagged (ratio < ${audit.four_fifths_ratio} and interval below the best group's); ${audit.suppressed_cells} groups below k=${audit.k} suppressed\n`,
      );
    });
}
