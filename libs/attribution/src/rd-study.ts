/**
 * The strategy engine's score threshold as a regression discontinuity (issue 4).
 *
 * Running variable: the resume score the strategy engine saw, `APPLICATION_SUBMITTED.context.
 * resume_score`; treatment: the application's `context.strategy_mode` is not the mode the engine
 * gives below the cutoff (learned from the data: the most common mode below it, as the contract
 * asks modes to be learned, not hard-coded); outcome: the application reached interview. One
 * row per submitted application, errors clustered by user.
 *
 * Sharp when the mode is a deterministic function of the score (every application follows
 * 1{score ≥ cutoff}, `isSharpRd`); otherwise fuzzy: `rdFuzzy` of libs/causal, the Wald ratio
 * τ = jump(Y) / jump(D) of two local linear fits with the same bandwidth
 * (`settings.rd.bandwidth_method`, chosen on the outcome) and the delta-method SE.
 *
 * Design checks: each placebo cutoff (80: BALANCED → APPLY_AGGRESSIVELY, no planted jump) fitted
 * on the same side of the true cutoff only, so that the true jump cannot leak in, must show no
 * jump (its interval covers 0); and the density test: resume versions with a score in
 * [c − w, c) and [c, c + w) must be equally likely (`densityCountsTest` of libs/causal: the exact
 * binomial local-randomization test, its power documented there). Versions, not applications, are counted: the mode itself changes how often a
 * user applies, so applications pile up above the cutoff without anyone moving their score.
 */
import {
  densityCountsTest,
  isSharpRd,
  naiveDifference,
  RdEffect,
  rdFuzzy,
  rdLocalLinear,
  type RdBandwidthMethod,
  type CausalSettings,
  type RefutationSummary,
} from '@hirelearn/causal';
import { normalQuantile } from '@hirelearn/stats';
import type { SqlSource } from '@hirelearn/store';
import type { DesignStudy } from './design-study';
import { rdApplications, resumeVersionsNearCutoff } from './rd-queries';
import type { AttributionSettings, RdStudySettings } from './settings';
import type { AnalysisWindow } from './window';

/** Per-application columns of the RD, and the version counts of the density test. */
export interface RdStudyData {
  readonly outcome: readonly number[];
  readonly running: readonly number[];
  /** 1 when the application's mode is not `below_mode`. */
  readonly treated: readonly number[];
  readonly clusters: readonly string[];
  /** The mode most applications below the cutoff carry (null when none is below). */
  readonly below_mode: string | null;
  /** Resume versions with a score in [c − w, c) and [c, c + w). */
  readonly density: { readonly below: number; readonly above: number };
}

/** Loads the RD columns of the window's applications (empty columns when there are none). */
export async function loadRdStudyData(
  store: SqlSource,
  settings: RdStudySettings,
  window: AnalysisWindow = {},
): Promise<RdStudyData> {
  const applications = await rdApplications(store, settings.cutoff, window);
  const density = await resumeVersionsNearCutoff(store, settings.cutoff, settings.density_window);
  return Object.freeze({ ...applications, density });
}

/** Users with a score in [c − h, c) and in [c, c + h). */
function usersNear(data: RdStudyData, cutoff: number, h: number): [number, number] {
  const below = new Set<string>();
  const above = new Set<string>();
  data.running.forEach((x, i) => {
    if (x >= cutoff - h && x < cutoff) below.add(data.clusters[i]);
    else if (x >= cutoff && x < cutoff + h) above.add(data.clusters[i]);
  });
  return [below.size, above.size];
}

/** A placebo cutoff: no jump expected, fitted on the same side of the true cutoff only. */
function placeboCutoff(
  data: RdStudyData,
  cutoff: number,
  at: number,
  s: CausalSettings,
  method: RdBandwidthMethod,
) {
  const side = data.running.flatMap((x, i) =>
    (at >= cutoff ? x >= cutoff : x < cutoff) ? [i] : [],
  );
  const e = rdLocalLinear(
    {
      outcome: side.map((i) => data.outcome[i]),
      running: side.map((i) => data.running[i]),
      clusters: side.map((i) => data.clusters[i]),
      cutoff: at,
    },
    { settings: s, bandwidth_method: method },
  );
  const z = normalQuantile(1 - s.alpha / 2);
  const passed = e.status === 'ok' && Math.abs(e.estimate) <= z * e.std_error;
  const summary: RefutationSummary = {
    name: `placebo_cutoff_${at}`,
    passed,
    detail:
      e.status === 'ok'
        ? `jump ${e.estimate.toPrecision(3)} at ${at} (bandwidth ${e.bandwidth.toPrecision(3)}); must be within ±${(z * e.std_error).toPrecision(3)} of 0`
        : `the placebo fit failed: ${e.status} (${e.reasons.join('; ')})`,
    values:
      e.status === 'ok'
        ? { estimate: e.estimate, std_error: e.std_error, bandwidth: e.bandwidth }
        : {},
  };
  return { summary, estimate: e.status === 'ok' ? e.estimate : null };
}

function densityTest(data: RdStudyData, rd: RdStudySettings, alpha: number): RefutationSummary {
  const { below, above } = data.density;
  const t = densityCountsTest(below, above, rd.density_window, alpha);
  return {
    name: 'density_test',
    passed: t.passed,
    detail: `${below} resume versions in [${rd.cutoff - rd.density_window}, ${rd.cutoff}) and ${above} in [${rd.cutoff}, ${rd.cutoff + rd.density_window}); binomial p = ${t.p_value.toPrecision(3)} must be >= ${alpha}`,
    values: { below, above, p_value: t.p_value },
  };
}

/** The strategy-threshold RD over the loaded columns (pure). */
export function rdStudy(data: RdStudyData, settings: AttributionSettings): DesignStudy {
  const rd = settings.rd;
  const s = settings.causal;
  const base = { outcome: data.outcome, running: data.running, clusters: data.clusters };
  const sharp = isSharpRd(data.treated, data.running, rd.cutoff);
  const options = { settings: s, bandwidth_method: rd.bandwidth_method };
  const fuzzy = sharp
    ? null
    : rdFuzzy({ ...base, cutoff: rd.cutoff, treatment: data.treated }, options);
  const primary: RdEffect = fuzzy ?? rdLocalLinear({ ...base, cutoff: rd.cutoff }, options);
  const h = primary.bandwidth;
  const [below, above] = Number.isFinite(h) ? usersNear(data, rd.cutoff, h) : [0, 0];
  const placebos = rd.placebo_cutoffs.map((at) =>
    placeboCutoff(data, rd.cutoff, at, s, rd.bandwidth_method),
  );
  const firstF =
    fuzzy !== null && Number.isFinite(fuzzy.first_stage_f) ? fuzzy.first_stage_f : null;
  const weak = firstF !== null && firstF < settings.grading.weak_instrument_f;
  const estimates: Record<string, number | null> = {
    rd: primary.status === 'ok' ? primary.estimate : null,
  };
  rd.placebo_cutoffs.forEach((at, i) => (estimates[`rd_at_${at}`] = placebos[i].estimate));
  const mode = data.below_mode ?? 'the mode below the cutoff';
  return {
    treatment: rd.name,
    definition: `application's context.strategy_mode is not ${mode} (the mode below resume score ${rd.cutoff}), compared just above and just below ${rd.cutoff} of context.resume_score`,
    method: 'rd',
    primary,
    naive: naiveDifference({ outcome: data.outcome, treatment: data.treated, covariates: {} }, s),
    estimates,
    refutations: [...placebos.map((p) => p.summary), densityTest(data, rd, s.alpha)],
    support: { treated_users: above, control_users: below },
    notes: sharp
      ? []
      : [
          'the mode is not a deterministic function of the score: fuzzy RD (LATE of compliers at the cutoff)',
        ],
    caveats: weak ? [`weak first stage at the cutoff (F ${firstF?.toFixed(1)})`] : [],
    design: {
      running_variable: 'APPLICATION_SUBMITTED.context.resume_score',
      cutoff: rd.cutoff,
      below_mode: data.below_mode,
      design: sharp ? 'sharp' : 'fuzzy',
      bandwidth: Number.isFinite(h) ? h : null,
      bandwidth_method: primary.bandwidth_method,
      users_below: below,
      users_above: above,
      first_stage_jump:
        fuzzy !== null && Number.isFinite(fuzzy.first_stage_jump) ? fuzzy.first_stage_jump : null,
      first_stage_f: firstF,
    },
  };
}
