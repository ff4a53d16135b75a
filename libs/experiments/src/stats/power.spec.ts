import { minimumDetectableEffect, powerAt, requiredSampleSize } from './power';

describe('power and MDE', () => {
  // Closed form per arm: n = 2σ²(z_{.975} + z_{.8})²/δ² = 2 · 0.09 · 7.84887 / 0.0004 = 3532.0.
  it('a 10% baseline rate and a 2-point lift need 3532 users per arm (7064 in all)', () => {
    const sigma = Math.sqrt(0.1 * 0.9);
    const n = requiredSampleSize(sigma, 0.02);
    expect(n).toBeGreaterThanOrEqual(7063);
    expect(n).toBeLessThanOrEqual(7064);
  });

  it('MDE and power are inverse to each other', () => {
    const plan = minimumDetectableEffect(1, 2000, 4);
    // (1.959964 + 0.841621) · √(1/1000 + 1/1000) = 0.125291
    expect(plan.mde_absolute).toBeCloseTo(0.125291, 5);
    expect(plan.mde_relative).toBeCloseTo(0.125291 / 4, 5);
    expect(powerAt(1, plan.mde_absolute, 2000)).toBeCloseTo(0.8, 6);
  });

  it('an unequal split needs more users', () => {
    expect(requiredSampleSize(1, 0.1, { control_share: 0.8 })).toBeGreaterThan(
      requiredSampleSize(1, 0.1),
    );
  });
});
