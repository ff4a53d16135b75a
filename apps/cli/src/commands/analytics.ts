import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import {
  ALL_TIME,
  analyticsSettings,
  exportArtifacts,
  marketInsights,
  parsePeriod,
  SEGMENT_DIMENSIONS,
  userPatterns,
  userPerformance,
  userSegments,
  type AnalyticsSettings,
  type Period,
  type PatternDimension,
  type Rate,
  type SegmentDimension,
} from '@hirelearn/analytics';
import { CliError } from '../cli-error';
import { integerOption } from '../integer-option';
import { printFields, printJson, printTable } from '../output';
import { dbOption, withEventStore } from '../store-option';

interface CommonOptions {
  json?: boolean;
  db?: string;
  period?: string;
  k?: string;
  minSample?: string;
}

/** `0.400 [0.118, 0.769] n=5`, or `n=0`. */
export function formatRate(r: Rate): string {
  if (r.rate === null) return 'n=0';
  return `${r.rate.toFixed(3)} [${(r.lower ?? 0).toFixed(3)}, ${(r.upper ?? 0).toFixed(3)}] n=${r.n}`;
}

/** A period as given, and for `all` the days the data covers (`dataPeriod`). */
function periodText(p: Period): string {
  if (p.label !== 'all' || p.start === ALL_TIME.start) return p.label;
  return `all: ${p.start.slice(0, 10)} .. ${p.end.slice(0, 10)} (end exclusive)`;
}

const fixed = (v: number | null, digits = 1) => (v === null ? '-' : v.toFixed(digits));

function periodOf(text: string | undefined): Period {
  const p = parsePeriod(text);
  if (p.status !== 'ok')
    throw new CliError(
      p.reason,
      'e.g. --period 2025-10, --period 2025-Q3, --period 2025-07-01..2025-10-01',
    );
  return p.period;
}

function settingsOf(o: CommonOptions): AnalyticsSettings {
  const int = (v: string | undefined, name: string) =>
    v === undefined ? undefined : integerOption(name, 1)(v);
  const overrides: Partial<AnalyticsSettings> = {};
  const k = int(o.k, '--k');
  const m = int(o.minSample, '--min-sample');
  if (k !== undefined) Object.assign(overrides, { k });
  if (m !== undefined) Object.assign(overrides, { min_sample: m });
  return analyticsSettings(overrides);
}

function printPattern(title: string, d: PatternDimension): void {
  process.stdout.write(`\n${title} (best: ${d.best ?? '- (none with enough applications)'})\n`);
  printTable(
    d.cells.slice(0, 8).map((c) => ({
      value: c.value,
      'interview rate': formatRate(c.interview_rate),
      shrunk: c.shrunk_rate.toFixed(3),
      eligible: c.eligible ? 'yes' : 'no',
    })),
    ['value', 'interview rate', 'shrunk', 'eligible'],
  );
}

function registerUser(analytics: Command): void {
  analytics
    .command('user <userId>')
    .description("one user's performance in a period, and their patterns")
    .option(
      '--period <period>',
      'all, YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD..YYYY-MM-DD (end exclusive)',
      'all',
    )
    .option('--min-sample <n>', 'applications before anything is called best (default 5)')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (userId: string, o: CommonOptions) => {
      const period = periodOf(o.period);
      const settings = settingsOf(o);
      const [performance, patterns] = await withEventStore(
        o.db,
        async (store) =>
          [
            await userPerformance(store, userId, period, settings),
            await userPatterns(store, userId, settings),
          ] as const,
        { readOnly: true },
      );
      if (o.json) return printJson({ performance, patterns });
      if (performance.status !== 'ok') {
        process.stdout.write(`${userId}: no applications in period ${period.label}\n`);
        return;
      }
      const p = performance;
      printFields({
        user: userId,
        period: periodText(p.period),
        applications: `${p.total_applications} (reach ${p.applications_by_category.reach}, target ${p.applications_by_category.target}, safety ${p.applications_by_category.safety})`,
        'interview requests': p.interview_requests,
        'interview rate': formatRate(p.interview_rate),
        offers: p.offers,
        'offer rate': formatRate(p.offer_rate),
        rejections: p.rejections,
        ghosted: p.ghosted,
        'days to response': `avg ${fixed(p.avg_days_to_response)}, fastest ${fixed(p.fastest_response_days)}`,
        'resume score': `${fixed(p.resume_score_start)} -> ${fixed(p.resume_score_current)} (${fixed(p.resume_improvement)})`,
        rewrites: `${p.rewrites_accepted} accepted, ${p.rewrites_rejected} rejected`,
      });
      process.stdout.write('\nby strategy mode\n');
      printTable(
        Object.entries(p.interview_rate_by_mode).map(([mode, r]) => ({
          mode,
          applications: p.strategy_distribution[mode],
          'interview rate': formatRate(r),
        })),
        ['mode', 'applications', 'interview rate'],
      );
      process.stdout.write(
        `\npatterns (all time; rates shrunk toward the ${patterns.segment.seniority ?? '?'} segment, ${formatRate(patterns.segment.interview_rate)}; best needs n >= ${patterns.min_sample})\n`,
      );
      printPattern('roles', patterns.best_roles);
      printPattern('locations', patterns.best_locations);
      printPattern('company sizes', patterns.best_company_sizes);
      printPattern('resume versions', patterns.best_resume_version);
      printPattern('rewritten sections', patterns.best_performing_sections);
      process.stdout.write(
        '\nedits made (interview rate with / without; correlation, not cause)\n',
      );
      printTable(
        patterns.typical_edit_patterns.map((e) => ({
          edit: e.edit_type,
          times: e.times,
          with: formatRate(e.interview_rate_with),
          without: formatRate(e.interview_rate_without),
        })),
        ['edit', 'times', 'with', 'without'],
      );
      printPattern('weekday (correlation, not cause)', patterns.timing.by_weekday);
      process.stdout.write(`\nnote: ${patterns.timing.causal_check}\n`);
    });
}

function registerSegment(analytics: Command): void {
  analytics
    .command('segment')
    .description('segments of users (k-anonymous; opted-out users left out)')
    .option(
      '--by <dimensions>',
      `comma-separated: ${SEGMENT_DIMENSIONS.join(', ')}`,
      SEGMENT_DIMENSIONS.join(','),
    )
    .option('--k <n>', 'minimum distinct users behind a shown cell (default 10)')
    .option('--min-sample <n>', 'applications before a strategy is called successful (default 5)')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (o: CommonOptions & { by: string }) => {
      const by = o.by
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d.length > 0);
      const bad = by.filter((d) => !(SEGMENT_DIMENSIONS as readonly string[]).includes(d));
      if (bad.length)
        throw new CliError(
          `unknown segment dimension '${bad.join(', ')}'`,
          `use some of: ${SEGMENT_DIMENSIONS.join(', ')}`,
        );
      const settings = settingsOf(o);
      const result = await withEventStore(
        o.db,
        (store) => userSegments(store, by as SegmentDimension[], settings),
        { readOnly: true },
      );
      if (o.json) return printJson(result);
      printTable(
        result.segments.map((s) => ({
          segment: `${s.dimension}=${s.value}`,
          users: s.user_count,
          'avg user rate': fixed(s.avg_interview_rate, 3),
          'interview rate': formatRate(s.interview_rate),
          'apps to 1st interview': fixed(s.applications_to_first_interview.mean),
          'weeks to offer': fixed(s.weeks_to_offer.mean),
          'best strategy': s.successful_strategies[0]?.name ?? '-',
          'top pitfall': s.common_pitfalls[0]?.name ?? '-',
        })),
        [
          'segment',
          'users',
          'avg user rate',
          'interview rate',
          'apps to 1st interview',
          'weeks to offer',
          'best strategy',
          'top pitfall',
        ],
      );
      process.stdout.write(
        `\n${result.suppressed_cells} cells below k=${result.k} suppressed; ${result.excluded_opted_out_users} opted-out users left out\n`,
      );
    });
}

function registerMarket(analytics: Command): void {
  analytics
    .command('market')
    .description('the market view of a period (k-anonymous; opted-out users left out)')
    .option(
      '--period <period>',
      'all, YYYY, YYYY-MM, YYYY-Qn or YYYY-MM-DD..YYYY-MM-DD (end exclusive)',
      'all',
    )
    .option('--k <n>', 'minimum distinct users behind a shown cell (default 10)')
    .option('--json', 'print as JSON')
    .addOption(dbOption())
    .action(async (o: CommonOptions) => {
      const period = periodOf(o.period);
      const settings = settingsOf(o);
      const m = await withEventStore(o.db, (store) => marketInsights(store, period, settings), {
        readOnly: true,
      });
      if (o.json) return printJson(m);
      printFields({
        period: periodText(m.period),
        users: m.user_count,
        'days to first response': `mean ${fixed(m.days_to_first_response.mean)}, median ${fixed(m.days_to_first_response.median)} (n=${m.days_to_first_response.n})`,
        'ghosting rate': formatRate(m.ghosting_rate),
        'best months':
          m.best_months_to_apply
            .map((x) => `${x.month} ${formatRate(x.interview_rate)}`)
            .join('; ') || '-',
        'worst months':
          m.worst_months_to_apply
            .map((x) => `${x.month} ${formatRate(x.interview_rate)}`)
            .join('; ') || '-',
      });
      process.stdout.write('\nmost active industries\n');
      printTable(
        m.most_active_industries.map((i) => ({ ...i, share: i.share.toFixed(3) })),
        ['industry', 'postings', 'share'],
      );
      process.stdout.write('\nhottest skills\n');
      printTable(
        m.hottest_skills.map((s) => ({ ...s, avg_salary: fixed(s.avg_salary, 0) })),
        ['skill', 'demand', 'avg_salary'],
      );
      process.stdout.write('\nhottest locations\n');
      printTable(
        m.hottest_locations.map((l) => ({ ...l, 'interview rate': formatRate(l.interview_rate) })),
        ['location', 'postings', 'user_count', 'interview rate'],
      );
      process.stdout.write('\ndemand by seniority\n');
      printTable(
        m.demand_by_seniority.map((d) => ({
          ...d,
          competition: fixed(d.competition, 2),
          'response rate': formatRate(d.response_rate),
        })),
        ['seniority', 'openings', 'applications', 'competition', 'response rate'],
      );
      process.stdout.write(`\n${m.suppressed_cells} cells below k=${m.k} suppressed\n`);
    });
}

function registerExport(analytics: Command): void {
  analytics
    .command('export')
    .description(
      'write the cross-user exports (segments, market, shared resume phrases) to a folder',
    )
    .option(
      '--out <dir>',
      'folder to write (where privacy audit looks by default)',
      '.hirelearn/exports',
    )
    .option('--period <period>', 'period of the market view', 'all')
    .option('--k <n>', 'minimum distinct users behind a shown cell (default 10)')
    .addOption(dbOption())
    .action(async (o: CommonOptions & { out: string }) => {
      const period = periodOf(o.period);
      const settings = settingsOf(o);
      const artifacts = await withEventStore(
        o.db,
        (store) => exportArtifacts(store, period, settings),
        { readOnly: true },
      );
      mkdirSync(o.out, { recursive: true });
      for (const a of artifacts) writeFileSync(path.join(o.out, a.name), a.text);
      process.stdout.write(`wrote ${artifacts.map((a) => a.name).join(', ')} to ${o.out}\n`);
    });
}

export function registerAnalytics(program: Command): void {
  const analytics = program
    .command('analytics')
    .description('user performance and patterns, segments, the market');
  registerUser(analytics);
  registerSegment(analytics);
  registerMarket(analytics);
  registerExport(analytics);
}
