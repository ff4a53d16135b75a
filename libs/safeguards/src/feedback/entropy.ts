import { type Degenerate, degenerate } from '../result';

export interface ShannonEntropy {
  readonly status: 'ok';
  /** H = −Σ_k p_k log₂ p_k over categories with a positive count (bits). */
  readonly entropy_bits: number;
  /** Categories with a positive count. */
  readonly categories: number;
  readonly total: number;
}

/** Shannon (1948) entropy in bits of a count vector: H = −Σ_k p_k log₂ p_k, p_k = c_k / Σc. */
export function shannonEntropy(counts: readonly number[]): ShannonEntropy | Degenerate {
  let total = 0;
  for (const c of counts) {
    if (!(Number.isFinite(c) && c >= 0)) {
      return degenerate('invalid_value', `count ${c} is not a finite non-negative number`);
    }
    total += c;
  }
  if (total === 0) return degenerate('empty_input', 'no counts');
  let h = 0;
  let k = 0;
  for (const c of counts) {
    if (c === 0) continue;
    const p = c / total;
    h -= p * Math.log2(p);
    k++;
  }
  return { status: 'ok', entropy_bits: Math.max(0, h), categories: k, total };
}
