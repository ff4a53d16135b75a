/**
 * What a reader sees first for a treatment — its `ate` and `confidence_interval` — when the run
 * has a design-based estimate of the same treatment beside the adjusted one (issue 12, item 16).
 *
 * The adjusted estimate (AIPW) is unbiased only if every confounder is measured. A design-based
 * estimate leans on a different assumption: the randomized suggestion of an edit as instrument
 * (2SLS; its first stage checked), or the user compared with themselves before and after the
 * edit (the DiD study; its pre-trend test passed). When a user trait we do not observe drives both
 * the edit and interviews (stronger users reorganise their resumes more), the adjusted interval
 * can sit tightly around a confounded number while the designs say otherwise. So:
 *
 *   disagreement: a usable design-based estimate lies outside the adjusted (1 − α) interval;
 *   policy 'span' (default): the headline interval is the smallest one containing the adjusted
 *     interval and the interval of every disagreeing design; the headline point is the most
 *     precise disagreeing design's estimate; `std_error` is null (a span is not a normal interval);
 *   policy 'adjusted': the adjusted estimate always (the behaviour before issue 12).
 * `headline_method` says which ('aipw', 'span:aipw+did', …) and `headline_reason` why.
 *
 * Why a span and not the design alone: the designs are noisier (on 400-user worlds a DiD interval
 * is 3× as wide as AIPW's), measure the edit's total effect (the DiD: through the resume score and
 * strategy mode too) or the compliers' (the IV), and have their own failure modes (the DiD's
 * co-edits, libs/attribution README); when two designs disagree we cannot tell which is right,
 * and the honest interval holds both. The rule is deliberately sensitive — a noisy design point
 * outside a tight adjusted interval triggers it — because a confounded adjusted interval is tight.
 *
 * The grade stays the adjusted analysis' (q-value, refuters, balance, overlap), with one
 * consequence of the headline: HIGH also needs the published interval to exclude 0 (a claim of
 * strong evidence cannot come with an interval that contains no effect), else MEDIUM with the
 * reason. `p_value` and `q_value` remain the graded adjusted test's (the run's BH family).
 */
import type { EffectEstimate, GradedAnalysis } from '@hirelearn/causal';
import type { DesignEffect } from './design-study';
import type { HeadlineSettings } from './settings';

/** A design-based estimate of the same treatment, usable for the headline. */
export interface DesignCandidate {
  readonly method: 'iv_2sls' | 'did';
  readonly estimate: number;
  readonly std_error: number;
  readonly ci: readonly [number, number];
}

export interface Headline {
  /** The primary's method, or 'span:<primary>+<design>[+<design>]'. */
  readonly method: string;
  readonly reason: string;
  readonly estimate: number;
  /** Null for a span. */
  readonly std_error: number | null;
  readonly ci: readonly [number, number];
  /** True when the interval was widened to span a disagreeing design. */
  readonly spanned: boolean;
}

const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`;
const interval = (ci: readonly [number, number]) => `[${pts(ci[0])}, ${pts(ci[1])}]`;
const usable = (e: { status: string; estimate: number; std_error: number }) =>
  e.status === 'ok' && Number.isFinite(e.estimate) && e.std_error > 0;

/**
 * The design-based estimates of a graded analysis that the headline may use: its IV when the
 * instrument is strong (first-stage F ≥ `weak_instrument_f`), and the DiD study of the same
 * treatment when it estimated and passed every design check.
 */
export function designCandidates(
  a: GradedAnalysis,
  did: DesignEffect | undefined,
  settings: HeadlineSettings,
  weakInstrumentF: number,
): DesignCandidate[] {
  const out: DesignCandidate[] = [];
  const iv = a.iv;
  if (
    settings.designs.includes('iv_2sls') &&
    iv !== null &&
    iv !== a.primary &&
    usable(iv) &&
    iv.first_stage_f >= weakInstrumentF
  ) {
    out.push({ method: 'iv_2sls', estimate: iv.estimate, std_error: iv.std_error, ci: iv.ci });
  }
  if (
    settings.designs.includes('did') &&
    did !== undefined &&
    did.status === 'ok' &&
    did.ate !== null &&
    did.std_error !== null &&
    did.confidence_interval !== null &&
    did.refutations.length > 0 &&
    did.refutations.every((r) => r.passed)
  ) {
    out.push({
      method: 'did',
      estimate: did.ate,
      std_error: did.std_error,
      ci: did.confidence_interval,
    });
  }
  return out;
}

/** The headline of `primary` given the design-based estimates beside it (module doc). */
export function chooseHeadline(
  primary: EffectEstimate,
  designs: readonly DesignCandidate[],
  settings: HeadlineSettings,
): Headline {
  const own = {
    method: primary.method,
    estimate: primary.estimate,
    std_error: primary.std_error,
    ci: primary.ci,
    spanned: false,
  };
  if (primary.method !== 'aipw') {
    return { ...own, reason: `the primary estimate (${primary.method}) is design-based` };
  }
  if (primary.status !== 'ok') return { ...own, reason: `no estimate: ${primary.status}` };
  if (designs.length === 0) {
    return { ...own, reason: 'no usable design-based estimate of this treatment' };
  }
  const [lo, hi] = primary.ci;
  const disagree = designs.filter((d) => d.estimate < lo || d.estimate > hi);
  const names = designs.map((d) => `${d.method} ${pts(d.estimate)}`).join(', ');
  if (disagree.length === 0) {
    return {
      ...own,
      reason: `design-based estimates agree (${names} inside ${interval(primary.ci)})`,
    };
  }
  const said = disagree.map((d) => `${d.method} ${pts(d.estimate)} ${interval(d.ci)}`).join(', ');
  if (settings.policy === 'adjusted') {
    return {
      ...own,
      reason: `design-based estimates outside the adjusted interval ${interval(primary.ci)} (${said}); the adjusted estimate is published (policy 'adjusted')`,
    };
  }
  const point = disagree.reduce((a, b) => (b.std_error < a.std_error ? b : a));
  const ci: [number, number] = [
    Math.min(lo, ...disagree.map((d) => d.ci[0])),
    Math.max(hi, ...disagree.map((d) => d.ci[1])),
  ];
  return {
    method: `span:${primary.method}+${disagree.map((d) => d.method).join('+')}`,
    reason: `${said} outside the adjusted interval ${interval(primary.ci)} (aipw ${pts(primary.estimate)}): an unmeasured confounder may bias the adjusted estimate, so the interval spans both and the point is ${point.method}'s`,
    estimate: point.estimate,
    std_error: null,
    ci,
    spanned: true,
  };
}
