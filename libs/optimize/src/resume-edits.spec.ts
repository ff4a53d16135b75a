import { optimizeResumeEdits } from './resume-edits';
import { sketchAttribution, sketchEffect, sketchRd } from './testing/effects';

/**
 * The attribution of a simulated world as it grades it: two planted helpful edits HIGH, one
 * helpful edit MEDIUM with its interval above 0, reorganized_sections (a null that stronger
 * users make: naive +6 points, its headline spanning the DiD and containing 0, MEDIUM), its DiD
 * beside it, the Tuesday trap null within users, tailoring HIGH (not an edit) and the RD.
 */
const attribution = sketchAttribution([
  sketchEffect({
    treatment: 'added_metrics_to_bullets',
    ate: 0.05,
    ci: [0.03, 0.07],
    grade: 'HIGH',
  }),
  sketchEffect({ treatment: 'added_keywords', ate: 0.03, ci: [0.015, 0.045], grade: 'HIGH' }),
  sketchEffect({
    treatment: 'strengthened_action_verbs',
    ate: 0.02,
    ci: [0.004, 0.036],
    grade: 'MEDIUM',
  }),
  sketchEffect({ treatment: 'added_certifications', ate: 0.03, ci: [0.002, 0.058], grade: 'LOW' }),
  {
    ...sketchEffect({
      treatment: 'reorganized_sections',
      ate: 0.004,
      ci: [-0.012, 0.05],
      grade: 'MEDIUM',
      naive: 0.06,
    }),
    headline_method: 'span:aipw+did',
  },
  sketchEffect({
    treatment: 'reorganized_sections',
    ate: 0.05,
    ci: [0.03, 0.07],
    grade: 'HIGH',
    method: 'did',
  }),
  sketchEffect({
    treatment: 'applied_on_tuesday',
    ate: 0.001,
    ci: [-0.01, 0.012],
    grade: 'LOW',
    method: 'within_unit',
  }),
  sketchEffect({ treatment: 'tailoring_applied', ate: 0.04, ci: [0.02, 0.06], grade: 'HIGH' }),
  sketchRd({ ate: 0.05, ci: [0.02, 0.08], grade: 'HIGH' }),
]);

describe('optimizeResumeEdits', () => {
  it('every helpful edit graded HIGH (or MEDIUM excluding 0) becomes one; nulls never do', () => {
    const r = optimizeResumeEdits({ attribution, attribution_run_id: 'run-3' });
    expect(r.status).toBe('ok');
    expect(r.recommendations).toHaveLength(1);
    const rec = r.recommendations[0];
    expect(rec).toMatchObject({
      component: 'resume_edits',
      layer: 2,
      parameter: 'resume_edit_priority',
      current_value: [],
      // Largest effect first.
      recommended_value: [
        'added_metrics_to_bullets',
        'added_keywords',
        'strengthened_action_verbs',
      ],
      // The weakest edit suggested: +2 points [0.4, 3.6].
      expected_impact: { metric: 'interview_rate', estimate: 0.02, interval: [0.004, 0.036] },
      // MEDIUM is the weakest grade acted on; observational evidence: an experiment decides.
      confidence: 0.6,
      route: 'a_b_test',
    });
    expect(rec.evidence.map((e) => e.id)).toEqual([
      'run-3/added_keywords/aipw',
      'run-3/added_metrics_to_bullets/aipw',
      'run-3/strengthened_action_verbs/aipw',
    ]);
    // The null the stronger users take: its published headline governs, not its DiD alone.
    const reorg = r.analysis.edits.find((e) => e.edit === 'reorganized_sections')!;
    expect(reorg.verdict).toBe('no_change');
    expect(reorg.reason).toMatch(/contains 0/);
    expect(r.analysis.edits.find((e) => e.edit === 'added_certifications')!.reason).toMatch(
      /graded LOW/,
    );
    // Not edits: timing, tailoring, the RD.
    expect(r.analysis.edits.map((e) => e.edit)).not.toEqual(
      expect.arrayContaining([
        'applied_on_tuesday',
        'tailoring_applied',
        'strategy_mode_at_threshold',
      ]),
    );
  });

  it('a harmful edit suggested today is withdrawn; the list in force already is no change', () => {
    const harmful = sketchAttribution([
      sketchEffect({ treatment: 'added_keywords', ate: 0.03, ci: [0.015, 0.045], grade: 'HIGH' }),
      sketchEffect({
        treatment: 'reorganized_sections',
        ate: -0.03,
        ci: [-0.05, -0.01],
        grade: 'HIGH',
      }),
    ]);
    const r = optimizeResumeEdits({
      attribution: harmful,
      current_suggested_edits: ['reorganized_sections', 'added_certifications', 'added_keywords'],
    });
    expect(r.recommendations).toHaveLength(1);
    expect(r.recommendations[0]).toMatchObject({
      current_value: ['reorganized_sections', 'added_certifications', 'added_keywords'],
      recommended_value: ['added_keywords', 'added_certifications'],
      expected_impact: { estimate: 0.03, interval: [0.01, 0.05] },
    });
    const kept = optimizeResumeEdits({
      attribution: harmful,
      current_suggested_edits: ['added_keywords', 'added_certifications'],
    });
    expect(kept.status).toBe('no_change');
    expect(kept.reasons[0]).toMatch(/already/);
  });

  it('nothing to act on is no_change; no edit at all is insufficient_data; edit_types narrows', () => {
    const none = optimizeResumeEdits({ attribution: sketchAttribution([attribution.effects[4]]) });
    expect(none.status).toBe('no_change');
    expect(optimizeResumeEdits({ attribution: sketchAttribution([]) }).status).toBe(
      'insufficient_data',
    );
    const only = optimizeResumeEdits({ attribution, edit_types: ['added_keywords'] });
    expect(only.analysis.edits.map((e) => e.edit)).toEqual(['added_keywords']);
  });
});
