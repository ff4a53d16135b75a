import { createRng, sigmoid } from '@hirelearn/stats';
import { calibrate, chooseCalibrator, fitIsotonic, fitPlatt, meanLogLoss } from './calibration';
import { learnStackingWeights, projectToSimplex } from './stacking';

describe('calibration', () => {
  it('isotonic regression pools adjacent violators (known answer)', () => {
    const c = fitIsotonic([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1]);
    expect(c.method).toBe('isotonic');
    if (c.method !== 'isotonic') return;
    expect(c.thresholds).toEqual([0.1, 0.25, 0.4]);
    expect(c.values[1]).toBe(0.5);
    expect(calibrate(c, 0.25)).toBe(0.5);
    expect(calibrate(c, 0.05)).toBeLessThan(1e-5);
    // Between block representatives the map interpolates and stays monotone.
    expect(calibrate(c, 0.3)).toBeCloseTo(0.5 + (0.05 / 0.15) * (1 - 1e-6 - 0.5), 9);
  });

  it('Platt scaling recovers a planted distortion of the logit', () => {
    const rng = createRng(3);
    const raw: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 8000; i++) {
      const z = rng.normal(0, 1.5);
      raw.push(sigmoid(z));
      y.push(rng.uniform() < sigmoid(0.5 * z - 0.7) ? 1 : 0);
    }
    const c = fitPlatt(raw, y);
    expect(c.method).toBe('platt');
    if (c.method !== 'platt') return;
    expect(c.a).toBeCloseTo(0.5, 1);
    expect(c.b).toBeCloseTo(-0.7, 1);
    const choice = chooseCalibrator(raw, y);
    expect(choice.calibrator.method).not.toBe('identity');
    expect(choice.cv_log_loss.identity).toBeGreaterThan(choice.cv_log_loss.platt);
    expect(
      meanLogLoss(
        raw.map((p) => calibrate(choice.calibrator, p)),
        y,
      ),
    ).toBeLessThan(meanLogLoss(raw, y));
  });
});

describe('stacking', () => {
  it('projects onto the simplex (Duchi et al. known answers)', () => {
    expect(projectToSimplex([0.5, 0.5])).toEqual([0.5, 0.5]);
    expect(projectToSimplex([2, 0])).toEqual([1, 0]);
    const p = projectToSimplex([0.6, 0.6, -1]);
    expect(p[0]).toBeCloseTo(0.5, 12);
    expect(p[2]).toBe(0);
  });

  it('puts the weight on the member that is the truth', () => {
    const rng = createRng(5);
    const P: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const truth = sigmoid(rng.normal(-1, 1.2));
      P.push([truth, rng.uniform()]);
      y.push(rng.uniform() < truth ? 1 : 0);
    }
    const w = learnStackingWeights(P, y);
    expect(w.weights[0]).toBeGreaterThan(0.95);
    expect(w.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(w.weights.every((x) => x >= 0)).toBe(true);
  });
});
