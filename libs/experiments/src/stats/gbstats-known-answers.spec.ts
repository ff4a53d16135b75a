import cases from '../testing/gbstats-known-answers.json';
import { compareVariants, FrequentistComparison, MetricKind } from './frequentist';
import { VariantMoments } from './moments';
import { confidenceSequenceHalfWidthFromVariance } from './sequential';

/**
 * GrowthBook's statistics engine (gbstats) on identical inputs: every known-answer case of
 * `../testing/gbstats-known-answers.json` (each names its gbstats test), to the decimals
 * gbstats publishes. The sequential cases check the relative always-valid interval.
 */
interface Case {
  readonly id: string;
  readonly source: string;
  readonly kind: string;
  readonly control: Omit<VariantMoments, 'variant_id'>;
  readonly treatment: Omit<VariantMoments, 'variant_id'>;
  readonly tuning_sample_size?: number;
  readonly expected: Readonly<Record<string, number | readonly number[]>>;
  readonly decimals: number;
}

// JSON imports widen the numbers and arrays; the shape is the one above.
const all = cases.cases as unknown as readonly Case[];

/** The value of an expected field: a comparison field, or the relative always-valid interval. */
function actual(c: Case, r: FrequentistComparison, field: string): number | readonly number[] {
  if (field === 'sequential_relative_ci') {
    const h = confidenceSequenceHalfWidthFromVariance(
      r.relative_se ** 2,
      c.control.n + c.treatment.n,
      { tuning_sample_size: c.tuning_sample_size },
    );
    return [r.relative_lift - h, r.relative_lift + h];
  }
  return r[field as keyof FrequentistComparison] as number | readonly number[];
}

describe('gbstats known answers', () => {
  it('ships every case with its source', () => {
    expect(cases.source).toMatch(/growthbook/);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const c of all)
      expect(c.source).toMatch(/packages\/stats\/tests\/.+\.py, Test\w+\.test_\w+/);
  });

  it.each(all.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const r = compareVariants(
      c.kind as MetricKind,
      { variant_id: 'control', ...c.control },
      { variant_id: 'treatment', ...c.treatment },
    );
    expect(r.status).toBe('ok');
    for (const [field, want] of Object.entries(c.expected)) {
      const got = actual(c, r, field);
      if (typeof want === 'number') expect(got).toBeCloseTo(want, c.decimals);
      else want.forEach((w, i) => expect((got as readonly number[])[i]).toBeCloseTo(w, c.decimals));
    }
  });
});
