import type { Command } from 'commander';
import {
  CSV_METHODS,
  estimateOnTable,
  missingColumns,
  missingColumnsReason,
  type CsvMethod,
  type EstimateRequest,
  type EstimateResult,
} from '@hirelearn/causal';
import { readCsv } from '@hirelearn/store';
import { CliError } from '../cli-error';
import { numberOption } from '../integer-option';
import { printFields, printJson } from '../output';

interface EstimateOptions {
  data: string;
  treatment: string;
  outcome: string;
  method: string;
  confounders?: string;
  instrument?: string;
  runningVariable?: string;
  cutoff?: number;
  post?: string;
  unit?: string;
  time?: string;
  cluster?: string;
  fuzzy?: boolean;
  bandwidthMethod?: string;
  json?: boolean;
}

/** 'a, b,c' → ['a', 'b', 'c']: a comma-separated list of column names. */
const columnList = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function request(o: EstimateOptions): EstimateRequest {
  if (!(CSV_METHODS as readonly string[]).includes(o.method)) {
    throw new CliError(`unknown method '${o.method}'`, `use --method ${CSV_METHODS.join('|')}`);
  }
  if (o.bandwidthMethod !== undefined && !['ik', 'mserd'].includes(o.bandwidthMethod)) {
    throw new CliError(
      `unknown bandwidth method '${o.bandwidthMethod}'`,
      'use --bandwidth-method ik|mserd',
    );
  }
  return {
    method: o.method as CsvMethod,
    treatment: o.treatment,
    outcome: o.outcome,
    confounders: o.confounders ? columnList(o.confounders) : [],
    ...(o.instrument ? { instruments: columnList(o.instrument) } : {}),
    ...(o.runningVariable ? { running_variable: o.runningVariable } : {}),
    ...(o.cutoff !== undefined ? { cutoff: o.cutoff } : {}),
    ...(o.post ? { post: o.post } : {}),
    ...(o.unit ? { unit: o.unit } : {}),
    ...(o.time ? { time: o.time } : {}),
    ...(o.cluster ? { cluster: o.cluster } : {}),
    ...(o.fuzzy ? { fuzzy: true } : {}),
    ...(o.bandwidthMethod !== undefined
      ? { bandwidth_method: o.bandwidthMethod as 'ik' | 'mserd' }
      : {}),
  };
}

const num = (v: number | boolean | null | undefined, digits = 3): string =>
  typeof v === 'number' ? v.toPrecision(digits) : '-';

/** The 2SLS instrument-strength and over-identification lines (none for other methods). */
function ivLines(d: EstimateResult['diagnostics']): Record<string, string> {
  if (d.n_instruments === undefined) return {};
  const lines: Record<string, string> = {
    'first stage': `joint F of the excluded instruments ${num(d.first_stage_f_classical, 4)} (p ${num(d.first_stage_p_value)}), robust Wald F ${num(d.first_stage_f, 4)}${d.weak_instrument ? ': WEAK (rule of thumb F >= 10; Stock-Yogo critical values are sharper)' : ''}`,
  };
  if (d.sargan !== null) {
    lines['over-identification'] =
      `Sargan ${num(d.sargan, 4)} (p ${num(d.sargan_p_value)}), Hansen J ${num(d.hansen_j, 4)} (p ${num(d.hansen_j_p_value)}), chi2(${num(d.overid_df, 1)}); a rejection says some instrument is not excludable`;
  }
  return lines;
}

export function registerCausal(program: Command): void {
  const causal = program.command('causal').description('the causal engine on your own data');
  causal
    .command('estimate')
    .description('estimate the effect of a treatment column on an outcome column of a CSV')
    .requiredOption('--data <file>', 'CSV with a header row')
    .requiredOption(
      '--treatment <column>',
      'treatment column (0/1; continuous allowed for iv, did --unit/--time; rd: the treatment received, or the running variable itself for a sharp design)',
    )
    .requiredOption('--outcome <column>', 'outcome column')
    .requiredOption('--method <method>', CSV_METHODS.join('|'))
    .option('--confounders <a,b>', 'columns to adjust for')
    .option(
      '--instrument <a,b>',
      'instrument column(s) (iv); several, comma-separated, give over-identified 2SLS with the Sargan and Hansen J tests',
    )
    .option('--running-variable <column>', 'running variable (rd)')
    .option('--cutoff <c>', 'cutoff of the running variable (rd)', numberOption('--cutoff'))
    .option(
      '--post <column>',
      'after-period indicator (did 2x2; the treatment column is the group)',
    )
    .option('--unit <column>', 'unit id (did two-way fixed effects; errors clustered by it)')
    .option('--time <column>', 'period (did two-way fixed effects)')
    .option('--cluster <column>', 'cluster ids for clustered standard errors')
    .option(
      '--fuzzy',
      'rd: fuzzy design (automatic when the treatment is not 1{running >= cutoff})',
    )
    .option(
      '--bandwidth-method <ik|mserd>',
      "rd: Imbens-Kalyanaraman (default) or rdrobust's MSE-optimal bandwidth",
    )
    .option('--json', 'print as JSON')
    .action(async (o: EstimateOptions) => {
      const req = request(o);
      const read = await readCsv(o.data);
      if (read.status !== 'ok') {
        throw new CliError(
          `cannot read ${o.data}: ${read.reason}`,
          'pass a CSV file with a header row',
        );
      }
      const missing = missingColumns(read.table, req);
      if (missing.length > 0) {
        throw new CliError(
          `${o.data}: ${missingColumnsReason(read.table, missing)}`,
          'name columns of the CSV header (lists are comma-separated)',
        );
      }
      const r = estimateOnTable(read.table, req);
      if (o.json) return printJson(r);
      printFields({
        treatment: r.treatment,
        outcome: r.outcome,
        method: `${r.method} (${r.estimand || '-'})`,
        status: r.status,
        estimate: r.ate,
        'std error': r.std_error,
        '95% CI': r.confidence_interval,
        'p-value': r.p_value,
        confidence: r.causal_confidence,
        'sample (treated / control)': `${r.sample_size} (${r.treatment_group_size} / ${r.control_group_size})`,
        estimates: r.estimates,
        diagnostics: r.diagnostics,
        'rows dropped': r.diagnostics.rows_dropped,
        refutations: r.refutations
          .map((x) => `${x.name} ${x.passed ? 'passed' : 'FAILED'}`)
          .join(', '),
        ...Object.fromEntries(
          r.refutations
            .filter((x) => x.name === 'density_test' || x.name === 'pre_trend')
            .map((x) => [
              x.name === 'pre_trend' ? 'pre-trend test' : 'density test',
              `${x.passed ? 'passed' : 'FAILED'}: ${x.detail}`,
            ]),
        ),
        ...ivLines(r.diagnostics),
        reasons: r.reasons.join('; '),
        recommendation: r.recommendation,
      });
      if (r.status !== 'ok') process.exitCode = 1;
    });
}
