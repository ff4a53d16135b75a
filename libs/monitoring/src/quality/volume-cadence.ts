/**
 * The pure half of the volume rule: each stream (event type) judged against its own cadence,
 * and the spans in which a flowing stream lost its volume. No I/O; `volume.ts` counts the
 * days in DuckDB and words the findings.
 */
import { robustZScores } from '@hirelearn/safeguards';
import { median } from '@hirelearn/stats';
import type { DataQualitySettings } from './settings';

const { max, sqrt } = Math;

/** A stream's count on one calendar day (days without events included, as 0). */
export interface DayCount {
  readonly day: string;
  readonly n: number;
}

/** A judged day of a stream: what it carried against what its cadence leads one to expect. */
export interface DayVerdict {
  readonly day: string;
  readonly n: number;
  /**
   * The stream flowed: it had events on most days of its reference weeks. A flowing day is
   * compared with the same weekday of those weeks (median, robust scale). An intermittent
   * stream (batches, sparse streams) is compared on its active days with the busiest day of
   * those weeks, so only a day beyond anything it usually carries (a batch bigger than the
   * batches before) stands out; its silent days are not judged.
   */
  readonly flowing: boolean;
  readonly expected: number;
  /** Robust scale of the reference, never below the counting noise √expected. */
  readonly scale: number;
  readonly z: number;
}

/** A run of low days of a flowing stream (days it is not expected on do not break it). */
export interface LowSpan {
  readonly days: readonly DayVerdict[];
  readonly observed: number;
  readonly expected: number;
  /** Robust z of the span's total: Σ(n − expected) / √Σ scale². */
  readonly z: number;
}

/**
 * Each day of a stream judged against its own cadence, null where it is not judged: its
 * first `volume_warmup_days` after its first event (growth from nothing is no anomaly), days
 * with too little history, and the silent days of an intermittent stream (a batch that comes
 * monthly is silent most days by design).
 */
export function judgeStream(
  days: readonly DayCount[],
  s: DataQualitySettings,
): (DayVerdict | null)[] {
  const first = days.findIndex((d) => d.n > 0);
  const established = first < 0 ? days.length : first + s.volume_warmup_days;
  return days.map((d, i) => {
    if (i < established) return null;
    const history = Math.min(i - established, 7 * s.volume_reference_weeks);
    // The cadence is known only after `volume_min_reference` weeks of history.
    if (history < 7 * s.volume_min_reference) return null;
    let active = 0;
    let busiest = 0;
    for (let k = i - history; k < i; k++) {
      if (days[k].n > 0) active++;
      busiest = max(busiest, days[k].n);
    }
    if (active / history >= s.volume_flowing_share) {
      const sameWeekday: number[] = [];
      for (let k = i - 7; k >= i - history; k -= 7) sameWeekday.push(days[k].n);
      return { day: d.day, n: d.n, flowing: true, ...compare(d.n, sameWeekday) };
    }
    if (d.n === 0 || active === 0) return null;
    const scale = sqrt(busiest);
    return {
      day: d.day,
      n: d.n,
      flowing: false,
      expected: busiest,
      scale,
      z: (d.n - busiest) / scale,
    };
  });
}

/**
 * A day far from its expectation: a spike or a drop of a flowing stream, a day beyond its
 * busiest of an intermittent one. At most a warning alone.
 */
export function isUnusual(v: DayVerdict, s: DataQualitySettings): boolean {
  const z = v.flowing ? Math.abs(v.z) : v.z;
  return z >= s.volume_warning_z && Math.abs(v.n - v.expected) >= s.volume_min_change;
}

/** A flowing day expected to carry events and carrying at most `volume_low_share` of them. */
function isLow(v: DayVerdict | null, s: DataQualitySettings): boolean | null {
  if (v === null || !v.flowing || v.expected <= 0) return null; // neither low nor normal
  return v.n <= s.volume_low_share * v.expected;
}

/** Maximal runs of low days among the judged days; a normal day ends a run. */
export function lowSpans(verdicts: readonly (DayVerdict | null)[], s: DataQualitySettings) {
  const spans: LowSpan[] = [];
  let run: DayVerdict[] = [];
  const close = () => {
    if (run.length === 0) return;
    const observed = run.reduce((a, v) => a + v.n, 0);
    const expected = run.reduce((a, v) => a + v.expected, 0);
    const variance = run.reduce((a, v) => a + v.scale ** 2, 0);
    spans.push({ days: run, observed, expected, z: (observed - expected) / sqrt(variance) });
    run = [];
  };
  for (const v of verdicts) {
    const low = isLow(v, s);
    if (low === true) run.push(v!);
    else if (low === false) close();
  }
  close();
  return spans;
}

/**
 * What the other flowing streams carried on the given days, as a share of what they were
 * expected to (null when no other stream was expected to flow then): near 1 while one
 * stream lost its data, near 0 on a holiday or an outage of the whole log.
 */
export function othersShare(
  others: readonly ReadonlyMap<string, DayVerdict>[],
  days: readonly string[],
): number | null {
  let observed = 0;
  let expected = 0;
  for (const stream of others) {
    for (const day of days) {
      const v = stream.get(day);
      if (v === undefined || !v.flowing || v.expected <= 0) continue;
      observed += v.n;
      expected += v.expected;
    }
  }
  return expected > 0 ? observed / expected : null;
}

/**
 * How a loss ended: the stream came back after it (`gap`: the 7 days after the span carry more
 * than `volume_low_share` of the span's expected daily volume), it fell within the last
 * `volume_stop_days` of the window and has not come back (`ongoing`: an outage in progress),
 * or it fell longer ago and never came back (`stopped`: an experiment or a campaign over, a
 * retired event type; the gate blocked while it was fresh).
 */
export function lossKind(
  span: LowSpan,
  days: readonly DayCount[],
  s: DataQualitySettings,
): 'gap' | 'ongoing' | 'stopped' {
  const first = days.findIndex((d) => d.day === span.days[0].day);
  const last = days.findIndex((d) => d.day === span.days.at(-1)!.day);
  const after = days.slice(last + 1, last + 8);
  const perDay = span.expected / span.days.length;
  const carried = after.reduce((a, d) => a + d.n, 0);
  if (after.length > 0 && carried > s.volume_low_share * perDay * after.length) return 'gap';
  return days.length - first <= s.volume_stop_days ? 'ongoing' : 'stopped';
}

/**
 * Evidence of lost or broken data: a flowing stream's low span, sharp enough
 * (`volume_critical_drop`), certain enough (`volume_critical_z` on the span's total), long
 * enough (`volume_critical_min_days`), big enough (`volume_min_change`), while the other
 * streams flowed (`volume_others_flow_share`).
 */
export function isLoss(span: LowSpan, others: number | null, s: DataQualitySettings): boolean {
  return (
    span.days.length >= s.volume_critical_min_days &&
    span.observed <= (1 - s.volume_critical_drop) * span.expected &&
    span.z <= -s.volume_critical_z &&
    span.expected - span.observed >= s.volume_min_change &&
    others !== null &&
    others >= s.volume_others_flow_share
  );
}

/**
 * Median of the reference and a robust z against it. The scale never goes below the
 * counting noise √median: eight quiet Tuesdays can agree closely by chance (or exactly,
 * MAD 0), and a count is never known more precisely than Poisson noise.
 */
function compare(value: number, reference: readonly number[]) {
  const r = robustZScores([value], { reference });
  const expected = r.status === 'ok' ? r.median : median(reference);
  const scale = max(r.status === 'ok' ? r.scale : 0, sqrt(max(1, expected)));
  return { expected, scale, z: (value - expected) / scale };
}
