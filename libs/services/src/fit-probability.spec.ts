import type { FitScoreArtifact } from '@hirelearn/ml';
import { fitInterviewProbability, type FitSubject } from './fit-probability';

const artifact = (coefficients: Record<string, number>) =>
  ({
    format: 'hirelearn.fit-weights/v1',
    weights: { technical: 0.25, seniority: 0.25, experience: 0.25, signal: 0.25 },
    learning: { coefficients },
  }) as unknown as FitScoreArtifact;

const subject: FitSubject = {
  components: { technical: 80, seniority: 60, experience: 50, signal: 40 },
  category: 'target',
  seniority_match: true,
  tailoring_applied: false,
  resume_score: 70,
  strategy_mode: 'BALANCED',
};

describe('fitInterviewProbability', () => {
  it('is the sigmoid of the learned logistic at the job and the applicant', () => {
    const a = artifact({
      intercept: -3,
      technical: 0.02,
      seniority: 0.01,
      experience: 0,
      signal: -0.005,
      seniority_match: 0.3,
      resume_score: 0.01,
      tailoring_applied: 0.4,
      strategy_not_improve_first: 0.2,
      'category=target': 0.1,
    });
    // z = -3 + 1.6 + 0.6 + 0 - 0.2 + 0.3 + 0.7 + 0 + 0.2 + 0.1 = 0.3
    expect(fitInterviewProbability(a, subject)).toBeCloseTo(1 / (1 + Math.exp(-0.3)), 12);
    // The reference category, an unseen one, and IMPROVE_RESUME_FIRST add nothing.
    const other = { ...subject, category: 'stretch', strategy_mode: 'IMPROVE_RESUME_FIRST' };
    expect(fitInterviewProbability(a, other)).toBeCloseTo(1 / (1 + Math.exp(0)), 12);
  });

  it('needs the resume score when the model adjusted for it, and only then', () => {
    const withScore = artifact({ intercept: 0, resume_score: 0.01 });
    expect(() => fitInterviewProbability(withScore, { ...subject, resume_score: null })).toThrow(
      expect.objectContaining({
        code: 'invalid_argument',
        message: expect.stringMatching(/^resume_score: required \(0-100\)/),
      }),
    );
    const without = artifact({ intercept: 0 });
    expect(fitInterviewProbability(without, { ...subject, resume_score: null })).toBe(0.5);
  });
});
