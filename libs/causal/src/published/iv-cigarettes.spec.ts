import {
  cigarettes1995,
  cigarettesIv,
  cigarettesReproductions,
  SW_ELASTICITY,
} from './iv-cigarettes';
import { reproduced } from './reproduction';

describe('Stock & Watson cigarette demand by 2SLS (eq. 12.11: -1.08, robust s.e. 0.32)', () => {
  const data = cigarettes1995();
  const e = cigarettesIv(data);

  it('uses the 48 states of 1995', () => {
    expect(data.outcome.length).toBe(48);
    expect(data.outcome.every(Number.isFinite)).toBe(true);
  });

  it('reproduces the elasticity within its published standard error', () => {
    expect(e.status).toBe('ok');
    expect(Math.abs(e.estimate - SW_ELASTICITY.estimate)).toBeLessThan(SW_ELASTICITY.std_error);
    expect(cigarettesReproductions(e).every(reproduced)).toBe(true);
  });

  it('matches AER ivreg with HC1 errors to the printed digits (-1.08359, 0.31892)', () => {
    // AER help page for CigarettesSW, coeftest(fm_ivreg, vcov = hc1); S&W round to -1.08 (0.32)
    expect(e.estimate).toBeCloseTo(-1.08359, 5);
    expect(e.std_error).toBeCloseTo(0.31892, 4);
  });

  it('the sales tax is a strong instrument', () => {
    expect(e.first_stage_f).toBeGreaterThan(10);
    expect(e.weak_instrument).toBe(false);
  });
});
