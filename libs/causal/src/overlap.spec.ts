import { checkOverlap, crumpAlpha } from './overlap';
import { causalSettings } from './settings';

describe('Crump et al. (2009) optimal overlap region', () => {
  it('keeps every unit when max g ≤ 2 E[g] (alike propensities, however small)', () => {
    expect(crumpAlpha([0.5, 0.5, 0.5])).toBe(0);
    // A rare treatment: every propensity about 4%; fixed [0.05, 0.95] bounds would drop them all.
    const rare = Array.from({ length: 1000 }, (_, i) => 0.03 + 0.02 * (i / 999));
    expect(crumpAlpha(rare)).toBe(0);
    const t = rare.map((_, i) => (i % 25 === 0 ? 1 : 0));
    const crump = checkOverlap(rare, t, causalSettings({ overlap_rule: 'crump' }));
    expect([crump.ok, crump.share_in_bounds, crump.n_outside]).toEqual([true, 1, 0]);
    const fixed = checkOverlap(rare, t, causalSettings());
    expect(fixed.ok).toBe(false);
    expect(fixed.share_in_bounds).toBeLessThan(0.01);
  });

  it('closed form: nine units at ½ (g = 4) and one at 0.01 → γ = 8, α = ½ − √(1/8)', () => {
    const scores = [...new Array<number>(9).fill(0.5), 0.01];
    const alpha = 0.5 - Math.sqrt(0.125);
    expect(crumpAlpha(scores)).toBeCloseTo(alpha, 12);
    const c = checkOverlap(
      scores,
      [1, 0, 1, 0, 1, 0, 1, 0, 1, 0],
      causalSettings({ overlap_rule: 'crump' }),
    );
    expect(c.bounds[0]).toBeCloseTo(alpha, 12);
    expect(c.bounds[1]).toBeCloseTo(1 - alpha, 12);
    expect(c.in_bounds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(c.n_outside).toBe(1);
    expect(c.ok).toBe(true);
  });
});

describe('overlap when the estimators trim to the region', () => {
  it('is judged by the share the region keeps (min_trimmed_share), not min_overlap_share', () => {
    // 8 of 10 units inside [0.05, 0.95]: below 90% untrimmed, above 50% when trimming.
    const scores = [0.5, 0.5, 0.5, 0.5, 0.4, 0.6, 0.3, 0.7, 0.01, 0.99];
    const t = [1, 0, 1, 0, 1, 0, 1, 0, 0, 1];
    expect(checkOverlap(scores, t, causalSettings()).ok).toBe(false);
    const trimmed = checkOverlap(scores, t, causalSettings({ trim: true }));
    expect([trimmed.ok, trimmed.n_outside]).toEqual([true, 2]);
    expect(
      checkOverlap(scores, t, causalSettings({ trim: true, min_trimmed_share: 0.85 })).ok,
    ).toBe(false);
  });
});
