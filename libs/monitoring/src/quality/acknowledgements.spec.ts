import { HOSTILE_STRINGS } from '@hirelearn/contract';
import { type DocumentStore, openDocumentStore } from '@hirelearn/store';
import {
  acknowledgeFindings,
  activeAcknowledgements,
  applyAcknowledgements,
} from './acknowledgements';
import type { DataQualityReport, QualityFinding } from './finding';

const NOW = new Date('2026-12-06T12:00:00Z');
const DAY = 86_400_000;

const finding = (rule: QualityFinding['rule'], eventType: string, severity = 'critical') =>
  ({
    severity,
    rule,
    event_type: eventType,
    count: 1,
    examples: [],
    message: `${rule} ${eventType}`,
  }) as QualityFinding;

const report = (findings: QualityFinding[]): DataQualityReport => ({
  status: 'ok',
  since: null,
  until: null,
  as_of: '2026-12-06 00:00:00',
  checked_events: 100,
  critical: findings.filter((f) => f.severity === 'critical').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
  acknowledged: 0,
  findings,
});

describe('quality acknowledgements', () => {
  let docs: DocumentStore;
  beforeEach(async () => {
    docs = await openDocumentStore('sqlite::memory:');
  });
  afterEach(() => docs.close());

  it('records who and why, expiring after acknowledgement_days by default', async () => {
    const ack = await acknowledgeFindings(
      docs,
      { target: 'volume_anomaly:MODE_CHANGED', who: 'ada', why: 'monthly batch' },
      { now: NOW },
    );
    expect(ack).toMatchObject({
      rule: 'volume_anomaly',
      event_type: 'MODE_CHANGED',
      who: 'ada',
      why: 'monthly batch',
      created_at: NOW.toISOString(),
      until: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    });
    expect(await activeAcknowledgements(docs, NOW)).toEqual([ack]);
    // Expired: no longer in force.
    expect(await activeAcknowledgements(docs, new Date(NOW.getTime() + 7 * DAY))).toEqual([]);
  });

  it('takes an explicit end, refusing one in the past or beyond acknowledgement_max_days', async () => {
    const ack = await acknowledgeFindings(
      docs,
      { target: 'capture_below_target', who: 'ada', why: 'replaying', until: '2026-12-20' },
      { now: NOW },
    );
    expect(ack.until).toBe('2026-12-20T00:00:00.000Z');
    expect(ack.event_type).toBeNull();
    const ask = (until: string) =>
      acknowledgeFindings(
        docs,
        { target: 'volume_anomaly', who: 'a', why: 'b', until },
        { now: NOW },
      );
    await expect(ask('2026-12-01')).rejects.toThrow(
      /until: 2026-12-01T00:00:00.000Z is not after now/,
    );
    await expect(ask('2027-06-01')).rejects.toThrow(/more than acknowledgement_max_days \(90\)/);
    await expect(ask('soon')).rejects.toThrow(/until: 'soon' is not a date/);
  });

  it('refuses unknown rules and event types and empty who or why, naming the field', async () => {
    const ask = (target: string, who = 'ada', why = 'ok') =>
      acknowledgeFindings(docs, { target, who, why }, { now: NOW });
    await expect(ask('volume_anomally')).rejects.toThrow(
      /the rule must be one of status_before_creation/,
    );
    await expect(ask('volume_anomaly:MODE_CHANGE')).rejects.toThrow(
      /the event type must be \* or one of/,
    );
    await expect(ask('volume_anomaly', ' ')).rejects.toThrow(/who: must not be empty/);
    await expect(ask('volume_anomaly', 'ada', '')).rejects.toThrow(/why: must not be empty/);
    await expect(ask('volume_anomaly', 'ada', 'a\nb')).rejects.toThrow(
      /why: must not hold control/,
    );
    expect(await activeAcknowledgements(docs, NOW)).toEqual([]);
  });

  it('carries hostile who and why verbatim (values, never query text)', async () => {
    const printable = HOSTILE_STRINGS.filter((h) => !/[\u0000-\u001f]/.test(h));
    for (const h of printable) {
      await acknowledgeFindings(docs, { target: 'outlier_score', who: h, why: h }, { now: NOW });
    }
    const stored = await activeAcknowledgements(docs, NOW);
    expect(stored.map((a) => a.who).sort()).toEqual(printable.map((h) => h.trim()).sort());
  });

  it('marks the findings an acknowledgement covers; a covered critical no longer counts', async () => {
    const month = await acknowledgeFindings(
      docs,
      { target: 'volume_anomaly:MODE_CHANGED', who: 'ada', why: 'batch' },
      { now: NOW },
    );
    await acknowledgeFindings(
      docs,
      { target: 'capture_below_target:*', who: 'bo', why: 'torn file re-sent' },
      { now: NOW },
    );
    const checked = report([
      finding('volume_anomaly', 'MODE_CHANGED'),
      finding('volume_anomaly', 'APPLICATION_SUBMITTED'),
      finding('capture_below_target', 'APPLICATION_SUBMITTED'),
      finding('completeness_below_target', 'STATUS_CHANGED', 'warning'),
    ]);
    const { report: r, applied } = applyAcknowledgements(
      checked,
      await activeAcknowledgements(docs, NOW),
    );
    expect(r.critical).toBe(2);
    expect(r.acknowledged).toBe(1);
    expect(r.findings[0].acknowledged).toEqual({
      id: month._id,
      who: 'ada',
      why: 'batch',
      until: month.until,
    });
    expect(r.findings.slice(1).every((f) => f.acknowledged === undefined)).toBe(true);
    // Only the acknowledgement that covered something was applied; `*` is not "every type".
    expect(applied).toEqual([
      {
        ...month,
        findings: [{ rule: 'volume_anomaly', event_type: 'MODE_CHANGED', severity: 'critical' }],
      },
    ]);
  });
});
