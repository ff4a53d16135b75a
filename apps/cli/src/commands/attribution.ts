import type { Command } from 'commander';
import { runAttribution, type CausalEffect, type OutcomeAttribution } from '@hirelearn/attribution';
import { dataQualityGate, type QualityGate } from '@hirelearn/monitoring';
import { dateOption } from '../date-option';
import { withDocumentStore } from '../documents-option';
import { printJson, printTable, progressReporter } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { registerAttributionShow } from './attribution-show';
import { ackTarget, describeAcknowledgement } from './quality-ack';

const pts = (x: number | null) => (x === null ? '' : `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`);
const ci = (e: CausalEffect) =>
  e.confidence_interval === null
    ? ''
    : `[${pts(e.confidence_interval[0])}, ${pts(e.confidence_interval[1])}]`;
const num = (x: number | null) => (x === null ? '' : x < 1e-4 ? x.toExponential(1) : x.toFixed(4));

export function registerAttribution(program: Command): void {
  const attribution = program
    .command('attribution')
    .description(
      'what causes interviews: each resume edit, tailoring, submission weekday and hour band, adjusted, refuted and graded; the strategy threshold as a regression discontinuity; each edit as a difference-in-differences (sorted by q-value)',
    )
    .option('--json', 'print {generated_at, data_window, effects, data_quality} as JSON')
    .option(
      '--since <date>',
      'analyse the applications submitted at or after this date (YYYY-MM-DD or ISO time); earlier history still feeds the covariates',
    )
    .option(
      '--until <date>',
      'analyse the applications submitted before this date, with the outcomes known before it',
    )
    .addOption(dbOption())
    .option(
      '--documents <url>',
      'document store URL, where quality acknowledgements are (default HIRELEARN_DOCUMENTS or embedded)',
    )
    .action(
      async (opts: {
        json?: boolean;
        db?: string;
        documents?: string;
        since?: string;
        until?: string;
      }) => {
        const window = {
          since: dateOption('--since', opts.since),
          until: dateOption('--until', opts.until),
        };
        const progress = progressReporter('attribution');
        // Nothing is published while a critical data-quality finding of the analysed window
        // stands unacknowledged (spec 15.1): the estimates would be learned from a biased or
        // broken log. An operator's acknowledgement (`hirelearn quality ack`) lets the run proceed.
        const { gate, result } = await withEventStore(
          opts.db,
          async (store) => {
            const gate = await withDocumentStore(
              opts.documents,
              (docs) => dataQualityGate(store, docs, window),
              { readOnly: true },
            );
            if (gate.blocking.length > 0) return { gate, result: null };
            const result = await runAttribution(store, {
              window,
              on_progress: (done, total, treatment) =>
                progress.update(`${done} of ${total} treatments analysed (last: ${treatment})`),
            });
            return { gate, result };
          },
          { readOnly: true },
        );
        progress.done();
        const dataQuality = gateSummary(gate);
        if (result === null) {
          const critical = gate.blocking;
          if (opts.json) {
            printJson({
              status: 'blocked_by_data_quality',
              findings: critical,
              data_quality: dataQuality,
            });
            process.exitCode = 2;
            return;
          }
          // Exit code 2, as `hirelearn quality --fail-on-critical`: the run worked, the data did not.
          process.stderr.write(
            `hirelearn: refusing to publish: ${critical.length} critical data-quality finding(s) stand\n` +
              critical.map((f) => `  ${f.rule} (${f.event_type}): ${f.message}\n`).join('') +
              '  fix: correct the data or its producer (`hirelearn quality` lists every finding with examples), then run again;' +
              ' or analyse a window without it (--since/--until), or acknowledge it: hirelearn quality ack RULE:EVENT_TYPE --who NAME --why TEXT\n',
          );
          process.exitCode = 2;
          return;
        }
        if (opts.json) return printJson({ ...result, data_quality: dataQuality });
        for (const a of gate.applied) {
          process.stderr.write(
            `attribution: proceeding past ${a.findings.length} acknowledged finding(s) of ${ackTarget(a)} (${describeAcknowledgement({ id: a._id, who: a.who, why: a.why, until: a.until })})\n`,
          );
        }
        printEffects(result);
      },
    );
  // `attribution show --json`: options after `show` are show's.
  attribution.enablePositionalOptions();
  registerAttributionShow(attribution);
}

/** The effects of a run as text: the data window read, then a line per treatment. */
export function printEffects(result: OutcomeAttribution): void {
  const w = result.data_window;
  process.stdout.write(
    `${w.applications} applications of ${w.users} users, ${w.start ?? '-'} .. ${w.end ?? '-'}` +
      (w.since === null && w.until === null
        ? ''
        : ` (window ${w.since ?? '-'} .. ${w.until ?? '-'})`) +
      '\n' +
      'effects in points of interview probability (naive = unadjusted difference)\n\n',
  );
  printTable(
    result.effects.map((e) => ({
      treatment: e.treatment,
      method: e.method,
      headline: e.headline_method,
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
      'headline',
      'ate',
      '95% CI',
      'naive',
      'q',
      'confidence',
      'treated',
      'recommendation',
    ],
  );
  // What a spanned headline means, in the run's words (libs/attribution headline.ts).
  const spans = result.effects.filter((e) => e.headline_method.startsWith('span:'));
  if (spans.length > 0) {
    process.stdout.write(
      `\nheadline span = the interval also spans a disagreeing design-based estimate:\n${spans
        .map((e) => `  ${e.treatment}: ${e.headline_reason}\n`)
        .join('')}`,
    );
  }
}

/** What the gate decided, for the JSON output: the window judged and the acknowledgements applied. */
function gateSummary(gate: QualityGate) {
  const r = gate.report;
  return {
    since: r.since,
    until: r.until,
    critical: r.critical,
    warnings: r.warnings,
    acknowledged: gate.applied,
  };
}
