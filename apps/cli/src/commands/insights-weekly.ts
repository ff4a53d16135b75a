import type { Command } from 'commander';
import { loadAttribution } from '@hirelearn/nightly';
import type { DocumentStore, EventStore } from '@hirelearn/store';
import {
  DEFAULT_WEEKLY_INSIGHTS_SETTINGS,
  parseIsoWeek,
  WEEKLY_FORMATS,
  weeklyContext,
  weeklyInsightsForAll,
  weeklyInsightsForUser,
  weeklyRefusal,
  type IsoWeek,
  type WeeklyContext,
  WeeklyReportWriter,
  type WeeklyFormat,
} from '@hirelearn/weekly-insights';
import { CliError } from '../cli-error';
import { dateOption } from '../date-option';
import { withDocumentStore } from '../documents-option';
import { printFields, printJson, progressReporter } from '../output';
import { dbOption, withEventStore } from '../store-option';

interface Options {
  user?: string;
  all?: boolean;
  week?: string;
  format: string;
  out?: string;
  json?: boolean;
  deliveredAt?: string;
  db?: string;
  documents?: string;
}

function weekOf(text: string | undefined): IsoWeek {
  if (text === undefined)
    throw new CliError('--week is required', 'give an ISO week as YYYY-Www, e.g. --week 2025-W07');
  const w = parseIsoWeek(text);
  if (w.status !== 'ok') throw new CliError(`--week: ${w.reason}`);
  return w.week;
}

function formatOf(text: string): WeeklyFormat {
  if (!(WEEKLY_FORMATS as readonly string[]).includes(text))
    throw new CliError(`--format must be one of ${WEEKLY_FORMATS.join(', ')}, got '${text}'`);
  return text as WeeklyFormat;
}

/**
 * When the reports are delivered, as the delivery log records it: now, or `--delivered-at` for
 * a replay of a past week (the quality report measures the outcomes that follow a delivery, so
 * a replay logged at the wall clock would have none). A report is about a finished week: a
 * delivery before the week's end is refused.
 */
export function deliveredAtOf(text: string | undefined, week: IsoWeek): Date {
  const at = dateOption('--delivered-at', text);
  if (at === null) return new Date();
  const t = new Date(at);
  const end = new Date(`${week.end.replace(' ', 'T')}Z`);
  if (t < end)
    throw new CliError(
      `--delivered-at ${t.toISOString()} is before the end of ${week.label} (${end.toISOString()})`,
      'a weekly report is delivered once its week is over',
    );
  return t;
}

/** The shared parts of the run: the newest stored attribution and the store's figures. */
async function contextOf(store: EventStore, docs: DocumentStore, week: IsoWeek) {
  const stored = await loadAttribution(docs);
  return weeklyContext(store, {
    week,
    attribution: stored,
    attribution_run_id: stored?.run_id ?? null,
  });
}

/** Fails the command when the privacy audit kept any report back. */
function checkAudit(w: WeeklyReportWriter): void {
  if (w.refused.length > 0)
    throw new CliError(
      `privacy audit: ${w.refused.length} report(s) not written: ${w.refused.slice(0, 5).join('; ')}`,
    );
}

async function oneUser(
  store: EventStore,
  ctx: WeeklyContext,
  w: WeeklyReportWriter,
  userId: string,
  o: Options,
) {
  const r = await weeklyInsightsForUser(store, userId, ctx);
  if (!('user_id' in r)) throw new CliError(`--user '${userId}': ${r.reason}`);
  const done = await w.deliver(r);
  await w.flush();
  checkAudit(w);
  if (done === null) return;
  if (done.file === null) process.stdout.write(done.text);
  else if (o.json) printJson({ status: r.status, headline: r.headline, file: done.file });
  else printFields({ status: r.status, headline: r.headline, file: done.file });
}

async function everyone(store: EventStore, ctx: WeeklyContext, w: WeeklyReportWriter, o: Options) {
  const progress = progressReporter('insights weekly');
  const by: Record<string, number> = {};
  let users = 0;
  for await (const r of weeklyInsightsForAll(store, ctx)) {
    users++;
    by[r.status] = (by[r.status] ?? 0) + 1;
    await w.deliver(r);
    progress.update(`${users} users, ${w.written} files`);
  }
  await w.flush();
  progress.done();
  process.stderr.write(`insights weekly: ${users} users, ${w.written} files\n`);
  const summary = {
    week: ctx.week.label,
    users,
    by_status: by,
    files: w.written,
    out: o.out,
    deliveries_logged: w.logged,
    privacy_audit: w.refused.length === 0 ? 'pass' : 'fail',
  };
  if (o.json) printJson(summary);
  else printFields(summary);
  checkAudit(w);
}

/** `hirelearn insights weekly` (spec 8.1). */
export function registerInsightsWeekly(insights: Command): void {
  insights
    .command('weekly')
    .description(
      "a job seeker's week: activity against their own past and their segment, what worked, the causal actions that hold, the market, next week's focus; each insight with its evidence",
    )
    .option('--user <id>', 'the user')
    .option('--all', 'every user (needs --out); progress on stderr')
    .option('--week <YYYY-Www>', 'the ISO week (Monday to Sunday, UTC), e.g. 2025-W07')
    .option('--format <format>', `one of ${WEEKLY_FORMATS.join(', ')}`, 'md')
    .option('--out <dir>', 'write DIR/<user>/<week>.<format> instead of printing')
    .option('--json', 'print the summary (or the written file) as JSON')
    .option(
      '--delivered-at <date>',
      'the delivery time logged for the quality report (default now); a replay of a past week gives a time after it, e.g. 2025-07-01',
    )
    .addOption(dbOption())
    .option(
      '--documents <url>',
      'document store with the attribution and the delivery log (default HIRELEARN_DOCUMENTS or embedded)',
    )
    .action(async (o: Options) => {
      const week = weekOf(o.week);
      const format = formatOf(o.format);
      const deliveredAt = deliveredAtOf(o.deliveredAt, week);
      if ((o.user === undefined) === (o.all !== true))
        throw new CliError('give exactly one of --user ID and --all');
      if (o.all && o.out === undefined)
        throw new CliError('--all writes one file per user: give --out DIR');
      await withDocumentStore(o.documents, (docs) =>
        withEventStore(
          o.db,
          async (store) => {
            // A refusal needs no figures: say it before reading any.
            const refusal = o.user === undefined ? null : await weeklyRefusal(store, o.user);
            if (refusal !== null) throw new CliError(`--user '${o.user}': ${refusal.reason}`);
            const ctx = await contextOf(store, docs, week);
            const writer = new WeeklyReportWriter(docs, {
              format,
              out: o.out,
              alpha: DEFAULT_WEEKLY_INSIGHTS_SETTINGS.analytics.alpha,
              clock: () => deliveredAt,
            });
            if (o.user !== undefined) await oneUser(store, ctx, writer, o.user, o);
            else await everyone(store, ctx, writer, o);
          },
          { readOnly: true },
        ),
      );
    });
}
