/**
 * Fills `q_value` over a family of effects with Benjamini-Hochberg (1995) FDR-adjusted
 * p-values (`benjaminiHochberg` from @hirelearn/stats). Effects without a finite p-value
 * (failed estimates) are left out of the family and keep `q_value: null`.
 */
import { benjaminiHochberg } from '@hirelearn/stats';
import { deepFreeze } from './freeze';
import { EffectEstimate } from './types';

/** New frozen copies of `effects`, in the same order, with `q_value` set. */
export function withQValues<E extends EffectEstimate>(effects: readonly E[]): E[] {
  const idx = effects.flatMap((e, i) => (Number.isFinite(e.p_value) ? [i] : []));
  const q = benjaminiHochberg(idx.map((i) => effects[i].p_value));
  const byIndex = new Map(idx.map((i, r) => [i, q[r]]));
  return deepFreeze(effects.map((e, i) => ({ ...e, q_value: byIndex.get(i) ?? null })));
}
