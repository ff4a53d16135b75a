import type { CausalEffect, OutcomeAttribution } from '@hirelearn/attribution';
import { rateOf } from '@hirelearn/analytics';
import { categoryEvidence } from './evidence';
import { planLevers } from './levers';
import { planSettings } from './settings';
import type { ApplicationGroup } from './types';

const s = planSettings();

/** Only the fields the levers read; the rest of a CausalEffect does not matter here. */
function effect(
  treatment: string,
  ate: number,
  ci: [number, number],
  grade: 'HIGH' | 'MEDIUM' | 'LOW',
  method = 'aipw',
): CausalEffect {
  return {
    treatment,
    ate,
    confidence_interval: ci,
    causal_confidence: grade,
    method,
    status: 'ok',
    sample_size: 900,
  } as unknown as CausalEffect;
}

const run = (effects: CausalEffect[]): OutcomeAttribution =>
  ({ status: 'ok', effects }) as unknown as OutcomeAttribution;

describe('planLevers', () => {
  it('no stored attribution: tailoring costs its hour and is taken as no effect', () => {
    const [tailor, ...rest] = planLevers(null, null, s);
    expect(rest).toEqual([]);
    expect(tailor).toMatchObject({
      treatment: 'tailoring_applied',
      effect: 0,
      extra_hours_per_application: 1,
    });
    expect(tailor.evidence).toBe(
      'taken as no effect: no attribution stored yet (hirelearn nightly stores one)',
    );
  });

  it('uses a HIGH tailoring effect with its evidence id; a MEDIUM one or one whose interval holds 0 is 0', () => {
    const high = planLevers(
      run([effect('tailoring_applied', 0.05, [0.02, 0.08], 'HIGH')]),
      'run-7',
      s,
    )[0];
    expect(high.effect).toBe(0.05);
    expect(high.evidence).toBe(
      'run-7/tailoring_applied: +5.0 points [+2.0 points, +8.0 points] on P(interview), HIGH, aipw, n=900',
    );
    const medium = planLevers(
      run([effect('tailoring_applied', 0.05, [0.02, 0.08], 'MEDIUM')]),
      'r',
      s,
    )[0];
    expect(medium.effect).toBe(0);
    expect(medium.evidence).toBe(
      'taken as no effect: tailoring_applied: graded MEDIUM, needs HIGH',
    );
    const spans0 = planLevers(
      run([effect('tailoring_applied', 0.01, [-0.01, 0.03], 'HIGH')]),
      'r',
      s,
    )[0];
    expect(spans0.effect).toBe(0);
  });

  it('adds the best helpful within-user send day and hour band; a cross-user timing effect never', () => {
    const levers = planLevers(
      run([
        effect('applied_on_tuesday', 0.06, [0.03, 0.09], 'HIGH', 'aipw'),
        effect('applied_on_thursday', 0.02, [0.01, 0.03], 'HIGH', 'within_unit'),
        effect('applied_on_friday', 0.03, [0.01, 0.05], 'HIGH', 'within_unit'),
        effect('applied_in_morning', -0.02, [-0.03, -0.01], 'HIGH', 'within_unit'),
        effect('applied_in_evening', 0.01, [0.005, 0.02], 'HIGH', 'within_unit'),
      ]),
      'r',
      s,
    );
    expect(
      levers.map((l) => [l.treatment, l.action, l.effect, l.extra_hours_per_application]),
    ).toEqual([
      ['tailoring_applied', 'tailor', 0, 1],
      ['applied_on_friday', 'send on a Friday', 0.03, 0],
      ['applied_in_evening', 'send in the evening (18-24 h UTC)', 0.01, 0],
    ]);
  });
});

describe('categoryEvidence', () => {
  const group = (over: Partial<ApplicationGroup>): ApplicationGroup => ({
    category: 'safety',
    tailored: false,
    weekday: 2,
    hour: 10,
    applications: 0,
    interviews: 0,
    alignment_sum: 0,
    alignment_n: 0,
    ...over,
  });

  it('shrinks the rate, the lever share and the alignment toward the prior, and takes the levers out of the base', () => {
    const [tailor] = planLevers(
      run([effect('tailoring_applied', 0.1, [0.05, 0.15], 'HIGH')]),
      'r',
      s,
    );
    // The user: 10 tailored safety applications, 8 interviews, alignment 0.9 each.
    const own = [
      group({ tailored: true, applications: 10, interviews: 8, alignment_sum: 9, alignment_n: 10 }),
    ];
    // The prior: 100 untailored safety applications, 20 interviews, alignment 0.5.
    const prior = [
      group({ applications: 100, interviews: 20, alignment_sum: 50, alignment_n: 100 }),
    ];
    const safety = categoryEvidence(own, prior, [tailor], s).find((c) => c.category === 'safety')!;
    expect(safety.own_interview_rate).toEqual(rateOf(8, 10));
    expect(safety.interview_probability).toBeCloseTo((8 + 10 * 0.2) / 20, 12); // 0.5
    expect(safety.lever_shares.tailoring_applied).toBeCloseTo(10 / 20, 12);
    expect(safety.base_probability).toBeCloseTo(0.5 - 0.1 * 0.5, 12);
    expect(safety.alignment).toBeCloseTo((9 + 10 * 0.5) / 20, 12);
    const reach = categoryEvidence(own, prior, [tailor], s).find((c) => c.category === 'reach')!;
    expect(reach).toMatchObject({ interview_probability: 0, alignment: null });
  });
});
