import type { Command } from 'commander';
import {
  marketForecast,
  marketSeasonality,
  marketShifts,
  parsePeriod,
  POSTING_DIMENSIONS,
  type MarketTemporalOptions,
  type Period,
  type PostingDimension,
} from '@hirelearn/analytics';
import { DEFAULT_TEMPORAL_SETTINGS } from '@hirelearn/temporal';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printFields, printJson, printTable, progressReporter } from '../output';
import { dbOption, withEventStore } from '../store-option';
import { marketGroup } from './market-companies';

interface TemporalOptions {
  by: string;
  period?: string;
  applications?: boolean;
  json?: boolean;
  db?: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (m: number | null) => (m === null ? '-' : MONTHS[m - 1]);
const fixed = (v: number | null, digits = 2) => (v === null ? '-' : v.toFixed(digits));

function periodOf(text: string | undefined): Period {
  const p = parsePeriod(text);
  if (p.status !== 'ok')
    throw new CliError(p.reason, 'e.g. --period 2025, --period 2024-01-01..2026-01-01');
  return p.period;
}

function dimensionsOf(text: string): PostingDimension[] {
  const by = text
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
  const bad = by.filter((d) => !(POSTING_DIMENSIONS as readonly string[]).includes(d));
  if (bad.length || by.length === 0)
    throw new CliError(
      `--by: unknown posting dimension '${bad.join(', ')}'`,
      `use some of: ${POSTING_DIMENSIONS.join(', ')}`,
    );
  return by as PostingDimension[];
}

/** The options every temporal market command shares, progress on stderr. */
function temporalOptions(
  o: TemporalOptions,
  label: string,
): MarketTemporalOptions & { done: () => void } {
  const progress = progressReporter(label);
  return {
    period: periodOf(o.period),
    dimensions: dimensionsOf(o.by),
    applications: o.applications !== false,
    onProgress: (done, total, step) => progress.update(`${step} (${done}/${total})`),
    done: () => progress.done(),
  };
}

const common = (c: Command) =>
  c
    .option(
      '--by <dimensions>',
      `posting series, comma-separated: ${POSTING_DIMENSIONS.join(', ')}`,
      'all,role,industry',
    )
    .option('--period <period>', 'all, YYYY, YYYY-MM-DD..YYYY-MM-DD (end exclusive)', 'all')
    .option('--no-applications', 'leave out the application series (monthly, k-anonymous)')
    .option('--json', 'print as JSON')
    .addOption(dbOption());

function registerShifts(market: Command): void {
  common(
    market
      .command('shifts')
      .description(
        `change points of postings (weekly, season removed) and applications (monthly): PELT, penalty ${DEFAULT_TEMPORAL_SETTINGS.pelt_penalty}, segments >= ${DEFAULT_TEMPORAL_SETTINGS.min_segment_days} days`,
      ),
  ).action(async (o: TemporalOptions) => {
    const options = temporalOptions(o, 'market shifts');
    const r = await withEventStore(o.db, (s) => marketShifts(s, options), { readOnly: true });
    options.done();
    if (o.json) return printJson(r);
    const rows = r.series.flatMap((s) =>
      s.shifts.map((x) => ({
        series: s.series,
        date: x.date,
        before: fixed(x.level_before, 1),
        after: fixed(x.level_after, 1),
        change: x.relative_change === null ? '-' : `${(100 * x.relative_change).toFixed(0)}%`,
        strength: x.strength.toFixed(1),
      })),
    );
    process.stdout.write(
      `${r.series.length} series; ${rows.length} shift(s) (levels per day for postings, per month for applications)\n`,
    );
    if (rows.length) printTable(rows, ['series', 'date', 'before', 'after', 'change', 'strength']);
    const skipped = r.series.filter((s) => s.status !== 'ok');
    if (skipped.length) {
      process.stdout.write('\nnot judged\n');
      printTable(
        skipped.map((s) => ({ series: s.series, status: s.status, reason: s.reason })),
        ['series', 'status', 'reason'],
      );
    }
    const raw = r.series.filter(
      (s) => s.status === 'ok' && s.granularity === 'week' && !s.seasonally_adjusted,
    );
    if (raw.length)
      process.stdout.write(
        `\nnote: ${raw.length} posting series cover less than ${DEFAULT_TEMPORAL_SETTINGS.min_season_cycles} years; their season was not removed, so a shift may be seasonal\n`,
      );
  });
}

function registerSeasonality(market: Command): void {
  common(
    market
      .command('seasonality')
      .description(
        'peak and trough months per series (STL on monthly values), with the strength of the season',
      ),
  ).action(async (o: TemporalOptions) => {
    const options = temporalOptions(o, 'market seasonality');
    const r = await withEventStore(o.db, (s) => marketSeasonality(s, options), { readOnly: true });
    options.done();
    if (o.json) return printJson(r);
    printTable(
      r.series.map((s) => ({
        series: s.series,
        peak: monthName(s.peak_month),
        trough: monthName(s.trough_month),
        strength: fixed(s.strength),
        swing: s.relative_amplitude === null ? '-' : `${(100 * s.relative_amplitude).toFixed(0)}%`,
        months: s.months,
        note: s.status !== 'ok' ? s.reason : s.weak ? 'weak season' : '',
      })),
      ['series', 'peak', 'trough', 'strength', 'swing', 'months', 'note'],
    );
  });
}

function registerForecast(market: Command): void {
  market
    .command('forecast')
    .description(
      'monthly forecast of a series with prediction intervals, scored against the seasonal naive forecast (MASE)',
    )
    .requiredOption(
      '--series <name>',
      'postings, postings/<role|industry|skill>/<value>, applications, interview_rate, response_rate or response_days',
    )
    .option(
      '--months <n>',
      'months ahead',
      integerOption('--months', 1, 24),
      DEFAULT_TEMPORAL_SETTINGS.forecast_months,
    )
    .option('--period <period>', 'history used: all, YYYY, YYYY-MM-DD..YYYY-MM-DD', 'all')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(
      async (o: {
        series: string;
        months: number;
        period?: string;
        json?: boolean;
        db?: string;
      }) => {
        const progress = progressReporter('market forecast');
        progress.update('fitting');
        const f = await withEventStore(
          o.db,
          (s) =>
            marketForecast(s, { period: periodOf(o.period), series: o.series, months: o.months }),
          { readOnly: true },
        );
        progress.done();
        if (o.json) return printJson(f);
        if (f.status !== 'ok' && f.status !== 'too_short_for_evaluation')
          throw new CliError(`${o.series}: ${f.reason}`);
        const e = f.evaluation;
        printFields({
          series: f.series,
          model: `${f.model}${f.reason ? ` (${f.reason})` : ''}`,
          history: `${f.history.length} months, ${f.history[0]?.month ?? '-'} .. ${f.history[f.history.length - 1]?.month ?? '-'}`,
          'rolling-origin MASE':
            e && e.status === 'ok'
              ? `${fixed(e.mase)} against the seasonal naive forecast over ${e.origins} origins (${e.beats_seasonal_naive ? 'beats it' : 'does not beat it'})`
              : (e?.reason ?? '-'),
        });
        process.stdout.write('\n');
        printTable(
          f.forecast.map((p) => ({
            month: p.month,
            forecast: p.mean.toFixed(1),
            [`${Math.round(100 * f.interval_level)}% interval`]: `${p.lower.toFixed(1)} .. ${p.upper.toFixed(1)}`,
          })),
          ['month', 'forecast', `${Math.round(100 * f.interval_level)}% interval`],
        );
      },
    );
}

/** `hirelearn market shifts | seasonality | forecast` (spec 5.7). */
export function registerMarket(program: Command): void {
  const market = marketGroup(program);
  registerShifts(market);
  registerSeasonality(market);
  registerForecast(market);
}
