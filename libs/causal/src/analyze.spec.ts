import { analyzeEffect, gradeAnalyses } from './analyze';
import { identify } from './identify';
import {
  simulateConfounded,
  simulateConfoundedWithInstrument,
  simulateIv,
} from './testing/simulate';

describe('identify', () => {
  it('names the adjustment set, instruments and assumptions', () => {
    const { data, instruments } = simulateConfoundedWithInstrument({ n: 10, seed: 1, effect: 0 });
    const id = identify({
      treatment_name: 'tailored_resume',
      outcome_name: 'interview',
      data,
      instruments,
    });
    expect(id.strategies).toEqual(['backdoor', 'iv']);
    expect(id.adjustment_set).toEqual(['x']);
    expect(id.instruments).toEqual(['z']);
    expect(id.assumptions[0]).toMatch(
      /\{x\} contains every common cause of tailored_resume and interview/,
    );
  });

  it('a continuous treatment without instruments has no strategy', () => {
    const d = simulateIv({ n: 10, seed: 1, effect: 1, strength: 1 });
    expect(identify({ treatment_name: 'd', outcome_name: 'y', data: d }).strategies).toEqual([]);
  });
});

describe('analyzeEffect + gradeAnalyses', () => {
  const planted = simulateConfoundedWithInstrument({ n: 4000, seed: 51, effect: 0.1 });
  const nullWorld = simulateConfounded({ n: 2000, seed: 52, effect: 0 });
  const graded = gradeAnalyses([
    analyzeEffect({ treatment_name: 't', outcome_name: 'y', ...planted }),
    analyzeEffect({ treatment_name: 't', outcome_name: 'y', data: nullWorld }),
    analyzeEffect({
      treatment_name: 't',
      outcome_name: 'y',
      data: { ...nullWorld, treatment: nullWorld.treatment.map(() => 1) },
    }),
  ]);

  it('a planted effect with an agreeing instrument grades HIGH', () => {
    const a = graded[0];
    expect(a.primary.method).toBe('aipw');
    expect(a.primary.ci[0]).toBeLessThanOrEqual(0.1);
    expect(a.primary.ci[1]).toBeGreaterThanOrEqual(0.1);
    expect(a.iv?.weak_instrument).toBe(false);
    expect(a.estimates.map((e) => e.method)).toEqual([
      'aipw',
      'ipw_hajek',
      'ipw_hajek',
      'ps_matching',
      'naive_difference',
      'iv_2sls',
    ]);
    expect(a.refutations.map((r) => r.name)).toContain('e_value');
    expect(a.grade).toEqual({ confidence: 'HIGH', reasons: [] });
    expect(a.primary.q_value).not.toBeNull();
  });

  it('a null effect is not HIGH and says why', () => {
    const a = graded[1];
    expect(a.grade.confidence).not.toBe('HIGH');
    expect(a.grade.reasons.join('\n')).toMatch(/q-value/);
    expect(a.refutations.find((r) => r.name === 'placebo_treatment')?.passed).toBe(true);
  });

  it('all treated: the status travels to a LOW grade, no refuters run', () => {
    const a = graded[2];
    expect(a.primary.status).toBe('no_control');
    expect(a.primary.q_value).toBeNull();
    expect(a.refutations).toEqual([]);
    expect(a.grade.confidence).toBe('LOW');
  });

  it('results are frozen and serializable as is', () => {
    expect(Object.isFrozen(graded[0].primary)).toBe(true);
    expect(JSON.parse(JSON.stringify(graded[0].grade))).toEqual(graded[0].grade);
  });
});

describe('analyzeEffect with a continuous treatment', () => {
  const d = simulateIv({ n: 1000, seed: 53, effect: 1, strength: 1 });

  it('uses 2SLS as the primary estimate and refutes it', () => {
    const a = analyzeEffect({
      treatment_name: 'd',
      outcome_name: 'y',
      data: d,
      instruments: d.instruments,
    });
    expect(a.identification.strategies).toEqual(['iv']);
    expect(a.primary.method).toBe('iv_2sls');
    expect(a.primary.ci[0]).toBeLessThanOrEqual(1);
    expect(a.primary.ci[1]).toBeGreaterThanOrEqual(1);
    expect(a.refutations.map((r) => r.name)).toEqual([
      'placebo_treatment',
      'random_common_cause',
      'data_subset',
    ]);
    expect(a.overlap).toBeNull();
  });

  it('without instruments nothing identifies the effect: invalid_input with the reason', () => {
    const a = analyzeEffect({ treatment_name: 'd', outcome_name: 'y', data: d });
    expect(a.primary.status).toBe('invalid_input');
    expect(a.primary.reasons[0]).toMatch(/needs an instrument/);
    expect(a.refutations).toEqual([]);
  });
});
