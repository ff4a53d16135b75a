import { iv2sls } from '../iv';
import { mroz, mrozIv, mrozReproductions, WOOLDRIDGE_15_5 } from './iv-mroz';
import { reproduced } from './reproduction';

describe('Wooldridge Example 15.5 / 15.8: over-identified 2SLS on MROZ', () => {
  const data = mroz();
  const e = mrozIv(data);

  it('uses the 428 women in the labour force', () => {
    expect(data.outcome.length).toBe(428);
    expect(data.outcome.every(Number.isFinite)).toBe(true);
    expect(e.n_instruments).toBe(2);
  });

  it('reproduces the educ coefficient and its usual s.e. to the printed digits (.0614, .0314)', () => {
    expect(e.status).toBe('ok');
    expect(e.estimate).toBeCloseTo(WOOLDRIDGE_15_5.educ.estimate, 4);
    expect(e.std_error).toBeCloseTo(WOOLDRIDGE_15_5.educ.std_error, 4);
    expect(mrozReproductions(e).every(reproduced)).toBe(true);
  });

  it("reproduces Example 15.8's Sargan test (n R² = .378, p = .539)", () => {
    expect(e.sargan).not.toBeNull();
    expect(e.sargan!.df).toBe(1);
    expect(e.sargan!.statistic).toBeCloseTo(WOOLDRIDGE_15_5.sargan.statistic, 3);
    expect(e.sargan!.p_value).toBeCloseTo(WOOLDRIDGE_15_5.sargan.p_value, 3);
  });

  it('the parents are strong instruments: joint first-stage F 55.40 on (2, 423) df', () => {
    // Independent check: numpy's lstsq on the same rows, restricted vs full first stage.
    expect(e.first_stage!.f).toBeCloseTo(55.4003, 3);
    expect(e.first_stage!.df1).toBe(2);
    expect(e.first_stage!.df2).toBe(423);
    expect(e.first_stage!.p_value).toBeLessThan(1e-20);
    expect(e.weak_instrument).toBe(false);
  });

  it("Hansen's J from two-step GMM with robust weights: 0.4435, p 0.505", () => {
    // Independent check: numpy two-step efficient GMM on the same rows (ivreg2's `robust` J).
    expect(e.hansen_j!.statistic).toBeCloseTo(0.44346, 4);
    expect(e.hansen_j!.p_value).toBeCloseTo(0.50546, 4);
  });

  it('robust (HC1) errors are the default: educ s.e. 0.0333', () => {
    // HC1 = HC0 · n/(n − k); numpy: HC0 0.033182, × √(428/424) = 0.033339.
    expect(iv2sls(data).std_error).toBeCloseTo(0.033339, 5);
    expect(iv2sls(data).estimate).toBeCloseTo(e.estimate, 12);
  });
});
