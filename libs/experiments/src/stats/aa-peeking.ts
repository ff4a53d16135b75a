/**
 * Simulated A/A tests looked at every "night" (the check that makes the sequential claim
 * measurable): per test, `looks` batches of `users_per_look` standard-normal users per arm;
 * a false positive is a test whose interval excludes 0 at ANY look. Compares the always-valid
 * confidence sequence with the fixed-horizon z interval peeked at the same way.
 */
import { createRng, normalQuantile } from '@hirelearn/stats';
import { confidenceSequence, SequentialSettings } from './sequential';

const { abs, sqrt } = Math;

export interface PeekingSimulation {
  readonly reps: number;
  readonly looks: number;
  readonly users_per_look: number;
  readonly seed: number;
  readonly alpha: number;
}

export interface PeekingResult {
  readonly sequential_false_positive_rate: number;
  readonly fixed_horizon_false_positive_rate: number;
}

export function simulateAaPeeking(
  sim: PeekingSimulation,
  sequential: Partial<SequentialSettings> = {},
): PeekingResult {
  const rng = createRng(sim.seed);
  const z = normalQuantile(1 - sim.alpha / 2);
  let seqFp = 0;
  let naiveFp = 0;
  for (let k = 0; k < sim.reps; k++) {
    let n = 0;
    let sC = 0;
    let qC = 0;
    let sT = 0;
    let qT = 0;
    let seq = false;
    let naive = false;
    for (let l = 0; l < sim.looks; l++) {
      for (let i = 0; i < sim.users_per_look; i++) {
        const c = rng.normal();
        const t = rng.normal();
        sC += c;
        qC += c * c;
        sT += t;
        qT += t * t;
      }
      n += sim.users_per_look;
      const vC = (qC - (sC * sC) / n) / (n - 1);
      const vT = (qT - (sT * sT) / n) / (n - 1);
      const d = sT / n - sC / n;
      if (confidenceSequence(d, vC, n, vT, n, { ...sequential, alpha: sim.alpha }).significant) {
        seq = true;
      }
      if (abs(d) / sqrt(vC / n + vT / n) > z) naive = true;
    }
    if (seq) seqFp++;
    if (naive) naiveFp++;
  }
  return {
    sequential_false_positive_rate: seqFp / sim.reps,
    fixed_horizon_false_positive_rate: naiveFp / sim.reps,
  };
}
