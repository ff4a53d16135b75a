import type { SqlSource } from '@hirelearn/store';
import type { FindingSeverity, QualityFinding, QualityScope } from './finding';
import { dailyCountsByType, eventIdsBetweenDays } from './quality-queries';
import type { DataQualitySettings } from './settings';
import { pct } from './temporal';
import {
  type DayCount,
  type DayVerdict,
  isLoss,
  isUnusual,
  judgeStream,
  lossKind,
  type LowSpan,
  lowSpans,
  othersShare,
} from './volume-cadence';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dated = (day: string) => `${day} (${WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]})`;
const round = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/**
 * Volume anomalies per event type (stream), each judged against its own cadence
 * (`volume-cadence.ts`). Critical is kept for evidence of lost or broken data: a stream that
 * flows (events on most days) falls silent or drops sharply for a span inside the data window
 * while the other streams flow, and came back after it or fell recently. Everything else a
 * real log does (batch jobs, weekly and monthly cycles, launches, growth, holidays that quiet
 * every stream at once, a stream that ended long ago) is at most a warning.
 *
 * Days run from the first event of the window's log to the last complete day: the day of the
 * newest event (or of `until`, when the window ends mid-day) is partial and never judged.
 * Days before `since` serve as reference but are not judged.
 */
export async function checkVolume(
  source: SqlSource,
  scope: QualityScope,
  settings: DataQualitySettings,
): Promise<QualityFinding[]> {
  const byType = await dailyCounts(source, scope);
  const sinceDay = scope.since.slice(0, 10);
  const verdicts = new Map<string, Map<string, DayVerdict>>();
  for (const [eventType, days] of byType) {
    const judged = new Map<string, DayVerdict>();
    for (const v of judgeStream(days, settings)) if (v !== null) judged.set(v.day, v);
    verdicts.set(eventType, judged);
  }
  const findings: QualityFinding[] = [];
  for (const [eventType, days] of byType) {
    if (settings.volume_exempt_types.includes(eventType)) continue;
    const own = verdicts.get(eventType)!;
    const others = [...verdicts].filter(([t]) => t !== eventType).map(([, v]) => v);
    const inWindow = days.map((d) => (d.day >= sinceDay ? (own.get(d.day) ?? null) : null));
    const losses = lowSpans(inWindow, settings)
      .map((span) => ({
        span,
        others: othersShare(
          others,
          span.days.map((v) => v.day),
        ),
      }))
      .filter((l) => isLoss(l.span, l.others, settings))
      .map((l) => ({ ...l, kind: lossKind(l.span, days, settings) }));
    const lost = new Set(losses.flatMap((l) => l.span.days.map((v) => v.day)));
    const unusual = inWindow
      .filter((v): v is DayVerdict => v !== null && !lost.has(v.day) && isUnusual(v, settings))
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z));
    if (losses.length === 0 && unusual.length === 0) continue;
    const critical = losses.filter((l) => l.kind !== 'stopped');
    const stopped = losses.filter((l) => l.kind === 'stopped');
    const severity: FindingSeverity = critical.length > 0 ? 'critical' : 'warning';
    const worst = critical[0] ?? stopped[0];
    const [from, to] =
      worst !== undefined
        ? [worst.span.days[0].day, worst.span.days.at(-1)!.day]
        : [unusual[0].day, unusual[0].day];
    const examples = await eventIdsBetweenDays(source, eventType, from, to, settings.max_examples);
    const parts = [
      critical.length === 0
        ? ''
        : `${eventType} fell silent or dropped sharply while the other streams flowed (lost or broken data?): ` +
          critical
            .slice(0, 3)
            .map((l) => describeLoss(l.span, l.others!, l.kind))
            .join('; '),
      stopped.length === 0
        ? ''
        : `${eventType} stopped and has not come back (a stream that ended, such as an experiment or a campaign over, or data lost since): ` +
          stopped
            .slice(0, 3)
            .map((l) => describeLoss(l.span, l.others!, l.kind))
            .join('; '),
      unusual.length === 0
        ? ''
        : `${unusual.length} day(s) with unusual ${eventType} volume: ` +
          unusual
            .slice(0, 3)
            .map((v) => describeDay(v, othersShare(others, [v.day]), settings))
            .join('; '),
    ];
    const message = parts.filter((p) => p !== '').join('. Also ');
    findings.push({
      severity,
      rule: 'volume_anomaly',
      event_type: eventType,
      count: lost.size + unusual.length,
      examples,
      message,
    });
  }
  return findings;
}

/** Per event type, the count of every calendar day of the window's log up to the last complete day. */
async function dailyCounts(
  source: SqlSource,
  scope: QualityScope,
): Promise<Map<string, DayCount[]>> {
  const byType = new Map<string, DayCount[]>();
  for (const r of await dailyCountsByType(source, scope.until)) {
    const list = byType.get(r.event_type) ?? [];
    list.push({ day: r.day, n: r.n });
    byType.set(r.event_type, list);
  }
  return byType;
}

function describeLoss(span: LowSpan, others: number, kind: 'gap' | 'ongoing' | 'stopped') {
  const first = span.days[0].day;
  const last = span.days.at(-1)!.day;
  const when = first === last ? dated(first) : `${dated(first)} .. ${dated(last)}`;
  const after = kind === 'gap' ? 'came back after' : 'not back by the end of the window';
  return (
    `${when}: ${span.observed} events where ${Math.round(span.expected)} were expected ` +
    `(${span.days.length} low day(s), ${pct(1 - span.observed / span.expected)} down, robust z ${span.z.toFixed(1)}; ${after}) ` +
    `while the other streams flowed (${pct(others)} of their expected volume)`
  );
}

function describeDay(v: DayVerdict, others: number | null, s: DataQualitySettings): string {
  const against = v.flowing
    ? 'the same weekday'
    : `its busiest day in the previous ${s.volume_reference_weeks} weeks`;
  const together =
    v.z < 0 && others !== null && others < s.volume_others_flow_share
      ? `; every stream was down (${pct(others)} of expected): a holiday or an outage of the whole log`
      : '';
  return `${dated(v.day)}: ${v.n} vs ${round(v.expected)} on ${against}, ${v.flowing ? 'robust ' : ''}z ${v.z.toFixed(1)}${together}`;
}
