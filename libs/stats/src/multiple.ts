/**
 * Multiple-testing adjustments; outputs are in the same order as the input p-values.
 *
 * Benjamini-Hochberg (1995, JRSS-B 57(1)) step-up q-values, as R `p.adjust(p, "BH")`:
 *   q_(i) = min_{j ≥ i} min(1, m p_(j) / j)   for ascending p_(1) ≤ … ≤ p_(m)
 * (monotone in p). Rejecting q ≤ α controls the FDR at α under independence/PRDS.
 * Bonferroni: min(1, m p_i).
 */
import { assertInput } from './status';

function checkP(p: readonly number[], fn: string): void {
  for (const v of p) assertInput(v >= 0 && v <= 1, `${fn}: p-values must be in [0, 1], got ${v}`);
}

/** Benjamini-Hochberg q-values (FDR-adjusted p-values). */
export function benjaminiHochberg(p: readonly number[]): number[] {
  checkP(p, 'benjaminiHochberg');
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (m * p[i]) / (r + 1));
    q[i] = running;
  }
  return q;
}

/** Bonferroni-adjusted p-values min(1, m p). */
export function bonferroni(p: readonly number[]): number[] {
  checkP(p, 'bonferroni');
  return p.map((v) => Math.min(1, v * p.length));
}
