import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadAttribution } from '@hirelearn/nightly';
import {
  describePlan,
  planChartSvg,
  planForUser,
  PLAN_CATEGORIES,
  type MultiObjectivePlan,
  type PlanOption,
} from '@hirelearn/plan';
import { CliError } from '../cli-error';
import { withDocumentStore } from '../documents-option';
import { numberOption } from '../integer-option';
import { printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { formatRate } from './analytics';

interface PlanOpts {
  user: string;
  hoursPerWeek?: number;
  svg?: string;
  json?: boolean;
  db?: string;
  documents?: string;
}

const fixed = (x: number | null, digits = 1) => (x === null ? '-' : x.toFixed(digits));
const pct = (x: number) => `${Math.round(100 * x)} %`;

function optionRow(o: PlanOption, plan: MultiObjectivePlan): Record<string, string> {
  const row: Record<string, string> = {
    'h/week': fixed(o.hours_per_week),
    'apps/week': fixed(o.total_applications_per_week),
  };
  for (const c of PLAN_CATEGORIES) row[c] = fixed(o.applications_per_week[c]);
  for (const l of plan.inputs!.levers) row[l.action] = pct(o.lever_shares[l.treatment] ?? 0);
  row['interviews/month'] = fixed(o.interviews_per_month, 2);
  row['aligned/month'] = fixed(o.aligned_interviews_per_month, 2);
  row.alignment = o.alignment_pct === null ? '-' : `${Math.round(o.alignment_pct)} %`;
  row[''] = o === plan.recommended ? '<- recommended' : '';
  return row;
}

function printPlan(plan: MultiObjectivePlan, svgFile: string | null): void {
  const inputs = plan.inputs!;
  const basis =
    inputs.basis === 'personal'
      ? `own history shrunk toward ${inputs.segment === null ? 'every user' : `the ${inputs.segment} segment`}`
      : `segment-level: ${inputs.segment === null ? 'every user' : `the ${inputs.segment} segment`}, not their own history`;
  process.stdout.write(`plan for ${plan.user_id} (${basis}), ${inputs.hours_per_week} h a week\n`);
  for (const note of inputs.notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write('\nper category (chance of an interview per application)\n');
  printTable(
    inputs.categories.map((c) => ({
      category: c.category,
      own: formatRate(c.own_interview_rate),
      segment: formatRate(c.segment_interview_rate),
      shrunk: c.interview_probability.toFixed(3),
      'without levers': c.base_probability.toFixed(3),
      alignment: c.alignment === null ? '-' : pct(c.alignment),
      'fitting postings/week': fixed(c.fitting_postings_per_week),
    })),
    [
      'category',
      'own',
      'segment',
      'shrunk',
      'without levers',
      'alignment',
      'fitting postings/week',
    ],
  );
  process.stdout.write('\nlevers\n');
  printTable(
    inputs.levers.map((l) => ({
      lever: l.action,
      effect: `${l.effect >= 0 ? '+' : ''}${(100 * l.effect).toFixed(1)} points`,
      'extra h': String(l.extra_hours_per_application),
      evidence: l.evidence,
    })),
    ['lever', 'effect', 'extra h', 'evidence'],
  );
  if (plan.status !== 'ok') {
    process.stdout.write(`\n${plan.reason}\n`);
    if (svgFile !== null) process.stdout.write('chart: not written, there is no front to draw\n');
    return;
  }
  process.stdout.write(
    `\n${plan.trade_off}\n\nPareto front: ${plan.front.length} plans (NSGA-II, ${plan.evaluations} evaluations, seed ${plan.seed}); every ${Math.max(1, Math.ceil(plan.front.length / 10))}th and the recommended:\n`,
  );
  const step = Math.max(1, Math.ceil(plan.front.length / 10));
  const shown = plan.front.filter((o, i) => i % step === 0 || o === plan.recommended);
  const rows = shown.map((o) => optionRow(o, plan));
  printTable(rows, Object.keys(rows[0]));
  if (svgFile !== null) process.stdout.write(`\nchart: ${svgFile}\n`);
  process.stdout.write(`\nrecommended: ${describePlan(plan.recommended!, inputs.levers)}\n`);
}

/** `hirelearn plan --user U`: the user's weekly plan, its Pareto front and the recommended knee. */
export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description(
      "a user's weekly plan: interviews against hours against alignment with their targets (NSGA-II), the knee recommended with its trade-off",
    )
    .requiredOption('--user <user_id>', 'the job seeker')
    .option(
      '--hours-per-week <h>',
      'hours a week they have (default 10)',
      numberOption('--hours-per-week', { gte: 0 }),
    )
    .option('--svg <file>', 'write the front (interviews against hours) as an SVG chart')
    .option('--json', 'print the plan as JSON')
    .addOption(dbOption())
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (opts: PlanOpts) => {
      const stored = await withDocumentStore(opts.documents, (docs) => loadAttribution(docs), {
        readOnly: true,
      });
      const plan = await withEventStore(
        opts.db,
        (store) =>
          planForUser(store, opts.user, {
            ...(opts.hoursPerWeek !== undefined && { hours_per_week: opts.hoursPerWeek }),
            attribution: stored,
            attribution_run_id: stored?.run_id ?? null,
          }),
        { readOnly: true },
      );
      if (plan.status === 'refused') {
        throw new CliError(
          `no plan: ${plan.reason}`,
          plan.reason_code === 'unknown_user'
            ? 'check the id: hirelearn analytics user <id>'
            : undefined,
        );
      }
      const svgFile = opts.svg ?? null;
      if (svgFile !== null && plan.status === 'ok') writeFileSync(svgFile, planChartSvg(plan));
      if (opts.json) return printJson({ ...plan, svg_file: plan.status === 'ok' ? svgFile : null });
      printPlan(plan, svgFile);
    });
}
