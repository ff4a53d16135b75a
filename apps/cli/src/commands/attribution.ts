import type { Command } from 'commander';
import { runAttribution, type CausalEffect } from '@hirelearn/attribution';
import { checkDataQuality } from '@hirelearn/monitoring';
import { printJson, printTable, progressReporter } from '../output';
import { withEventStore } from '../store-option';

const pts = (x: number | null) => (x === null ? '' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`);
const ci = (e: CausalEffect) =>
  e.confidence_interval === null
    ? ''
    : `[${pts(e.confidence_interval[0])}, ${pts(e.confidence_interval[1])}]`;
const num = (x: number | null) => (x === null ? '' : x < 1e-4 ? x.toExponential(1) : x.toFixed(4));

export function registerAttribution(program: Command): void {
  program
    .command('attribution')
    .description(
      'what causes interviews: each resume edit, tailoring, submission weekday and hour band, adjusted, refuted and graded; the strategy threshold as a regression discontinuity; each edit as a difference-in-differences (sorted by q-value)',
    )
    .option('--json', 'print {generated_at, data_window, effects} as JSON')
    .option('--db <url>', 'store URL')
    .action(async (opts: { json?: boolean; db?: string }) => {
      const progress = progressReporter('attribution');
      // Nothing is published while a critical data-quality finding stands (spec 15.1): the
      // estimates would be learned from a biased or broken log.
      const { quality, result } = await withEventStore(
        opts.db,
        async (store) => {
          const quality = await checkDataQuality(store);
          if (quality.critical > 0) return { quality, result: null };
          const result = await runAttribution(store, {
            on_progress: (done, total, treatment) =>
              progress.update(`${done} of ${total} treatments analysed (last: ${treatment})`),
          });
          return { quality, result };
        },
        { readOnly: true },
      );
      progress.done();
      if (result === null) {
        const critical = quality.findings.filter((f) => f.severity === 'critical');
        if (opts.json) {
          printJson({ status: 'blocked_by_data_quality', findings: critical });
          process.exitCode = 2;
          return;
        }
        // Exit code 2, as `hirelearn quality --fail-on-critical`: the run worked, the data did not.
        process.stderr.write(
          `hirelearn: refusing to publish: ${critical.length} critical data-quality finding(s) stand\n` +
            critical.map((f) => `  ${f.rule} (${f.event_type}): ${f.message}\n`).join('') +
            '  fix: correct the data or its producer (`hirelearn quality` lists every finding with examples), then run again\n',
        );
        process.exitCode = 2;
        return;
      }
      if (opts.json) return printJson(result);
      const w = result.data_window;
      process.stdout.write(
        `${w.applications} applications of ${w.users} users, ${w.start ?? '-'} .. ${w.end ?? '-'}\n` +
          'effects in points of interview probability (naive = unadjusted difference)\n\n',
      );
      printTable(
        result.effects.map((e) => ({
          treatment: e.treatment,
          method: e.method,
          ate: pts(e.ate),
          '95% CI': ci(e),
          naive: pts(e.naive.ate),
          q: num(e.q_value),
          confidence: e.causal_confidence,
          treated: e.treatment_group_size,
          recommendation: e.recommendation,
        })),
        [
          'treatment',
          'method',
          'ate',
          '95% CI',
          'naive',
          'q',
          'confidence',
          'treated',
          'recommendation',
        ],
      );
    });
}
