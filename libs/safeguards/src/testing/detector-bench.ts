/** Seeded false-alarm / delay measurements for the drift-detector specs. */
import { bernoulliStream } from './random';

export interface StreamDetector {
  update(x: number): boolean;
  readonly detection_times: readonly number[];
}

export interface QuietStreamResult {
  /** Streams with at least one alarm. */
  readonly streams_with_alarm: number;
  readonly total_alarms: number;
}

/** Runs `streams` no-shift Bernoulli(p) streams of `length` (seeds seed0, seed0 + 1, …). */
export function quietStreams(
  make: () => StreamDetector,
  streams: number,
  length: number,
  p: number,
  seed0: number,
): QuietStreamResult {
  let withAlarm = 0;
  let total = 0;
  for (let s = 0; s < streams; s++) {
    const d = make();
    for (const x of bernoulliStream(seed0 + s, length, p)) d.update(x);
    if (d.detection_times.length > 0) withAlarm++;
    total += d.detection_times.length;
  }
  return { streams_with_alarm: withAlarm, total_alarms: total };
}

export interface ShiftStreamResult {
  /** Streams alarming at or before the shift. */
  readonly early_alarms: number;
  /** Streams with no alarm after the shift. */
  readonly missed: number;
  /** Sorted delays (first alarm time after the shift − shift time). */
  readonly delays: readonly number[];
  readonly median_delay: number;
  readonly p90_delay: number;
}

/** Runs Bernoulli streams shifting p0 → p1 at `shiftAt`; alarms at 1-based times > shiftAt count. */
export function shiftStreams(
  make: () => StreamDetector,
  streams: number,
  length: number,
  p0: number,
  p1: number,
  shiftAt: number,
  seed0: number,
): ShiftStreamResult {
  let early = 0;
  let missed = 0;
  const delays: number[] = [];
  for (let s = 0; s < streams; s++) {
    const d = make();
    for (const x of bernoulliStream(seed0 + s, length, p0, p1, shiftAt)) d.update(x);
    const times = d.detection_times;
    if (times.some((t) => t <= shiftAt)) early++;
    const first = times.find((t) => t > shiftAt);
    if (first === undefined) missed++;
    else delays.push(first - shiftAt);
  }
  delays.sort((a, b) => a - b);
  return {
    early_alarms: early,
    missed,
    delays,
    median_delay: delays[Math.floor(delays.length / 2)] ?? NaN,
    p90_delay: delays[Math.floor(delays.length * 0.9)] ?? NaN,
  };
}
