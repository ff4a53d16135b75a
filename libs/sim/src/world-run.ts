import type { HirelearnEvent } from '@hirelearn/contract';
import {
  BAD_EXPECTATIONS,
  BAD_KINDS,
  badLine,
  type BadEventTruth,
  type BadKind,
} from './bad-events';
import { EffectAccumulator } from './effects';
import { UserJourney, type ApplicationTruth } from './journey';
import { Market } from './market';
import { MessyWriter, type LineSink } from './messy-writer';
import { SimRng, streamSeed } from './rng';
import type { SimSettings } from './settings';
import { DAY_MS, daysBetween, iso } from './time';
import { buildTruth, type SimTruth } from './truth';
import { makeUser } from './users';

/** A valid application event used only when the world produced none (tiny settings). */
function placeholderApplication(userId: string, at: number): HirelearnEvent {
  return {
    event_id: 'ev-placeholder-application',
    event_type: 'APPLICATION_SUBMITTED',
    user_id: userId,
    timestamp: iso(at),
    application_id: 'app-placeholder',
    job_id: 'job-placeholder',
    resume_version_id: 'rv-placeholder',
    context: {
      strategy_mode: 'BALANCED',
      fit_score: 50,
      category: 'target',
      resume_score: 60,
      tailoring_applied: false,
    },
  };
}

interface Timed {
  readonly at: number;
  readonly seq: number;
  readonly event: HirelearnEvent;
}

export interface WorldRunHooks {
  /** Every valid event, once, in time order (before duplication and local disorder). */
  readonly onEvent?: (event: HirelearnEvent) => void;
  /** Every application of a user who did not ask for erasure, with its hidden truth. */
  readonly onApplication?: (row: ApplicationTruth) => void;
}

/**
 * Runs the world one day at a time so that a driver can stream it: each day the market and
 * every active user act, and the events due that day leave in time order through the
 * messy writer. Memory stays bounded by the users' state and the events still in the future.
 */
export class WorldRun {
  readonly days: number;
  private readonly startMs: number;
  private readonly endMs: number;
  private readonly market: Market;
  private readonly effects: EffectAccumulator;
  private readonly journeys: UserJourney[] = [];
  private readonly writer: MessyWriter;
  private readonly buckets = new Map<number, Timed[]>();
  private readonly badPlan: { day: number; kind: BadKind; n: number }[] = [];
  private readonly bad: BadEventTruth[] = [];
  private seq = 0;
  private validEvents = 0;
  private current = 0;

  constructor(
    private readonly settings: SimSettings,
    sink: LineSink,
    hooks: WorldRunHooks = {},
  ) {
    this.startMs = Date.parse(settings.startDate);
    this.endMs = Date.parse(settings.endDate);
    this.days = daysBetween(settings.startDate, settings.endDate);
    this.market = new Market(settings);
    this.effects = new EffectAccumulator(settings);
    this.writer = new MessyWriter(
      new SimRng(streamSeed(settings.seed, 'mess')),
      settings.mess.shuffleWindow,
      settings.mess.duplicateRate,
      sink,
      (event) => {
        this.validEvents++;
        hooks.onEvent?.(event);
      },
    );
    const schedule = (event: HirelearnEvent, at: number) => this.schedule(event, at);
    const ctx = {
      settings,
      market: this.market,
      schedule,
      effects: this.effects,
      onApplication: hooks.onApplication,
    };
    for (let i = 0; i < settings.users; i++) {
      this.journeys.push(new UserJourney(makeUser(settings, i, this.days), ctx));
    }
    const total = settings.bad * BAD_KINDS.length;
    for (let j = 0; j < total; j++) {
      this.badPlan.push({
        day: Math.floor(((j + 0.5) * this.days) / total),
        kind: BAD_KINDS[j % BAD_KINDS.length],
        n: Math.floor(j / BAD_KINDS.length) + 1,
      });
    }
  }

  /** Simulates day `day` (call with 0, 1, ..., days - 1) and writes what falls due. */
  runDay(day: number): void {
    this.current = day;
    const dayStart = this.startMs + day * DAY_MS;
    this.market.step(day, (event, at) => this.schedule(event, at));
    for (const journey of this.journeys) journey.step(day, dayStart);
    const due = this.buckets.get(day) ?? [];
    this.buckets.delete(day);
    due.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const item of due) this.writer.push(item.event);
    this.plantBad(day);
  }

  /** Drains the writer, plants any bad line still owed, and returns the truth. */
  finish(): SimTruth {
    this.writer.finish();
    if (this.badPlan.length > 0 && !this.writer.lastOf('APPLICATION_SUBMITTED')) {
      // A world too small to apply anywhere still owes its bad lines: give them a template.
      this.writer.push(placeholderApplication(this.journeys[0].user.id, this.startMs));
      this.writer.finish();
    }
    this.plantBad(Number.POSITIVE_INFINITY);
    // Every counted application contributes once to each treatment's sums.
    const applications = this.effects.effect('experiment_variant').n_applications;
    return buildTruth({
      settings: this.settings,
      days: this.days,
      effects: this.effects,
      journeys: this.journeys,
      market: this.market,
      counts: {
        users: this.settings.users,
        applications,
        lines: this.writer.lineCount,
        valid_events: this.validEvents,
        duplicate_lines: this.writer.duplicates.length,
        bad_lines: this.bad.length,
      },
      duplicates: this.writer.duplicates,
      bad: this.bad,
    });
  }

  /** Files an event under its day; events at or after the end are never observed. */
  private schedule(event: HirelearnEvent, at: number): void {
    if (at >= this.endMs) return;
    const day = Math.max(this.current, Math.floor((at - this.startMs) / DAY_MS));
    let bucket = this.buckets.get(day);
    if (!bucket) this.buckets.set(day, (bucket = []));
    bucket.push({ at, seq: this.seq++, event });
  }

  /** Writes the planted bad lines due by `upToDay`, cut from events already in the file. */
  private plantBad(upToDay: number): void {
    const submitted = this.writer.lastOf('APPLICATION_SUBMITTED');
    if (!submitted) return;
    const futureAt = iso(this.endMs + 3650 * DAY_MS);
    while (this.badPlan.length > 0 && this.badPlan[0].day <= upToDay) {
      const { kind, n } = this.badPlan.shift() as { kind: BadKind; n: number };
      const templates = { submitted, rewritten: this.writer.lastOf('RESUME_REWRITTEN') };
      const { line, eventId } = badLine(kind, n, templates, futureAt);
      const lineNumber = this.writer.writeRaw(line);
      this.bad.push({ kind, line: lineNumber, event_id: eventId, ...BAD_EXPECTATIONS[kind] });
    }
  }
}
