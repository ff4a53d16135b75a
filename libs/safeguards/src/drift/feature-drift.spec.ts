import { categoricalSample, normalSample } from '../testing/random';
import { featureDriftReport } from './feature-drift';

describe('featureDriftReport', () => {
  const reference = {
    tenure: normalSample(11, 3000),
    salary: normalSample(12, 3000, 50, 10),
    channel: categoricalSample(13, 3000, ['email', 'app', 'web'], [0.5, 0.3, 0.2]),
    region: categoricalSample(14, 3000, ['n', 's'], [0.5, 0.5]),
  };
  const current = {
    tenure: normalSample(21, 3000, 1), // shifted by one sd
    salary: normalSample(22, 3000, 50, 10), // unchanged
    channel: categoricalSample(23, 3000, ['email', 'app', 'web'], [0.2, 0.3, 0.5]), // shifted
    region: categoricalSample(24, 3000, ['n', 's'], [0.5, 0.5]), // unchanged
  };

  it('flags exactly the drifted numeric and categorical features', () => {
    const r = featureDriftReport(reference, current);
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.drifted).toEqual(['channel', 'tenure']);
    expect(r.per_feature_alpha).toBeCloseTo(0.05 / 4, 12);
    const byName = Object.fromEntries(r.features.map((f) => [f.feature, f]));
    expect(byName.tenure).toMatchObject({ kind: 'numeric', test: 'ks', psi_severity: 'major' });
    expect(byName.channel).toMatchObject({ kind: 'categorical', test: 'chi_square' });
    expect(byName.salary).toMatchObject({ status: 'ok', drifted: false });
  });

  it('does not flag a significant but negligible shift in a huge sample', () => {
    const r = featureDriftReport(
      { x: normalSample(31, 50_000) },
      { x: normalSample(32, 50_000, 0.05) },
    );
    if (r.status !== 'ok') throw new Error(r.message);
    const x = r.features[0];
    if (x.status !== 'ok') throw new Error(x.message);
    expect(x.p_value).toBeLessThan(r.per_feature_alpha); // significant...
    expect(x.psi).toBeLessThan(0.1); // ...but small
    expect(x.drifted).toBe(false);
  });

  it('gives degenerate entries for missing, empty or mixed columns', () => {
    const r = featureDriftReport(
      { gone: [1, 2], empty: [1], mixed: [1, 2] },
      { empty: [], mixed: ['a', 'b'] },
    );
    if (r.status !== 'ok') throw new Error(r.message);
    expect(r.features.map((f) => [f.feature, f.status === 'ok' ? 'ok' : f.reason])).toEqual([
      ['empty', 'empty_input'],
      ['gone', 'empty_input'],
      ['mixed', 'invalid_value'],
    ]);
    expect(r.drifted).toEqual([]);
    expect(featureDriftReport({}, {})).toMatchObject({ reason: 'empty_input' });
  });
});
