/**
 * The strategy engine's mode threshold (spec 11.2): below the resume score threshold the engine
 * tells a user to improve the resume first, above it to apply. The attribution's regression
 * discontinuity measures what applying instead of improving does to an application's chance
 * of an interview for users AT the threshold (τ, the jump). The sweep asks, for each candidate
 * threshold t, what moving it would change over the given score distribution:
 *   shift(t)          = #{score ≥ t} − #{score ≥ current}   (users moved into the apply mode)
 *   Δinterviews(t)    = τ · applications_per_user · shift(t), its interval from τ's
 *   Δeffort_hours(t)  = −improvement_hours · shift(t)        (improvement work no longer asked)
 *   net_value_hours   = Δinterviews · hours_per_interview − Δeffort_hours
 * It assumes τ holds for the users moved — which the RD supports only near the cutoff, so a
 * candidate further than `max_shift` is shown but never recommended. A threshold is recommended
 * only when the RD is graded well enough with its interval excluding 0, and the best eligible
 * candidate's net value is positive; otherwise no_change, the sweep still shown.
 */
import type { CausalEffect, DesignEffect, OutcomeAttribution } from '@hirelearn/attribution';
import { attributionRunId, buildRecommendation, effectEvidence, notActionable } from './build';
import type { OptimizerResult } from './recommendation';
import { DEFAULT_OPTIMIZE_SETTINGS, type OptimizeSettings } from './settings';

export interface ThresholdInput {
  readonly attribution: OutcomeAttribution;
  readonly attribution_run_id?: string;
  /** The resume scores the engine decides on: one per active user (their latest). */
  readonly scores: readonly number[];
  /** The threshold in force (layer 2's `mode_threshold`). */
  readonly current_threshold: number;
  /** Layer 2's `aggressive_threshold`: a candidate must stay below it. */
  readonly aggressive_threshold?: number;
}

export interface ThresholdCandidate {
  readonly threshold: number;
  readonly users_above: number;
  readonly shift: number;
  readonly expected_interviews: {
    readonly estimate: number;
    readonly interval: readonly [number, number];
  };
  readonly effort_hours: number;
  readonly net_value_hours: number;
  /** Within `max_shift` of the cutoff the RD measured: eligible for a recommendation. */
  readonly within_rd_range: boolean;
}

export interface ThresholdAnalysis {
  /** The RD at the threshold as the attribution reported it (null when absent). */
  readonly rd: {
    readonly cutoff: number | null;
    readonly jump: number | null;
    readonly interval: readonly [number, number] | null;
    readonly grade: string;
    readonly not_actionable: string | null;
  } | null;
  readonly users: number;
  readonly sweep: readonly ThresholdCandidate[];
}

const isDesign = (e: CausalEffect): e is DesignEffect => 'design' in e;

/** The sweep of candidate thresholds for a jump τ with its interval (pure arithmetic). */
export function thresholdSweep(
  scores: readonly number[],
  current: number,
  jump: { readonly estimate: number; readonly interval: readonly [number, number] },
  s: OptimizeSettings['threshold'],
): ThresholdCandidate[] {
  const above = (t: number) => scores.filter((x) => x >= t).length;
  const base = above(current);
  const candidates = [
    ...new Set(s.candidate_offsets.map((o) => Math.min(100, Math.max(0, current + o)))),
  ].sort((a, b) => a - b);
  return candidates.map((t) => {
    const users_above = above(t);
    const shift = users_above - base;
    const per = s.applications_per_user * shift;
    const ends = [jump.interval[0] * per, jump.interval[1] * per].sort((a, b) => a - b) as [
      number,
      number,
    ];
    const interviews = jump.estimate * per;
    const effort = -s.improvement_hours * shift;
    return {
      threshold: t,
      users_above,
      shift,
      expected_interviews: { estimate: interviews, interval: ends },
      effort_hours: effort,
      net_value_hours: interviews * s.hours_per_interview - effort,
      within_rd_range: Math.abs(t - current) <= s.max_shift,
    };
  });
}

export function optimizeStrategyThreshold(
  input: ThresholdInput,
  settings: OptimizeSettings = DEFAULT_OPTIMIZE_SETTINGS,
): OptimizerResult<ThresholdAnalysis> {
  const s = settings.threshold;
  input.scores.forEach((x, i) => {
    if (!Number.isFinite(x) || x < 0 || x > 100) {
      throw new RangeError(`scores[${i}] must be a resume score in [0, 100], got ${x}`);
    }
  });
  const c = input.current_threshold;
  if (!Number.isFinite(c) || c < 0 || c > 100) {
    throw new RangeError(`current_threshold must be a resume score in [0, 100], got ${c}`);
  }
  const e = input.attribution.effects.find(
    (x) => x.treatment === s.rd_treatment && x.method === 'rd',
  );
  const users = input.scores.length;
  const empty = (reason: string, rd: ThresholdAnalysis['rd'] = null) =>
    Object.freeze({
      status: 'insufficient_data' as const,
      reasons: [reason],
      analysis: { rd, users, sweep: [] },
      recommendations: [],
    });
  if (e === undefined)
    return empty(`the attribution has no regression discontinuity '${s.rd_treatment}'`);
  const cutoff = isDesign(e) && typeof e.design.cutoff === 'number' ? e.design.cutoff : null;
  const rd = {
    cutoff,
    jump: e.ate,
    interval: e.confidence_interval,
    grade: e.causal_confidence,
    not_actionable: notActionable(e, s.actionable_grades),
  };
  if (cutoff !== c)
    return empty(`the RD was measured at cutoff ${cutoff}, the threshold in force is ${c}`, rd);
  if (e.ate === null || e.confidence_interval === null)
    return empty(`the RD has no estimate (${e.status})`, rd);
  if (users === 0) return empty('no resume scores to sweep over', rd);
  const sweep = thresholdSweep(
    input.scores,
    c,
    { estimate: e.ate, interval: e.confidence_interval },
    s,
  );
  const analysis: ThresholdAnalysis = { rd, users, sweep };
  const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;
  const jumpText = `applying instead of improving first at score ${c}: ${pts(e.ate)} [${pts(e.confidence_interval[0])}, ${pts(e.confidence_interval[1])}] per application, graded ${e.causal_confidence}`;
  if (rd.not_actionable !== null) {
    return Object.freeze({
      status: 'no_change',
      reasons: [`the threshold stays: ${rd.not_actionable}`],
      analysis,
      recommendations: [],
    });
  }
  // The best eligible move; among equals, the smallest.
  const best = sweep
    .filter(
      (x) =>
        x.within_rd_range &&
        x.threshold !== c &&
        x.shift !== 0 &&
        x.threshold < (input.aggressive_threshold ?? Infinity),
    )
    .sort(
      (a, b) =>
        b.net_value_hours - a.net_value_hours ||
        Math.abs(a.threshold - c) - Math.abs(b.threshold - c),
    )[0];
  if (best === undefined || best.net_value_hours <= 0) {
    return Object.freeze({
      status: 'no_change',
      reasons: [
        `${jumpText}; no threshold within ${s.max_shift} points gains more than its effort costs (${s.hours_per_interview} hours per interview)`,
      ],
      analysis,
      recommendations: [],
    });
  }
  const i = best.expected_interviews;
  const why = `threshold ${best.threshold}: ${best.shift > 0 ? `${best.shift} more users apply now` : `${-best.shift} more users improve first`}, ${i.estimate.toFixed(1)} [${i.interval[0].toFixed(1)}, ${i.interval[1].toFixed(1)}] more interviews per period and ${best.effort_hours.toFixed(0)} hours of improvement work; net ${best.net_value_hours.toFixed(0)} hours`;
  const rec = buildRecommendation(
    {
      component: 'strategy_engine',
      layer: 2,
      parameter: 'mode_threshold',
      current_value: c,
      recommended_value: best.threshold,
      expected_impact: {
        metric: 'interviews_per_period',
        estimate: i.estimate,
        interval: i.interval,
        unit: 'interviews',
      },
      evidence: [effectEvidence(attributionRunId(input.attribution, input.attribution_run_id), e)],
      confidence: settings.grade_confidence[e.causal_confidence],
      // It moves users between modes, and rests on extending the jump measured at the cutoff.
      risk: 'medium',
      testable: true,
      reasons: [jumpText, why, `assumes the jump holds within ${s.max_shift} points of ${c}`],
    },
    settings.routing,
  );
  return Object.freeze({ status: 'ok', reasons: [why], analysis, recommendations: [rec] });
}
