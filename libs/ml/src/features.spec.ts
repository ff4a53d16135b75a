import { encode, fitEncoder, seniorityMatch, type ApplicationFeatures } from './features';

const row = (over: Partial<ApplicationFeatures> = {}): ApplicationFeatures => ({
  fit_technical: 60,
  fit_seniority: 80,
  fit_experience: 70,
  fit_signal: 50,
  category: 'target',
  resume_score: 70,
  tailoring_applied: true,
  job_seniority: 'mid',
  user_seniority: 'mid',
  strategy_mode: 'BALANCED',
  ...over,
});

describe('features', () => {
  const rows = [row(), row({ fit_technical: 80, category: 'reach', tailoring_applied: false })];
  const enc = fitEncoder(rows);

  it('standardizes numeric columns with the training mean and sample sd', () => {
    expect(enc.means[0]).toBe(70);
    expect(enc.sds[0]).toBeCloseTo(Math.SQRT2 * 10, 12);
    const x = encode(enc, rows[0]);
    expect(x[0]).toBeCloseTo(-10 / (Math.SQRT2 * 10), 12);
    // A constant column gets sd 1 rather than a division by zero.
    expect(enc.sds[1]).toBe(1);
  });

  it('one-hot encodes categories in sorted order and flags seniority match and mode', () => {
    expect(enc.categories).toEqual(['reach', 'target']);
    const x = encode(enc, rows[1]);
    expect(x.slice(-5)).toEqual([0, 1, 1, 1, 0]);
    expect(x).toHaveLength(enc.names.length);
    expect(seniorityMatch(row({ user_seniority: 'Senior', job_seniority: 'senior' }))).toBe(1);
    expect(seniorityMatch(row({ user_seniority: null }))).toBe(0);
  });

  it('reads no protected attribute and fills missing numbers with the mean', () => {
    expect(enc.names.join(' ')).not.toMatch(/gender|race|age|ethnic|disab/i);
    const x = encode(enc, row({ fit_technical: null }));
    expect(x[0]).toBe(0);
    expect(Object.isFrozen(enc)).toBe(true);
  });
});
