import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { exampleEvents } from '@hirelearn/contract';
import { ingest } from '@hirelearn/ingest';
import { EventStore } from '@hirelearn/store';
import { checkDataQuality } from './check-quality';
import { dataQualitySettings } from './settings';
import type { DataQualityReport, QualityFinding } from './finding';

const DAY = 86_400_000;
const START = Date.parse('2025-06-02T00:00:00Z'); // a Monday
const DAYS = 70;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

type Event = Record<string, unknown>;

/**
 * A clean synthetic log: 50 users with a resume each, 80 applications on weekdays and 20 on
 * weekends (weekly seasonality), each created, submitted an hour later and answered 5 days
 * later. Deterministic features so the outlier forest sees a plain cloud.
 */
function cleanLog(
  options: {
    skipSubmittedOnDay?: number;
    perDay?: (day: number, weekdayCount: number) => number;
  } = {},
): Event[] {
  const t = exampleEvents();
  const events: Event[] = [];
  for (let u = 0; u < 50; u++) {
    events.push({
      ...t.RESUME_SNAPSHOT,
      event_id: `ev-rv-${u}`,
      user_id: `u-${u}`,
      timestamp: iso(START - DAY),
      resume_version_id: `rv-${u}`,
    });
  }
  let i = 0;
  for (let d = 0; d < DAYS; d++) {
    const dow = d % 7; // 0 = Monday
    const usual = dow >= 5 ? 20 : 80;
    const n = options.perDay ? options.perDay(d, usual) : usual;
    for (let k = 0; k < n; k++, i++) {
      const created = START + d * DAY + 8 * 3_600_000 + k * 6 * 60_000;
      const fit = 40 + ((i * 7) % 50);
      const base = {
        user_id: `u-${i % 50}`,
        application_id: `app-${i}`,
        job_id: `job-${i}`,
        resume_version_id: `rv-${i % 50}`,
        context: {
          ...(t.APPLICATION_CREATED.context as Event),
          fit_score: fit,
          fit_components: { technical: fit, seniority: fit - 5, experience: fit + 5, signal: fit },
          resume_score: 50 + ((i * 3) % 40),
        },
      };
      events.push({
        ...base,
        event_id: `ev-c-${i}`,
        event_type: 'APPLICATION_CREATED',
        timestamp: iso(created),
      });
      if (options.skipSubmittedOnDay !== d) {
        events.push({
          ...base,
          event_id: `ev-s-${i}`,
          event_type: 'APPLICATION_SUBMITTED',
          timestamp: iso(created + 3_600_000),
        });
      }
      if (created + 5 * DAY < START + DAYS * DAY) {
        events.push({
          ...t.STATUS_CHANGED,
          event_id: `ev-st-${i}`,
          user_id: base.user_id,
          application_id: base.application_id,
          job_id: base.job_id,
          timestamp: iso(created + 5 * DAY),
          outcome: { status: 'rejected', days_to_response: 5 },
        });
      }
    }
  }
  return events;
}

async function storeOf(events: readonly Event[], extraLines: readonly string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'hl-quality-'));
  const file = path.join(dir, 'events.ndjson');
  writeFileSync(file, [...events.map((e) => JSON.stringify(e)), ...extraLines].join('\n') + '\n');
  const store = await EventStore.open('duckdb::memory:');
  await ingest(store, [file]);
  return store;
}

const find = (r: DataQualityReport, rule: string, eventType?: string): QualityFinding | undefined =>
  r.findings.find(
    (f) => f.rule === rule && (eventType === undefined || f.event_type === eventType),
  );

describe('checkDataQuality on a clean synthetic log', () => {
  it('finds nothing', async () => {
    const store = await storeOf(cleanLog());
    const report = await checkDataQuality(store);
    await store.close();
    expect(report.status).toBe('ok');
    expect(report.findings).toEqual([]);
    expect(report.as_of).toBe('2025-08-10 15:54:00');
  });

  it('does not judge the volume of a log that ramps up from nothing (warm-up)', async () => {
    // A log that starts from nothing and grows 2.6-fold a week until its usual volume.
    const ramp = cleanLog({ perDay: (d, usual) => Math.min(usual, Math.round(2 ** (d / 5))) });
    const store = await storeOf(ramp);
    const warm = await checkDataQuality(store);
    const cold = await checkDataQuality(store, {
      settings: dataQualitySettings({ volume_warmup_days: 0 }),
    });
    await store.close();
    expect(find(warm, 'volume_anomaly')).toBeUndefined();
    // Without the warm-up the same growth is flagged: the warm-up is what keeps it quiet.
    expect(find(cold, 'volume_anomaly')).toBeDefined();
  });

  it('charges a few lines of no known type to the whole log, not to a type of their own', async () => {
    const t = exampleEvents();
    const strays = [
      '{"event_id": "torn',
      JSON.stringify({
        ...t.APPLICATION_CREATED,
        event_id: 'stray-1',
        event_type: 'APPLICATION_WITHDRAWN',
      }),
    ];
    const store = await storeOf(cleanLog(), strays);
    const report = await checkDataQuality(store);
    // Every line lost, none stored, for a type the contract does not have: 2 of ~19,000.
    const many = await storeOf(
      cleanLog(),
      Array.from({ length: 400 }, () => strays[0]),
    );
    const flooded = await checkDataQuality(many);
    await Promise.all([store.close(), many.close()]);
    expect(report.findings.filter((f) => f.severity === 'critical')).toEqual([]);
    expect(find(flooded, 'capture_below_target', '*')).toMatchObject({
      severity: 'critical',
      count: 400,
    });
    expect(find(flooded, 'capture_below_target', '*')!.message).toMatch(/of all events captured/);
  });

  it('refuses a window that ends before it starts, or a bound that is not a date', async () => {
    const store = await EventStore.open('duckdb::memory:');
    await expect(
      checkDataQuality(store, { since: '2025-08-01', until: '2025-07-01' }),
    ).rejects.toThrow('since (2025-08-01) must be before until (2025-07-01)');
    await expect(checkDataQuality(store, { until: 'tomorrow' })).rejects.toThrow(
      "until: 'tomorrow' is not a date",
    );
    await store.close();
  });

  it('reports an empty store as such', async () => {
    const store = await EventStore.open('duckdb::memory:');
    const report = await checkDataQuality(store);
    await store.close();
    expect(report).toMatchObject({ status: 'empty_store', findings: [], checked_events: 0 });
  });
});

describe('checkDataQuality on events built to break each check', () => {
  let report: DataQualityReport;
  let sinceReport: DataQualityReport;
  let windowReport: DataQualityReport;

  beforeAll(async () => {
    const t = exampleEvents();
    const events = cleanLog({ skipSubmittedOnDay: 57 });
    const at = (day: number, hour = 12) => iso(START + day * DAY + hour * 3_600_000);
    const app = (id: string, rv = 'rv-1') => ({
      user_id: 'u-1',
      application_id: id,
      job_id: `job-${id}`,
      resume_version_id: rv,
      context: t.APPLICATION_CREATED.context,
    });
    // Temporal: a status change two days before its application existed.
    events.push({
      ...t.APPLICATION_CREATED,
      event_id: 'bad-c1',
      ...app('bad-1'),
      timestamp: at(30),
    });
    events.push({ ...t.STATUS_CHANGED, event_id: 'bad-st1', ...app('bad-1'), timestamp: at(28) });
    // Temporal: submitted before created.
    events.push({
      ...t.APPLICATION_CREATED,
      event_id: 'bad-c2',
      ...app('bad-2'),
      timestamp: at(31),
    });
    events.push({
      ...t.APPLICATION_SUBMITTED,
      event_id: 'bad-s2',
      ...app('bad-2'),
      timestamp: at(31, 6),
    });
    // Referential: a status change whose application never arrives (pending for weeks).
    events.push({
      ...t.STATUS_CHANGED,
      event_id: 'bad-pending',
      ...app('ghost-app'),
      timestamp: at(40),
    });
    // Referential: an application naming a resume version never described.
    events.push({
      ...t.APPLICATION_CREATED,
      event_id: 'bad-c3',
      ...app('bad-3', 'rv-nowhere'),
      timestamp: at(32),
    });
    // Referential: a submission without its creation.
    events.push({
      ...t.APPLICATION_SUBMITTED,
      event_id: 'bad-s4',
      ...app('bad-4'),
      timestamp: at(33),
    });
    // Completeness: 400 submissions without fit components (about 9%).
    let dropped = 0;
    for (const e of events) {
      if (
        e.event_type === 'APPLICATION_SUBMITTED' &&
        Number(String(e.application_id).slice(4)) % 11 === 0
      ) {
        const ctx = { ...(e.context as Event) };
        delete ctx.fit_components;
        e.context = ctx;
        dropped++;
      }
    }
    expect(dropped).toBeGreaterThan(300);
    // Outliers: three absurd submissions in the last week, at 3 am.
    for (let k = 0; k < 3; k++) {
      events.push({
        ...t.APPLICATION_CREATED,
        event_id: `bad-oddc-${k}`,
        ...app(`odd-${k}`),
        timestamp: at(67, 2),
      });
      events.push({
        ...t.APPLICATION_SUBMITTED,
        event_id: `bad-odd-${k}`,
        ...app(`odd-${k}`),
        timestamp: at(67, 3),
        context: {
          ...(t.APPLICATION_SUBMITTED.context as Event),
          fit_score: 100,
          fit_components: { technical: 0, seniority: 0, experience: 100, signal: 0 },
          resume_score: 1,
        },
      });
    }
    // Capture: 60 submissions out of range (quarantined), over 1% of the type.
    const invalid = Array.from({ length: 60 }, (_, k) =>
      JSON.stringify({
        ...t.APPLICATION_SUBMITTED,
        event_id: `bad-q-${k}`,
        timestamp: at(20),
        context: { ...(t.APPLICATION_SUBMITTED.context as Event), fit_score: 150 },
      }),
    );
    const store = await storeOf(events, invalid);
    report = await checkDataQuality(store);
    sinceReport = await checkDataQuality(store, { since: '2025-08-01' });
    windowReport = await checkDataQuality(store, { since: '2025-07-01', until: '2025-08-01' });
    await store.close();
  });

  it('flags a status change dated before its application was created', () => {
    expect(find(report, 'status_before_creation')).toMatchObject({
      severity: 'warning',
      event_type: 'STATUS_CHANGED',
      count: 1,
      examples: ['bad-st1'],
    });
  });

  it('flags a submission dated before its creation', () => {
    expect(find(report, 'submitted_before_created')).toMatchObject({
      count: 1,
      examples: ['bad-s2'],
    });
  });

  it('flags a status change still pending long after', () => {
    expect(find(report, 'pending_status_changed')).toMatchObject({
      count: 1,
      examples: ['bad-pending'],
    });
  });

  it('flags an application naming an unknown resume version', () => {
    expect(find(report, 'unknown_resume_version', 'APPLICATION_CREATED')).toMatchObject({
      count: 1,
      examples: ['bad-c3'],
    });
  });

  it('flags a submission without a creation', () => {
    expect(find(report, 'submitted_without_created')).toMatchObject({
      count: 1,
      examples: ['bad-s4'],
    });
  });

  it('flags completeness below 95% as a warning, with examples missing the field', () => {
    const f = find(report, 'completeness_below_target', 'APPLICATION_SUBMITTED');
    expect(f).toMatchObject({ severity: 'warning' });
    expect(f!.message).toContain('$.context.fit_components');
    expect(f!.examples[0]).toMatch(/^ev-s-\d+$/);
    expect(Number(f!.examples[0].slice(5)) % 11).toBe(0);
  });

  it('flags capture below 99% as critical', () => {
    expect(find(report, 'capture_below_target', 'APPLICATION_SUBMITTED')).toMatchObject({
      severity: 'critical',
      count: 60,
    });
  });

  it('flags the weekday with no submissions as a critical volume anomaly, not the weekends', () => {
    const f = find(report, 'volume_anomaly', 'APPLICATION_SUBMITTED');
    expect(f).toMatchObject({ severity: 'critical', count: 1, examples: [] });
    expect(f!.message).toContain('2025-07-29 (Tue): 0 events where 80 were expected');
    expect(f!.message).toContain('while the other streams flowed');
    expect(find(report, 'volume_anomaly', 'APPLICATION_CREATED')).toBeUndefined();
  });

  it('gives the absurd recent submissions the highest outlier scores', () => {
    const f = find(report, 'outlier_score');
    expect(f).toBeDefined();
    expect(f!.examples.slice(0, 3).sort()).toEqual(['bad-odd-0', 'bad-odd-1', 'bad-odd-2']);
  });

  it('sorts critical findings first and counts them', () => {
    expect(report.findings[0].severity).toBe('critical');
    expect(report.critical).toBe(report.findings.filter((f) => f.severity === 'critical').length);
    expect(report.critical).toBe(2);
  });

  it('limits the checked events with since', () => {
    expect(sinceReport.since).toBe('2025-08-01');
    expect(find(sinceReport, 'status_before_creation')).toBeUndefined();
    expect(find(sinceReport, 'volume_anomaly')).toBeUndefined();
    expect(sinceReport.checked_events).toBeLessThan(report.checked_events);
  });

  it('judges only the window [since, until): the gate of an attribution run over it', () => {
    expect(windowReport).toMatchObject({ since: '2025-07-01', until: '2025-08-01' });
    expect(windowReport.as_of! < '2025-08-01').toBe(true);
    expect(windowReport.checked_events).toBeLessThan(
      report.checked_events - sinceReport.checked_events,
    );
    // The Tuesday without submissions is inside; the broken status change (June 30) is not.
    expect(find(windowReport, 'volume_anomaly', 'APPLICATION_SUBMITTED')).toMatchObject({
      severity: 'critical',
    });
    expect(find(windowReport, 'status_before_creation')).toBeUndefined();
  });

  it('places quarantined lines at the time they claim, so only their window is charged', () => {
    // The 60 refused submissions claim June 22: the windows after it capture everything.
    expect(find(sinceReport, 'capture_below_target')).toBeUndefined();
    expect(find(windowReport, 'capture_below_target')).toBeUndefined();
  });
});
