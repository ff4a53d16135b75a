/**
 * Resume edits: which edits should the strategy engine (layer 2) suggest? Each edit's effect
 * from the attribution — its published headline, which already spans a disagreeing
 * design-based estimate (the randomized suggestion as IV, the edit's DiD) — becomes a
 * recommendation to suggest it when it is graded well enough (HIGH, or MEDIUM) with its
 * interval above 0, and to stop suggesting it when the same holds below 0 and it is suggested
 * today. Nulls never do: an edit that only looks good because stronger users make it (its
 * design-based estimates disagree, the span contains 0) is not graded HIGH and has an interval
 * containing 0. Timing, tailoring and the strategy threshold are not edits and are skipped.
 */
import type { CausalEffect, OutcomeAttribution } from '@hirelearn/attribution';
import { attributionRunId, buildRecommendation, effectEvidence, notActionable } from './build';
import type { OptimizationRecommendation, OptimizerResult } from './recommendation';
import { DEFAULT_OPTIMIZE_SETTINGS, type OptimizeSettings } from './settings';

export interface ResumeEditsInput {
  readonly attribution: OutcomeAttribution;
  readonly attribution_run_id?: string;
  /**
   * The edit types analysed (the analysis table's `edit_types`). When absent: every treatment
   * that is not tailoring, a weekday, an hour band or the strategy-threshold RD.
   */
  readonly edit_types?: readonly string[];
  /** Edits layer 2 suggests today. */
  readonly current_suggested_edits?: readonly string[];
}

export interface EditVerdict {
  readonly edit: string;
  readonly ate: number | null;
  readonly interval: readonly [number, number] | null;
  readonly grade: string;
  readonly headline_method: string;
  readonly suggested_now: boolean;
  readonly verdict: 'suggest' | 'stop_suggesting' | 'no_change';
  readonly reason: string;
}

export interface ResumeEditsAnalysis {
  readonly edits: readonly EditVerdict[];
}

const NOT_EDITS = [/^tailoring_applied$/, /^applied_on_/, /^applied_in_/];

/** `suggested_edits.<edit>`: the path of the edit's switch in layer 2's configuration. */
export const suggestedEditParameter = (edit: string) => `suggested_edits.${edit}`;

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
  const suggested = new Set(input.current_suggested_edits ?? []);
  const edits: EditVerdict[] = [];
  const recommendations: OptimizationRecommendation[] = [];
  for (const [edit, { main, did }] of [...byEdit].sort(([a], [b]) => a.localeCompare(b))) {
    const e = (main ?? did)!;
    const now = suggested.has(edit);
    const blocked = notActionable(e, grades);
    const verdict: EditVerdict['verdict'] =
      blocked !== null
        ? 'no_change'
        : e.ate! > 0
          ? now
            ? 'no_change'
            : 'suggest'
          : now
            ? 'stop_suggesting'
            : 'no_change';
    const reason =
      blocked ??
      (verdict === 'no_change'
        ? `${edit}: ${e.ate! > 0 ? 'helps and is suggested already' : 'hurts and is not suggested'}`
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
    if (verdict === 'no_change') continue;
    const sign = verdict === 'suggest' ? 1 : -1;
    const iv = e.confidence_interval!.map((x) => sign * x).sort((a, b) => a - b) as [
      number,
      number,
    ];
    recommendations.push(
      buildRecommendation(
        {
          component: 'resume_edits',
          layer: 2,
          parameter: suggestedEditParameter(edit),
          current_value: now,
          recommended_value: verdict === 'suggest',
          expected_impact: {
            metric: 'interview_rate',
            estimate: sign * e.ate!,
            interval: iv,
            unit: 'probability',
          },
          evidence: [e, ...(did !== undefined && did !== e ? [did] : [])].map((x) =>
            effectEvidence(runId, x),
          ),
          confidence: settings.grade_confidence[e.causal_confidence],
          // A suggestion the user may decline; the engine already randomizes suggestions.
          risk: 'low',
          testable: true,
          reasons: [reason, `headline ${e.headline_method}: ${e.headline_reason}`],
        },
        settings.routing,
      ),
    );
  }
  return Object.freeze({
    status: recommendations.length > 0 ? 'ok' : 'no_change',
    reasons:
      recommendations.length > 0
        ? []
        : [
            `no edit's effect is graded ${grades.join(' or ')} with an interval excluding 0 and a change to make`,
          ],
    analysis: { edits },
    recommendations,
  });
}
