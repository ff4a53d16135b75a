import { createRng, sigmoid } from '@hirelearn/stats';
import type { LabelledApplication } from '../features';

/** Draws rows x ~ N(0, 1)^k and y ~ Bernoulli(σ(b0 + xᵀb)): a logistic model with known truth. */
export function logisticData(n: number, b0: number, b: readonly number[], seed: number) {
  const rng = createRng(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = b.map(() => rng.normal());
    X.push(x);
    y.push(rng.uniform() < sigmoid(b0 + x.reduce((a, v, j) => a + v * b[j], 0)) ? 1 : 0);
  }
  return { X, y };
}

/**
 * Synthetic applications whose interview chance is additive in the fit components with
 * known weights: p = 0.05 + 0.5 · (Σ w_c c − 40) / 60, clipped, components uniform on 20-100.
 */
export function syntheticApplications(
  n: number,
  weights: Readonly<Record<'technical' | 'seniority' | 'experience' | 'signal', number>>,
  seed: number,
): LabelledApplication[] {
  const rng = createRng(seed);
  const cats = ['reach', 'safety', 'target'];
  return Array.from({ length: n }, (_, i) => {
    const c = {
      technical: 20 + 80 * rng.uniform(),
      seniority: 20 + 80 * rng.uniform(),
      experience: 20 + 80 * rng.uniform(),
      signal: 20 + 80 * rng.uniform(),
    };
    const fit =
      weights.technical * c.technical +
      weights.seniority * c.seniority +
      weights.experience * c.experience +
      weights.signal * c.signal;
    const tailored = rng.uniform() < 0.5;
    const p = Math.min(
      0.95,
      Math.max(0.01, 0.05 + (0.5 * (fit - 40)) / 60 + (tailored ? 0.05 : 0)),
    );
    return {
      application_id: `a-${i}`,
      user_id: `u-${i % Math.max(1, Math.floor(n / 5))}`,
      fit_technical: c.technical,
      fit_seniority: c.seniority,
      fit_experience: c.experience,
      fit_signal: c.signal,
      category: cats[i % 3],
      resume_score: 40 + 40 * rng.uniform(),
      tailoring_applied: tailored,
      job_seniority: 'mid',
      user_seniority: i % 2 ? 'mid' : 'senior',
      strategy_mode: 'BALANCED',
      reached_interview: rng.uniform() < p,
    };
  });
}
