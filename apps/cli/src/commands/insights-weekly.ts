import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { DeliveryLog } from '@hirelearn/insight-quality';
import { loadAttribution } from '@hirelearn/nightly';
import { auditArtifacts, DEFAULT_PRIVACY_AUDIT_SETTINGS } from '@hirelearn/safeguards';
import type { DocumentStore, EventStore } from '@hirelearn/store';
import {
  DEFAULT_WEEKLY_INSIGHTS_SETTINGS,
  parseIsoWeek,
  renderWeekly,
  WEEKLY_FORMATS,
  weeklyContext,
  weeklyDeliveries,
  weeklyFileName,
  weeklyInsightsForAll,
  weeklyInsightsForUser,
  weeklyRefusal,
  type IsoWeek,
  type WeeklyContext,
  type WeeklyFormat,
  type WeeklyInsights,
} from '@hirelearn/weekly-insights';
import { CliError } from '../cli-error';
import { withDocumentStore } from '../documents-option';
import { printFields, printJson, progressReporter } from '../output';
import { withEventStore } from '../store-option';

interface Options {
  user?: string;
  all?: boolean;
  week?: string;
  format: string;
  out?: string;
  json?: boolean;
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

/** The shared parts of the run: the newest stored attribution and the store's figures. */
async function contextOf(store: EventStore, docs: DocumentStore, week: IsoWeek) {
  const stored = await loadAttribution(docs);
  return weeklyContext(store, {
    week,
    attribution: stored,
    attribution_run_id: stored?.run_id ?? null,
  });
}

/**
 * Writes and logs reports: each file is checked by the privacy audit before it is written
 * (one that fails is not written, and counted), and every insight of a written report is
 * logged in the delivery log.
 */
class ReportWriter {
  readonly written: string[] = [];
  readonly refused: string[] = [];
  deliveries = 0;
  private readonly log: DeliveryLog;
  private readonly alpha = DEFAULT_WEEKLY_INSIGHTS_SETTINGS.analytics.alpha;

  constructor(
    docs: DocumentStore,
    private readonly format: WeeklyFormat,
    private readonly out: string | undefined,
  ) {
    this.log = new DeliveryLog(docs);
  }

  /** Audits, writes (or returns the text when there is no folder) and logs one report. */
  async deliver(r: WeeklyInsights): Promise<{ text: string; file: string | null } | null> {
    const text = renderWeekly(r, this.format, this.alpha);
    const file =
      this.out === undefined ? null : path.join(this.out, weeklyFileName(r, this.format));
    const audit = auditArtifacts(
      [{ name: file ?? 'stdout', text }],
      DEFAULT_PRIVACY_AUDIT_SETTINGS,
    );
    if (audit.status === 'fail') {
      this.refused.push(
        `${file ?? 'stdout'}: ${audit.findings.map((f) => `${f.kind} at line ${f.line}`).join(', ')}`,
      );
      return null;
    }
    if (file !== null) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      this.written.push(file);
    }
    const result = await this.log.record(weeklyDeliveries(r, new Date().toISOString(), this.alpha));
    this.deliveries += result.recorded;
    return { text, file };
  }

  /** Fails the command when the audit kept any file back. */
  check(): void {
    if (this.refused.length > 0)
      throw new CliError(
        `privacy audit: ${this.refused.length} report(s) not written: ${this.refused.slice(0, 5).join('; ')}`,
      );
  }
}

async function oneUser(
  store: EventStore,
  ctx: WeeklyContext,
  w: ReportWriter,
  userId: string,
  o: Options,
) {
  const r = await weeklyInsightsForUser(store, userId, ctx);
  if (!('user_id' in r)) throw new CliError(`--user '${userId}': ${r.reason}`);
  const done = await w.deliver(r);
  w.check();
  if (done === null) return;
  if (done.file === null) process.stdout.write(done.text);
  else if (o.json) printJson({ status: r.status, headline: r.headline, file: done.file });
  else printFields({ status: r.status, headline: r.headline, file: done.file });
}

async function everyone(store: EventStore, ctx: WeeklyContext, w: ReportWriter, o: Options) {
  const progress = progressReporter('insights weekly');
  const by: Record<string, number> = {};
  let users = 0;
  for await (const r of weeklyInsightsForAll(store, ctx)) {
    users++;
    by[r.status] = (by[r.status] ?? 0) + 1;
    await w.deliver(r);
    progress.update(`${users} users, ${w.written.length} files`);
  }
  progress.done();
  process.stderr.write(`insights weekly: ${users} users, ${w.written.length} files\n`);
  const summary = {
    week: ctx.week.label,
    users,
    by_status: by,
    files: w.written.length,
    out: o.out,
    deliveries_logged: w.deliveries,
    privacy_audit: w.refused.length === 0 ? 'pass' : 'fail',
  };
  if (o.json) printJson(summary);
  else printFields(summary);
  w.check();
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
    .option('--db <url>', 'event store URL (default HIRELEARN_DB or embedded)')
    .option(
      '--documents <url>',
      'document store with the attribution and the delivery log (default HIRELEARN_DOCUMENTS or embedded)',
    )
    .action(async (o: Options) => {
      const week = weekOf(o.week);
      const format = formatOf(o.format);
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
            const writer = new ReportWriter(docs, format, o.out);
            if (o.user !== undefined) await oneUser(store, ctx, writer, o.user, o);
            else await everyone(store, ctx, writer, o);
          },
          { readOnly: true },
        ),
      );
    });
}
