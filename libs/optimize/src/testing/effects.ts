/**
 * Hand-built attribution output for the optimizers' specs: a `CausalEffect` with the fields
 * an optimizer reads set by the test and the rest filled as the attribution would for them.
 */
import type { CausalEffect, DesignEffect, OutcomeAttribution } from '@hirelearn/attribution';
import type { Confidence } from '@hirelearn/causal';

export interface EffectSketch {
  readonly treatment: string;
  readonly ate: number;
  readonly ci: readonly [number, number];
  readonly grade: Confidence;
  readonly method?: string;
  readonly naive?: number;
}

export function sketchEffect(s: EffectSketch): CausalEffect {
  const method = s.method ?? 'aipw';
  return {
    treatment: s.treatment,
    outcome: 'interview',
    definition: `test effect ${s.treatment}`,
    status: 'ok',
    ate: s.ate,
    att: null,
    std_error: (s.ci[1] - s.ci[0]) / (2 * 1.96),
    confidence_interval: s.ci,
    p_value: 0.01,
    q_value: 0.02,
    causal_confidence: s.grade,
    method,
    headline_method: method,
    headline_reason: 'no design-based estimate beside it',
    estimates: { [method]: s.ate },
    naive: { ate: s.naive ?? s.ate, confidence_interval: null, p_value: null },
    instrument: null,
    sample_size: 4000,
    treatment_group_size: 1000,
    control_group_size: 3000,
    adjustment_set: [],
    refutations: [],
    reasons: [],
    recommendation: '',
  };
}

/** The strategy-threshold RD as the attribution reports it (a design effect with its facts). */
export function sketchRd(s: Omit<EffectSketch, 'treatment' | 'method'>, cutoff = 60): DesignEffect {
  return {
    ...sketchEffect({ ...s, treatment: 'strategy_mode_at_threshold', method: 'rd' }),
    design: { cutoff, below_mode: 'IMPROVE_RESUME_FIRST', design: 'sharp', bandwidth: 10 },
  };
}

export function sketchAttribution(effects: readonly CausalEffect[]): OutcomeAttribution {
  return {
    generated_at: '2026-12-01T02:00:00.000Z',
    data_window: {
      since: null,
      until: null,
      start: '2026-01-01T00:00:00Z',
      end: '2026-11-30T00:00:00Z',
      applications: 4000,
      users: 400,
    },
    status: 'ok',
    effects,
  };
}
