import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleEvents } from '@hirelearn/contract';
import { ingest } from '@hirelearn/ingest';
import { createRng, type Rng } from '@hirelearn/stats';
import { EventStore } from '@hirelearn/store';
import { checkDataQuality } from './check-quality';
import type { QualityFinding } from './finding';

const DAY = 86_400_000;
const START = Date.parse('2025-01-06T00:00:00Z'); // a Monday
const DAYS = 273; // 39 weeks: 2025-01-06 .. 2025-10-05
const dateOf = (d: number) => new Date(START + d * DAY).toISOString().slice(0, 10);
const dayOf = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - START) / DAY);

/** Poisson counts (normal approximation above 30, Knuth below): real streams are noisy. */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
  let k = 0;
  for (let p = rng.uniform(); p > Math.exp(-mean); p *= rng.uniform()) k++;
  return k;
}

/** How many events of each stream a day should carry, before outages. */
type Cadence = (d: number, rng: Rng) => number;

const weekday = (d: number) => d % 7; // 0 = Monday
const firstOfMonth = (d: number) => dateOf(d).endsWith('-01');

/** One stream of every cadence a real log has. */
const STREAMS: Record<string, Cadence> = {
  // Continuous with weekly seasonality: busy weekdays, quiet weekends.
  APPLICATION_CREATED: (d, rng) => poisson(rng, weekday(d) >= 5 ? 15 : 60),
  SUGGESTION_ACCEPTED: (_d, rng) => poisson(rng, 40),
  JOB_POSTED: (_d, rng) => poisson(rng, 30),
  // Weekly batch: a plan for everyone every Monday, nothing otherwise.
  PLAN_GENERATED: (d, rng) => (weekday(d) === 0 ? poisson(rng, 150) : 0),
  // Monthly batch: the strategy engine re-decides every mode on the 1st (issue 12, item 14).
  MODE_CHANGED: (d, rng) => (firstOfMonth(d) ? poisson(rng, 400) : 0),
  // Sparse: a few events on a third of the days.
  SUGGESTION_REJECTED: (_d, rng) => (rng.uniform() < 0.3 ? 1 + rng.int(3) : 0),
  // Growing steadily: 10 a day to 120 a day.
  USER_PROFILE_UPDATED: (d, rng) => poisson(rng, 10 + (110 * d) / DAYS),
  // A sign-up campaign's stream: flows, then ends on 2025-06-05 and never comes back.
  SUGGESTION_EDITED: (d, rng) => (d < dayOf('2025-06-05') ? poisson(rng, 30) : 0),
  // An outage in progress: silent for the last week of the log.
  EXPERIMENT_EXPOSURE: (d, rng) => (d < DAYS - 7 ? poisson(rng, 25) : 0),
  // Launched on day 100, doubling every three weeks up to 80 a day.
  TARGET_ADJUSTED: (d, rng) =>
    d < 100 ? 0 : poisson(rng, Math.min(80, 2 * 2 ** ((d - 100) / 21))),
};

/** Three holiday days: every stream at 5% of its usual volume. */
const HOLIDAY = ['2025-07-23', '2025-07-24', '2025-07-25'].map(dayOf);
/** True positives: a continuous stream silent for a week, another down 90% for a week. */
const SILENT = { type: 'APPLICATION_CREATED', from: dayOf('2025-08-18'), days: 7 };
const DROPPED = { type: 'SUGGESTION_ACCEPTED', from: dayOf('2025-09-08'), days: 7 };
/** A weekly batch sent three times over one Monday: a spike, a warning. */
const TRIPLED = { type: 'PLAN_GENERATED', from: dayOf('2025-09-22'), days: 1 };

function within(d: number, span: { from: number; days: number }): boolean {
  return d >= span.from && d < span.from + span.days;
}

function streamLog(): string[] {
  const t = exampleEvents();
  const rng = createRng('volume-cadences');
  const lines: string[] = [];
  let id = 0;
  for (let d = 0; d < DAYS; d++) {
    for (const [type, cadence] of Object.entries(STREAMS)) {
      let n = cadence(d, rng);
      if (HOLIDAY.includes(d)) n = Math.round(n * 0.05);
      if (type === SILENT.type && within(d, SILENT)) n = 0;
      if (type === DROPPED.type && within(d, DROPPED)) n = Math.round(n * 0.1);
      if (type === TRIPLED.type && within(d, TRIPLED)) n *= 3;
      for (let k = 0; k < n; k++, id++) {
        lines.push(
          JSON.stringify({
            ...t[type as keyof typeof t],
            event_id: `ev-${id}`,
            user_id: `u-${id % 500}`,
            application_id: `app-${id}`,
            job_id: `job-${id}`,
            timestamp: new Date(START + d * DAY + Math.floor(((k + 0.5) * DAY) / n))
              .toISOString()
              .replace('.000Z', 'Z'),
          }),
        );
      }
    }
  }
  return lines;
}

describe('the volume rule on streams of every cadence', () => {
  let volume: QualityFinding[];

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hl-volume-'));
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, streamLog().join('\n') + '\n');
    const store = await EventStore.open('duckdb::memory:');
    await ingest(store, [file]);
    const report = await checkDataQuality(store);
    await store.close();
    volume = report.findings.filter((f) => f.rule === 'volume_anomaly');
  }, 120_000);

  const finding = (type: string) => volume.find((f) => f.event_type === type);

  it('is critical only for the continuous streams that went silent or dropped by 90%, or are silent now', () => {
    const critical = volume.filter((f) => f.severity === 'critical').map((f) => f.event_type);
    expect(critical.sort()).toEqual([
      'APPLICATION_CREATED',
      'EXPERIMENT_EXPOSURE',
      'SUGGESTION_ACCEPTED',
    ]);
    expect(finding('EXPERIMENT_EXPOSURE')!.message).toContain(
      '2025-09-29 (Mon) .. 2025-10-04 (Sat): 0 events where',
    );
    expect(finding('EXPERIMENT_EXPOSURE')!.message).toContain('not back by the end of the window');
  });

  it('calls a stream that ended long ago and never came back a warning, not lost data', () => {
    const f = finding('SUGGESTION_EDITED')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('SUGGESTION_EDITED stopped and has not come back');
    expect(f.message).toContain('2025-06-05 (Thu) ..');
  });

  it('names the span of the silence and what was expected', () => {
    const f = finding('APPLICATION_CREATED')!;
    expect(f.message).toContain('2025-08-18 (Mon) .. 2025-08-24 (Sun)');
    expect(f.message).toMatch(/0 events where \d+ were expected/);
    expect(f.message).toContain('came back after');
    expect(f.message).toContain('while the other streams flowed');
    const d = finding('SUGGESTION_ACCEPTED')!;
    expect(d.message).toContain('2025-09-08 (Mon) .. 2025-09-14 (Sun)');
  });

  it('raises nothing for a monthly or a weekly batch that arrives as usual', () => {
    expect(finding('MODE_CHANGED')).toBeUndefined();
    expect(finding('PLAN_GENERATED')?.count).toBe(1); // only the tripled Monday, below
  });

  it('calls a batch bigger than any before it a warning, against its busiest day', () => {
    const f = finding('PLAN_GENERATED')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(
      /2025-09-22 \(Mon\): \d+ vs \d+ on its busiest day in the previous 8 weeks/,
    );
  });

  it('calls no sparse, growing or newly launched stream critical', () => {
    for (const type of ['SUGGESTION_REJECTED', 'USER_PROFILE_UPDATED', 'TARGET_ADJUSTED']) {
      expect(finding(type)?.severity ?? 'none').not.toBe('critical');
    }
  });

  it('calls a holiday (every stream down together) a warning at most', () => {
    const holidayDates = HOLIDAY.map(dateOf);
    for (const f of volume.filter((x) => x.severity === 'critical')) {
      const lost = f.message.split('. Also ')[0];
      for (const date of holidayDates) expect(lost).not.toContain(date);
    }
    expect(finding('JOB_POSTED')).toMatchObject({ severity: 'warning' });
    expect(finding('JOB_POSTED')!.message).toContain('2025-07-2');
  });
});
