/**
 * Submission timing (spec 5.4): when should a user submit? Beside each other, per weekday,
 * hour and hour band: the cross-user response and interview rates (Wilson intervals) and the
 * attribution's within-user estimate of the same treatment (`applied_on_tuesday`, … with user
 * fixed effects: the user compared with themselves). Only the within-user estimate can move a
 * preference: a day or band is recommended (preferred or avoided) when that estimate is graded
 * well enough and its interval excludes 0. A cross-user difference the within-user estimate
 * does not confirm is named as confounded (who applies when, not when they apply) and never
 * acted on; with no actionable estimate the result is no_change: timing makes no difference.
 *
 * What it recommends is layer 5's configuration: `submission_days` — the better days when
 * some day beats the others within users, else the days in force without the worse ones — and
 * `submission_hours` {start, end} — the best better band, else the hours in force trimmed of a
 * worse band at either end.
 */
import {
  DEFAULT_ATTRIBUTION_SETTINGS,
  WEEKDAYS,
  type CausalEffect,
  type HourBand,
  type OutcomeAttribution,
} from '@hirelearn/attribution';
import { twoProportionZTest, wilsonInterval } from '@hirelearn/stats';
import { attributionRunId, buildRecommendation, effectEvidence, notActionable } from './build';
import { contentId } from './content-id';
import {
  canonicalJson,
  type Evidence,
  type JsonValue,
  type OptimizationRecommendation,
  type OptimizerResult,
} from './recommendation';
import { DEFAULT_OPTIMIZE_SETTINGS, type OptimizeSettings } from './settings';

export interface TimedApplication {
  readonly user_id: string;
  /** ISO 8601 with an offset; weekday and hour are read in UTC, as the attribution does. */
  readonly submitted_at: string;
  /** Any answer came back (interview, offer or rejection; not ghosted). */
  readonly responded: boolean;
  readonly reached_interview: boolean;
}

/**
 * Layer 5's (the planner's) list-valued timing parameter: the days it submits on, as
 * `mon` … `sun` (all seven when timing makes no difference). Its hours are
 * `submission_hours` {start, end} (UTC, [start, end)), given apart as `current_submission_hours`.
 */
export const TIMING_PARAMETERS = ['submission_days'] as const;
export type TimingParameter = (typeof TIMING_PARAMETERS)[number];

/** The planner's day names: the attribution's weekday names cut to three letters. */
export const DAY_CODES = WEEKDAYS.map((d) => d.slice(0, 3));

/** Hours (UTC) the planner submits in, [start, end). */
export type SubmissionHours = { readonly start: number; readonly end: number };

export interface TimingInput {
  readonly applications: readonly TimedApplication[];
  readonly attribution: OutcomeAttribution;
  /** The id the attribution run is stored under (evidence ids); its timestamp when absent. */
  readonly attribution_run_id?: string;
  /** Layer 5's submission days in force (all seven when absent). */
  readonly current?: Partial<Readonly<Record<TimingParameter, readonly string[]>>>;
  /** Layer 5's submission hours in force (the whole day when absent). */
  readonly current_submission_hours?: SubmissionHours;
  /** The attribution's hour bands (its settings' by default). */
  readonly hour_bands?: readonly HourBand[];
}

export interface Rate {
  readonly count: number;
  readonly rate: number | null;
  readonly interval: readonly [number, number];
}

/** Cross-user figures of one cell (a weekday, an hour, a band) against every other cell. */
export interface TimingCell {
  readonly key: string;
  readonly applications: number;
  readonly users: number;
  readonly responses: Rate;
  readonly interviews: Rate;
  /** Interview rate here minus elsewhere (unclustered two-proportion test: descriptive). */
  readonly vs_rest: {
    readonly difference: number;
    readonly interval: readonly [number, number];
    readonly p_value: number;
  } | null;
}

export interface WithinUserEstimate {
  readonly treatment: string;
  readonly ate: number | null;
  readonly interval: readonly [number, number] | null;
  readonly grade: string;
  readonly method: string;
  /** Null when it may move a preference; else why not. */
  readonly not_actionable: string | null;
}

export interface TimingCellWithEffect extends TimingCell {
  readonly within_user: WithinUserEstimate | null;
}

export interface TimingAnalysis {
  readonly by_weekday: readonly TimingCellWithEffect[];
  readonly by_hour_band: readonly TimingCellWithEffect[];
  readonly by_hour: readonly TimingCell[];
  /** Cells whose cross-user difference is significant but not confirmed within users. */
  readonly confounded: readonly string[];
  readonly timing_table_id: string;
}

const weekdayOf = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1; // ISO: Monday 1 … Sunday 7

function rate(x: number, n: number, alpha: number): Rate {
  const w = wilsonInterval(x, n, alpha);
  return { count: x, rate: n === 0 ? null : x / n, interval: [w.lower, w.upper] };
}

function cell(
  key: string,
  rows: readonly TimedApplication[],
  inCell: (r: TimedApplication) => boolean,
  alpha: number,
): TimingCell {
  const here = rows.filter(inCell);
  const rest = rows.length - here.length;
  const iv = (rs: readonly TimedApplication[]) => rs.filter((r) => r.reached_interview).length;
  const ivHere = iv(here);
  const ivRest = iv(rows) - ivHere;
  const t =
    here.length > 0 && rest > 0
      ? twoProportionZTest(ivHere, here.length, ivRest, rest, alpha)
      : null;
  return {
    key,
    applications: here.length,
    users: new Set(here.map((r) => r.user_id)).size,
    responses: rate(here.filter((r) => r.responded).length, here.length, alpha),
    interviews: rate(ivHere, here.length, alpha),
    vs_rest:
      t === null || t.status !== 'ok'
        ? null
        : { difference: t.diff, interval: t.ci, p_value: t.p_value },
  };
}

function withinUser(
  e: CausalEffect | undefined,
  s: OptimizeSettings['timing'],
): WithinUserEstimate | null {
  if (e === undefined) return null;
  const notWithin = s.within_user_methods.includes(e.method)
    ? null
    : `${e.treatment}: method ${e.method} is not a within-user estimate (${s.within_user_methods.join(', ')})`;
  return {
    treatment: e.treatment,
    ate: e.ate,
    interval: e.confidence_interval,
    grade: e.causal_confidence,
    method: e.method,
    not_actionable: notWithin ?? notActionable(e, s.actionable_grades),
  };
}

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;

export function optimizeTiming(
  input: TimingInput,
  settings: OptimizeSettings = DEFAULT_OPTIMIZE_SETTINGS,
): OptimizerResult<TimingAnalysis> {
  const s = settings.timing;
  const bands = input.hour_bands ?? DEFAULT_ATTRIBUTION_SETTINGS.hour_bands;
  const rows = input.applications;
  const when = rows.map((r, i) => {
    const d = new Date(r.submitted_at);
    if (Number.isNaN(d.getTime())) {
      throw new RangeError(
        `applications[${i}].submitted_at must be an ISO 8601 date-time, got ${r.submitted_at}`,
      );
    }
    return { row: r, weekday: weekdayOf(d), hour: d.getUTCHours() };
  });
  const at = new Map(rows.map((r, i) => [r, when[i]] as const));
  const effects = new Map(input.attribution.effects.map((e) => [e.treatment, e] as const));
  const by_weekday = WEEKDAYS.map((day, i) => ({
    ...cell(day, rows, (r) => at.get(r)!.weekday === i + 1, s.alpha),
    within_user: withinUser(effects.get(`applied_on_${day}`), s),
  }));
  const by_hour_band = bands.map((b) => ({
    ...cell(b.name, rows, (r) => at.get(r)!.hour >= b.from && at.get(r)!.hour < b.to, s.alpha),
    within_user: withinUser(effects.get(`applied_in_${b.name}`), s),
  }));
  const by_hour = Array.from({ length: 24 }, (_, h) =>
    cell(String(h).padStart(2, '0'), rows, (r) => at.get(r)!.hour === h, s.alpha),
  );
  const confounded = [...by_weekday, ...by_hour_band]
    .filter(
      (c) =>
        c.vs_rest !== null && c.vs_rest.p_value < s.alpha && c.within_user?.not_actionable !== null,
    )
    .map((c) => {
      const w = c.within_user;
      const within =
        w === null || w.ate === null || w.interval === null
          ? 'no within-user estimate'
          : `within users ${pts(w.ate)} [${pts(w.interval[0])}, ${pts(w.interval[1])}], graded ${w.grade}`;
      return `${c.key}: cross-user ${pts(c.vs_rest!.difference)} interview rate against the rest (p = ${c.vs_rest!.p_value.toPrecision(2)}), ${within}: who applies then, not when they apply; not acted on`;
    });
  const timing_table_id = contentId('timing_table', { by_weekday, by_hour_band, by_hour });
  const analysis: TimingAnalysis = {
    by_weekday,
    by_hour_band,
    by_hour,
    confounded,
    timing_table_id,
  };
  const cells = [...by_weekday, ...by_hour_band];
  if (cells.every((c) => c.within_user === null)) {
    return Object.freeze({
      status: 'insufficient_data',
      reasons: [
        'the attribution has no within-user timing estimate (applied_on_<day>, applied_in_<band>)',
      ],
      analysis,
      recommendations: [],
    });
  }
  const runId = attributionRunId(input.attribution, input.attribution_run_id);
  const table: Evidence = {
    kind: 'timing_table',
    id: timing_table_id,
    summary: `cross-user response and interview rates by weekday, hour band and hour over ${rows.length} applications`,
  };
  const recommendations: OptimizationRecommendation[] = [];
  const unchanged: string[] = [];
  const actionable = (cs: readonly TimingCellWithEffect[], sign: number) =>
    cs.filter(
      (c) => c.within_user?.not_actionable === null && Math.sign(c.within_user!.ate!) === sign,
    );
  const recommend = (
    parameter: string,
    current: JsonValue,
    value: JsonValue,
    used: readonly TimingCellWithEffect[],
    sign: number,
    notes: readonly string[],
  ) => {
    if (canonicalJson(current) === canonicalJson(value)) {
      unchanged.push(`${parameter} already ${JSON.stringify(value)}`);
      return;
    }
    // The weakest effect acted on, as the benefit of the change (avoiding: its sign flipped).
    const effs = used.map((c) => effects.get(c.within_user!.treatment)!);
    const weakest = effs.reduce((a, b) => (Math.abs(b.ate!) < Math.abs(a.ate!) ? b : a));
    const iv = weakest.confidence_interval!.map((x) => sign * x).sort((a, b) => a - b) as [
      number,
      number,
    ];
    recommendations.push(
      buildRecommendation(
        {
          component: 'timing',
          layer: 5,
          parameter,
          current_value: current,
          recommended_value: value,
          expected_impact: {
            metric: 'interview_rate',
            estimate: sign * weakest.ate!,
            interval: iv,
            unit: 'probability',
          },
          evidence: [...effs.map((e) => effectEvidence(runId, e)), table],
          confidence: Math.min(...effs.map((e) => settings.grade_confidence[e.causal_confidence])),
          risk: 'low',
          testable: true,
          reasons: [
            ...effs.map(
              (e) =>
                `${e.treatment}: within users ${pts(e.ate!)} [${pts(e.confidence_interval![0])}, ${pts(e.confidence_interval![1])}], graded ${e.causal_confidence}`,
            ),
            ...notes,
            ...confounded,
          ],
        },
        settings.routing,
      ),
    );
  };
  // Days: the better days when there are any (each beats the others within users), else the
  // days in force without the worse ones.
  const dayCode = (key: string) => DAY_CODES[WEEKDAYS.indexOf(key as (typeof WEEKDAYS)[number])];
  const currentDays = [...(input.current?.submission_days ?? DAY_CODES)];
  const better = actionable(by_weekday, 1);
  const worse = actionable(by_weekday, -1).filter((c) => currentDays.includes(dayCode(c.key)));
  if (better.length > 0) {
    recommend(
      'submission_days',
      currentDays,
      better.map((c) => dayCode(c.key)),
      better,
      1,
      [],
    );
  } else if (worse.length > 0 && worse.length < currentDays.length) {
    const drop = new Set(worse.map((c) => dayCode(c.key)));
    recommend(
      'submission_days',
      currentDays,
      currentDays.filter((d) => !drop.has(d)),
      worse,
      -1,
      [],
    );
  }
  // Hours: the best better band, else the hours in force trimmed of a worse band at either end.
  const hours = input.current_submission_hours ?? { start: 0, end: 24 };
  const bandOf = (c: TimingCellWithEffect) => bands.find((b) => b.name === c.key)!;
  const betterBands = actionable(by_hour_band, 1).sort(
    (a, b) => b.within_user!.ate! - a.within_user!.ate!,
  );
  if (betterBands.length > 0) {
    const b = bandOf(betterBands[0]);
    const notes =
      betterBands.length > 1
        ? [`one window only: ${b.name}, the best of ${betterBands.map((c) => c.key).join(', ')}`]
        : [];
    recommend(
      'submission_hours',
      { ...hours },
      { start: b.from, end: b.to },
      betterBands.slice(0, 1),
      1,
      notes,
    );
  } else {
    let { start, end } = hours;
    const trimmed: TimingCellWithEffect[] = [];
    for (const c of actionable(by_hour_band, -1)) {
      const b = bandOf(c);
      if (b.from <= start && b.to > start && b.to < end) start = b.to;
      else if (b.to >= end && b.from < end && b.from > start) end = b.from;
      else continue;
      trimmed.push(c);
    }
    if (trimmed.length > 0)
      recommend('submission_hours', { ...hours }, { start, end }, trimmed, -1, []);
  }
  if (recommendations.length > 0) {
    return Object.freeze({ status: 'ok', reasons: unchanged, analysis, recommendations });
  }
  const acted = cells.filter((c) => c.within_user?.not_actionable === null).map((c) => c.key);
  const reasons =
    unchanged.length > 0
      ? [`timing already in force: ${unchanged.join('; ')}`]
      : acted.length > 0
        ? [
            `${acted.join(', ')}: within-user effects the planner's days and hours cannot express (a worse band inside the hours in force)`,
          ]
        : [
            `timing makes no difference: no within-user timing estimate is graded ${s.actionable_grades.join(' or ')} with an interval excluding 0`,
          ];
  return Object.freeze({
    status: 'no_change',
    reasons: [...reasons, ...confounded],
    analysis,
    recommendations: [],
  });
}
