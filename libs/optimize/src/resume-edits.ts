/**
 * Resume edits: which edits should the strategy engine (layer 2) suggest, in what order
 * (its `resume_edit_priority`)? Each edit's effect from the attribution — its published
 * headline, which already spans a disagreeing design-based estimate (the randomized suggestion
 * as IV, the edit's DiD) — is suggested when it is graded well enough (HIGH, or MEDIUM) with
 * its interval above 0 (helpful edits first, largest effect first, then the rest of today's
 * list), and withdrawn when the same holds below 0. One recommendation carries the new list. Nulls never do: an edit that only looks good because stronger users make it (its
 * design-based estimates disagree, the span contains 0) is not graded HIGH and has an interval
 * containing 0. Timing, tailoring and the strategy threshold are not edits and are skipped.
 */
import type { CausalEffect, OutcomeAttribution } from '@hirelearn/attribution';
import { attributionRunId, buildRecommendation, effectEvidence, notActionable } from './build';
import type { OptimizerResult } from './recommendation';
import { DEFAULT_OPTIMIZE_SETTINGS, type OptimizeSettings } from './settings';

export interface ResumeEditsInput {
  readonly attribution: OutcomeAttribution;
  readonly attribution_run_id?: string;
  /**
   * The edit types analysed (the analysis table's `edit_types`). When absent: every treatment
   * that is not tailoring, a weekday, an hour band or the strategy-threshold RD.
   */
  readonly edit_types?: readonly string[];
  /** Layer 2's `resume_edit_priority` today: the edits it suggests, first first. */
  readonly current_suggested_edits?: readonly string[];
}

export interface EditVerdict {
  readonly edit: string;
  readonly ate: number | null;
  readonly interval: readonly [number, number] | null;
  readonly grade: string;
  readonly headline_method: string;
  readonly suggested_now: boolean;
  readonly verdict: 'suggest' | 'withdraw' | 'no_change';
  readonly reason: string;
}

export interface ResumeEditsAnalysis {
  readonly edits: readonly EditVerdict[];
}

const NOT_EDITS = [/^tailoring_applied$/, /^applied_on_/, /^applied_in_/];

export function optimizeResumeEdits(
  input: ResumeEditsInput,
  settings: OptimizeSettings = DEFAULT_OPTIMIZE_SETTINGS,
): OptimizerResult<ResumeEditsAnalysis> {
  const grades = settings.resume_edits.actionable_grades;
  const isEdit = (t: string) =>
    input.edit_types !== undefined
      ? input.edit_types.includes(t)
      : t !== settings.threshold.rd_treatment && !NOT_EDITS.some((re) => re.test(t));
  // Per edit, its adjusted effect (whose headline spans the designs); the DiD study beside it.
  const byEdit = new Map<string, { main?: CausalEffect; did?: CausalEffect }>();
  for (const e of input.attribution.effects) {
    if (!isEdit(e.treatment)) continue;
    const slot = byEdit.get(e.treatment) ?? {};
    if (e.method === 'did') slot.did = e;
    else slot.main = e;
    byEdit.set(e.treatment, slot);
  }
  if (byEdit.size === 0) {
    return Object.freeze({
      status: 'insufficient_data',
      reasons: ['the attribution has no resume-edit effect'],
      analysis: { edits: [] },
      recommendations: [],
    });
  }
  const runId = attributionRunId(input.attribution, input.attribution_run_id);
  const current = [...(input.current_suggested_edits ?? [])];
  const edits: EditVerdict[] = [];
  const acted: { readonly e: CausalEffect; readonly did?: CausalEffect; readonly sign: number }[] =
    [];
  for (const [edit, { main, did }] of [...byEdit].sort(([a], [b]) => a.localeCompare(b))) {
    const e = (main ?? did)!;
    const now = current.includes(edit);
    const blocked = notActionable(e, grades);
    const verdict: EditVerdict['verdict'] =
      blocked !== null ? 'no_change' : e.ate! > 0 ? 'suggest' : now ? 'withdraw' : 'no_change';
    const reason =
      blocked ??
      (verdict === 'no_change'
        ? `${edit}: hurts and is not suggested`
        : `${edit}: ${e.recommendation}`);
    edits.push({
      edit,
      ate: e.ate,
      interval: e.confidence_interval,
      grade: e.causal_confidence,
      headline_method: e.headline_method,
      suggested_now: now,
      verdict,
      reason,
    });
    if (verdict !== 'no_change')
      acted.push({ e, did: did !== e ? did : undefined, sign: verdict === 'suggest' ? 1 : -1 });
  }
  // The helpful edits first, largest effect first; then the rest of today's list, in its order.
  const helpful = acted.filter((a) => a.sign > 0).sort((a, b) => b.e.ate! - a.e.ate!);
  const withdrawn = new Set(acted.filter((a) => a.sign < 0).map((a) => a.e.treatment));
  const first = helpful.map((a) => a.e.treatment);
  const priority = [...first, ...current.filter((t) => !first.includes(t) && !withdrawn.has(t))];
  const same = priority.length === current.length && priority.every((t, i) => current[i] === t);
  if (acted.length === 0 || same) {
    return Object.freeze({
      status: 'no_change',
      reasons: [
        acted.length === 0
          ? `no edit's effect is graded ${grades.join(' or ')} with an interval excluding 0`
          : `resume_edit_priority already ${JSON.stringify(current)}`,
      ],
      analysis: { edits },
      recommendations: [],
    });
  }
  // The benefit claimed: the weakest edit newly suggested, else the weakest withdrawn (flipped).
  const added = helpful.filter((a) => !current.includes(a.e.treatment));
  const pool =
    added.length > 0
      ? added
      : acted.filter((a) => a.sign < 0).length > 0
        ? acted.filter((a) => a.sign < 0)
        : helpful;
  const weakest = pool.reduce((a, b) => (Math.abs(b.e.ate!) < Math.abs(a.e.ate!) ? b : a));
  const iv = weakest.e.confidence_interval!.map((x) => weakest.sign * x).sort((a, b) => a - b) as [
    number,
    number,
  ];
  const rec = buildRecommendation(
    {
      component: 'resume_edits',
      layer: 2,
      parameter: 'resume_edit_priority',
      current_value: current,
      recommended_value: priority,
      expected_impact: {
        metric: 'interview_rate',
        estimate: weakest.sign * weakest.e.ate!,
        interval: iv,
        unit: 'probability',
      },
      evidence: acted
        .flatMap((a) => [a.e, ...(a.did !== undefined ? [a.did] : [])])
        .map((x) => effectEvidence(runId, x)),
      confidence: Math.min(...acted.map((a) => settings.grade_confidence[a.e.causal_confidence])),
      // A suggestion the user may decline; the engine already randomizes suggestions.
      risk: 'low',
      testable: true,
      reasons: edits.filter((v) => v.verdict !== 'no_change').map((v) => v.reason),
    },
    settings.routing,
  );
  return Object.freeze({ status: 'ok', reasons: [], analysis: { edits }, recommendations: [rec] });
}
