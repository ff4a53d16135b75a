import { type CategoryEvent, feedbackLoopStability, weeklyCategoryEntropy } from './feedback-loop';

/** Events from per-week category counts, e.g. [{ a: 2, b: 1 }, …] for weeks 0, 1, …. */
function events(weeks: readonly Record<string, number>[]): CategoryEvent[] {
  return weeks.flatMap((counts, week) =>
    Object.entries(counts).flatMap(([category, n]) =>
      Array.from({ length: n }, () => ({ week, category })),
    ),
  );
}

const uniform4 = { a: 5, b: 5, c: 5, d: 5 }; // 2 bits

describe('weeklyCategoryEntropy', () => {
  it('computes entropy per week, sorted, normalized by the category catalogue', () => {
    const r = weeklyCategoryEntropy([
      { week: 3, category: 'a' },
      { week: 1, category: 'a' },
      { week: 1, category: 'b' },
      { week: 3, category: 'c' },
      { week: 3, category: 'd' },
      { week: 3, category: 'b' },
    ]);
    expect(r).toEqual([
      { week: 1, events: 2, categories: 2, entropy_bits: 1, normalized_entropy: 0.5 },
      { week: 3, events: 4, categories: 4, entropy_bits: 2, normalized_entropy: 1 },
    ]);
  });
});

describe('feedbackLoopStability', () => {
  it('injects nothing when diversity is stable', () => {
    const r = feedbackLoopStability(events([uniform4, uniform4, uniform4, uniform4]));
    expect(r).toMatchObject({
      status: 'ok',
      slope_bits_per_week: 0,
      relative_decline: 0,
      declining: false,
      exploration_rate: 0,
    });
  });

  it('matches a hand-computed moderate decline', () => {
    // H = 2, 2, 1.5 → b = −0.25, a = 2.0833, Ĥ_0 = 2.0833, D = 0.5 / 2.0833 = 0.24
    // rate = 0.1 + 0.2 (0.24 − 0.05) / 0.25 = 0.252
    const r = feedbackLoopStability(events([uniform4, uniform4, { a: 2, b: 1, c: 1 }]));
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.slope_bits_per_week).toBeCloseTo(-0.25, 12);
    expect(r.fitted_start_bits).toBeCloseTo(2 + 1 / 12, 12);
    expect(r.relative_decline).toBeCloseTo(0.24, 12);
    expect(r.declining).toBe(true);
    expect(r.exploration_rate).toBeCloseTo(0.252, 12);
  });

  it('caps the rate when diversity collapses', () => {
    // H = 2, 1.5, 1, 0 → steep decline
    const r = feedbackLoopStability(
      events([uniform4, { a: 2, b: 1, c: 1 }, { a: 1, b: 1 }, { a: 9 }]),
    );
    expect(r).toMatchObject({ declining: true, exploration_rate: 0.3 });
  });

  it('does not react to rising diversity', () => {
    const r = feedbackLoopStability(events([{ a: 9 }, { a: 1, b: 1 }, uniform4]));
    expect(r).toMatchObject({ relative_decline: 0, exploration_rate: 0 });
  });

  it('returns reason codes for too little data', () => {
    expect(feedbackLoopStability([])).toMatchObject({ reason: 'empty_input' });
    expect(feedbackLoopStability(events([uniform4, uniform4]))).toMatchObject({
      reason: 'insufficient_data',
    });
    expect(feedbackLoopStability(events([uniform4, uniform4]), { min_weeks: 2 })).toMatchObject({
      status: 'ok',
    });
    expect(() => feedbackLoopStability([], { min_weeks: 1 })).toThrow(RangeError);
  });
});
