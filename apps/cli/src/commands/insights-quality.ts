import type { Command } from 'commander';
import {
  actionLabel,
  measureInsightQuality,
  type InsightQualityReport,
  type MeanFigure,
  type RateFigure,
} from '@hirelearn/insight-quality';
import { dateOption } from '../date-option';
import { withDocumentStore } from '../documents-option';
import { printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

interface Options {
  since?: string;
  until?: string;
  json?: boolean;
  db?: string;
  documents?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

/** A share with its interval and n, or why it is withheld. */
function rateText(f: RateFigure, of: string): string {
  if (f.status !== 'ok' || f.rate === null || f.interval === null) return f.reason;
  return `${pct(f.rate)} [${pct(f.interval[0])}, ${pct(f.interval[1])}] of ${f.n} ${of} (${f.users} users)`;
}

/** A change in points with its interval and n, or why it is withheld. */
function pointsText(f: MeanFigure): string {
  if (f.status !== 'ok' || f.estimate === null || f.interval === null) return f.reason;
  return `${pts(f.estimate)} [${pts(f.interval[0])}, ${pts(f.interval[1])}] (${f.users})`;
}

function printReport(r: InsightQualityReport): void {
  const d = r.deliveries;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (d.total === 0) {
    out('no deliveries logged yet: the weekly insights and the nightly log what they deliver');
    return;
  }
  const kinds = Object.entries(d.by_kind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  out(
    `${d.total} deliveries (${kinds}) to ${d.users} users, ${d.system_wide} to layers for everyone; ${d.measurable} measurable`,
  );
  out(`acted on: ${rateText(r.acted_on, 'deliveries that could be acted on')}`);
  if (r.insights.length > 0) {
    out('\ninsights (lift and promise in points of interview chance; n users in parentheses):');
    printTable(
      r.insights.map((i) => ({
        insight: actionLabel(i.action),
        kind: i.kind,
        grade: i.confidence,
        period: i.period ?? '',
        delivered: i.delivered_users,
        acted_on:
          i.acted_on.rate === null
            ? 'not enough data'
            : `${pct(i.acted_on.rate)} of ${i.acted_on.n}`,
        realized_lift: pointsText(i.lift),
        promised: i.predicted_effect
          ? `${pts(i.predicted_effect.estimate)} [${pts(i.predicted_effect.interval[0])}, ${pts(i.predicted_effect.interval[1])}]`
          : 'none',
        calibrated:
          i.calibration.status !== 'ok'
            ? i.calibration.status
            : i.calibration.within_predicted_interval
              ? 'within'
              : i.calibration.consistent
                ? 'consistent'
                : 'no',
      })),
      [
        'insight',
        'kind',
        'grade',
        'delivered',
        'acted_on',
        'realized_lift',
        'promised',
        'calibrated',
      ],
    );
  }
  const c = r.calibration;
  out(`\ncalibration over ${c.insights} insights with a realized lift:`);
  out(`  within the promised interval: ${rateText(c.within_predicted_interval, 'insights')}`);
  out(`  consistent with the promise:  ${rateText(c.consistent, 'insights')}`);
  out(`  mean error (realized - promised, points): ${pointsText(c.mean_error)}`);
  out(`\nprecision of HIGH-confidence insights by ${r.settings.precision_period}:`);
  if (r.high_confidence_precision.length === 0) out('  none delivered');
  for (const p of r.high_confidence_precision)
    out(`  ${p.period}: ${rateText(p, 'measured HIGH insights held')} (${p.insights} delivered)`);
  const h = r.helpfulness;
  out(
    `\nhelpfulness (suggestions accepted or edited): ${rateText(h, 'answers')}; ` +
      `${h.accepted} accepted, ${h.edited} edited, ${h.rejected} rejected`,
  );
}

/** `hirelearn insights quality`: whether what was delivered was right and useful (spec 12.3). */
export function registerInsightsQuality(insights: Command): void {
  insights
    .command('quality')
    .description(
      'the quality of delivered insights and recommendations: acted-on rate, realized lift against the promise (calibration), HIGH-confidence precision over time, helpfulness',
    )
    .option('--since <date>', 'deliveries made at or after this date (YYYY-MM-DD or ISO time)')
    .option('--until <date>', 'deliveries made before this date')
    .option('--json', 'print the whole report (InsightQualityReport) as JSON')
    .addOption(dbOption())
    .option('--documents <url>', 'document store URL (default HIRELEARN_DOCUMENTS or embedded)')
    .action(async (opts: Options) => {
      const window = {
        since: dateOption('--since', opts.since),
        until: dateOption('--until', opts.until),
      };
      const report = await withEventStore(
        opts.db,
        (events) =>
          withDocumentStore(opts.documents, (docs) => measureInsightQuality(events, docs, window), {
            readOnly: true,
          }),
        { readOnly: true },
      );
      if (opts.json) return printJson(report);
      printReport(report);
    });
}
