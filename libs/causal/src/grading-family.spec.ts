import { benjaminiHochberg } from '@hirelearn/stats';
import { analyzeEffect, gradeAnalyses } from './analyze';
import { makeEffect } from './effect';
import { gradeFamily } from './grading';
import { simulateConfounded } from './testing/simulate';

describe('gradeFamily', () => {
  const analyses = [0.15, 0].map((effect, i) =>
    analyzeEffect({
      treatment_name: `t${i}`,
      outcome_name: 'y',
      data: simulateConfounded({ n: 1500, seed: 300 + i, effect }),
    }),
  );
  // A design study's estimate with p = 0.03, graded elsewhere but in the same BH family.
  const design = makeEffect(
    {
      method: 'did_imputation',
      estimand: 'ATT',
      estimate: 0.217,
      std_error: 0.1,
      n: 100,
      n_treated: 50,
      n_control: 50,
      status: 'ok',
      reasons: [],
    },
    0.05,
  );

  it('puts the analyses and the other estimates in one BH family, in order', () => {
    const f = gradeFamily(analyses, [design]);
    const q = benjaminiHochberg([...analyses.map((a) => a.primary.p_value), design.p_value]);
    expect(f.analyses.map((a) => a.primary.q_value)).toEqual(q.slice(0, 2));
    expect(f.others[0].q_value).toBe(q[2]);
    expect(f.others[0].estimate).toBe(design.estimate);
  });

  it('without others it is gradeAnalyses', () => {
    expect(gradeFamily(analyses, []).analyses).toEqual(gradeAnalyses(analyses));
    expect(gradeAnalyses(analyses).map((a) => a.grade.confidence)[1]).not.toBe('HIGH');
  });
});
