import type { Command } from 'commander';
import { analyzeFromStore, type ExperimentResults } from '@hirelearn/experiments';
import { printFields, printJson, printTable } from '../../output';
import { withEventStore } from '../../store-option';
import { type CommonOptions, mustGet, withCommon, withCatalog } from './common';

/** `experiments analyze ID`: ExperimentResults from the event store. */
export function registerAnalyze(experiments: Command): void {
  withCommon(
    experiments
      .command('analyze')
      .alias('analyse')
      .description('ExperimentResults from the event store'),
    true,
  )
    .argument('<id>')
    .action(async (id: string, opts: CommonOptions) => {
      const e = await withCatalog(opts, (catalog) => mustGet(catalog, id));
      const r = await withEventStore(opts.db, (store) => analyzeFromStore(store, e), {
        readOnly: true,
      });
      if (opts.json) return printJson(r);
      printResults(r);
    });
}

/** The results as three tables: the experiment, its variants' shares, each metric's verdict. */
function printResults(r: ExperimentResults): void {
  printFields({
    experiment: r.experiment_id,
    status: r.status,
    users: r.sample_size,
    srm_p_value: r.srm ? r.srm.p_value : 'n/a',
    winner: r.winner ?? 'none',
    recommendation: r.recommendation,
  });
  process.stdout.write('\n');
  printTable(
    r.variants.map((v) => ({ ...v, observed_share: v.observed_share.toFixed(4) })),
    ['variant_id', 'users', 'expected_share', 'observed_share'],
  );
  process.stdout.write('\n');
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : '-');
  printTable(
    r.metrics.map((m) => ({
      metric: `${m.metric_id}${m.role === 'guardrail' ? ' (guardrail)' : ''}`,
      variant: m.variant_id,
      control: f(m.unadjusted.control_mean),
      treatment: f(m.unadjusted.treatment_mean),
      lift: `${f(m.unadjusted.relative_lift)} [${f(m.unadjusted.relative_ci[0])}, ${f(m.unadjusted.relative_ci[1])}]`,
      p: f(m.unadjusted.p_value),
      p_adj: f(m.p_value_adjusted),
      cuped_lift: m.cuped ? f(m.cuped.relative_lift) : '-',
      seq_ci: `[${f(m.sequential.ci[0])}, ${f(m.sequential.ci[1])}]`,
      win: f(m.bayesian.chance_to_win),
      verdict: m.improved ? 'better' : m.harmed ? 'WORSE' : '',
    })),
    [
      'metric',
      'variant',
      'control',
      'treatment',
      'lift',
      'p',
      'p_adj',
      'cuped_lift',
      'seq_ci',
      'win',
      'verdict',
    ],
  );
}
