import { robustZScores } from '@hirelearn/safeguards';
import {
  exampleIds,
  type FindingSeverity,
  type QualityFinding,
  type QualityScope,
  type SqlSource,
} from './finding';
import type { DataQualitySettings } from './settings';

const { abs, max, sqrt } = Math;
const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface DayCount {
  readonly day: string;
  readonly dow: number;
  readonly n: number;
}

interface Anomaly {
  readonly day: string;
  readonly n: number;
  readonly median: number;
  readonly z: number;
}

/**
 * Volume anomalies per event type and day, seasonality-aware: each day is compared with the
 * same weekday of the previous `volume_reference_weeks` weeks (weekends are quiet by nature)
 * by a robust z-score (median and MAD, so one earlier outage does not hide the next), its
 * scale floored at the counting noise √median. Types in `volume_exempt_types` arrive in
 * batches on their own calendar (company signals monthly) and are not judged. The day of the
 * newest event is partial and never judged; changes smaller than `volume_min_change` events
 * are ignored since low counts are noisy. A type's first `volume_warmup_days` (from its first
 * event) are a warm-up: neither judged nor reference, so a log that starts from nothing and
 * ramps up is not flagged for growing.
 */
export async function checkVolume(
  source: SqlSource,
  scope: QualityScope,
  settings: DataQualitySettings,
): Promise<QualityFinding[]> {
  const rows = await source.rows(
    `WITH days AS (
       SELECT event_type, occurred_at::DATE AS day, count(*) AS n FROM raw_events GROUP BY ALL),
     span AS (SELECT min(day) AS lo, max(day) AS hi FROM days),
     cal AS (SELECT unnest(generate_series(lo::TIMESTAMP, hi::TIMESTAMP, INTERVAL 1 DAY))::DATE AS day FROM span)
     SELECT t.event_type, strftime(c.day, '%Y-%m-%d') AS day, isodow(c.day) AS dow,
       coalesce(d.n, 0) AS n, c.day = (SELECT hi FROM span) AS partial
     FROM (SELECT DISTINCT event_type FROM days) t CROSS JOIN cal c
     LEFT JOIN days d ON d.event_type = t.event_type AND d.day = c.day
     ORDER BY t.event_type, c.day`,
  );
  const byType = new Map<string, DayCount[]>();
  for (const r of rows) {
    if (r.partial === true) continue;
    const list = byType.get(String(r.event_type)) ?? [];
    list.push({ day: String(r.day), dow: Number(r.dow), n: Number(r.n) });
    byType.set(String(r.event_type), list);
  }
  const sinceDay = scope.since.slice(0, 10);
  const findings: QualityFinding[] = [];
  for (const [eventType, days] of byType) {
    if (settings.volume_exempt_types.includes(eventType)) continue;
    const anomalies: Anomaly[] = [];
    // Days before the type's first event and its warm-up are no history to judge against.
    const established = days.findIndex((d) => d.n > 0) + settings.volume_warmup_days;
    for (let i = established; i < days.length; i++) {
      const d = days[i];
      if (d.day < sinceDay) continue;
      const reference: number[] = [];
      for (
        let k = i - 7;
        k >= established && reference.length < settings.volume_reference_weeks;
        k -= 7
      ) {
        reference.push(days[k].n);
      }
      if (reference.length < settings.volume_min_reference) continue;
      const z = robustZ(d.n, reference);
      if (abs(d.n - z.median) < settings.volume_min_change) continue;
      if (abs(z.z) >= settings.volume_warning_z) {
        anomalies.push({ day: d.day, n: d.n, median: z.median, z: z.z });
      }
    }
    if (anomalies.length === 0) continue;
    anomalies.sort((a, b) => abs(b.z) - abs(a.z));
    const worst = anomalies[0];
    const severity: FindingSeverity =
      abs(worst.z) >= settings.volume_critical_z ? 'critical' : 'warning';
    const [ex] = await source.rows(
      `SELECT (list(event_id ORDER BY event_id))[1:$3] AS examples FROM raw_events
       WHERE event_type = $1 AND occurred_at::DATE = $2::DATE`,
      [eventType, worst.day, settings.max_examples],
    );
    const described = anomalies
      .slice(0, 3)
      .map(
        (a) =>
          `${a.day} (${WEEKDAYS[new Date(`${a.day}T00:00:00Z`).getUTCDay() || 7]}): ${a.n} vs median ${a.median} on the same weekday, robust z ${a.z.toFixed(1)}`,
      )
      .join('; ');
    findings.push({
      severity,
      rule: 'volume_anomaly',
      event_type: eventType,
      count: anomalies.length,
      examples: exampleIds(ex?.examples),
      message: `${anomalies.length} day(s) with unusual ${eventType} volume: ${described}`,
    });
  }
  return findings;
}

/**
 * Robust z of a day's count against its reference days. The scale never goes below the
 * counting noise √median: eight quiet Tuesdays can agree closely by chance (or exactly, MAD 0),
 * and a count is never known more precisely than Poisson noise.
 */
function robustZ(value: number, reference: readonly number[]): { z: number; median: number } {
  const r = robustZScores([value], { reference });
  const median = r.status === 'ok' ? r.median : medianOf(reference);
  const scale = max(r.status === 'ok' ? r.scale : 0, sqrt(max(1, median)));
  return { z: (value - median) / scale, median };
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
