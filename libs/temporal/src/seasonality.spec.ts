import { createRng } from '@hirelearn/stats';
import { monthlySeasonality } from './seasonality';

describe('monthlySeasonality', () => {
  it('finds the peak and trough calendar months of a yearly cycle', () => {
    const rng = createRng(11);
    // Starts in March; peaks in January (month 1), bottoms out in July (month 7).
    const y = Array.from({ length: 36 }, (_, i) => {
      const month = (2 + i) % 12;
      return 100 + 25 * Math.cos((2 * Math.PI * month) / 12) + rng.normal(0, 1);
    });
    const s = monthlySeasonality(y, 3);
    expect(s.status).toBe('ok');
    expect(s.peak_month).toBe(1);
    expect(s.trough_month).toBe(7);
    expect(s.strength!).toBeGreaterThan(0.8);
    expect(s.relative_amplitude!).toBeCloseTo(0.5, 1);
  });

  it('reports no months for less than two years', () => {
    const s = monthlySeasonality(new Array(23).fill(1), 1);
    expect(s.status).toBe('too_short_for_season');
    expect(s.peak_month).toBeNull();
  });
});
