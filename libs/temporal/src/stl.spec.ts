import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { stl } from './stl';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const co2 = fixture('stl_co2.csv').trim().split('\n').map(Number);
/** The reference Fortran's decomposition of co2 (statsmodels' STL test results, "baseline"). */
const baseline = fixture('stl_co2_baseline.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map((v, i) => (i === 0 ? 0 : Number(v))));

describe('stl', () => {
  it('matches the published algorithm on co2 (trend, season and robustness weights)', () => {
    const r = stl(co2, {
      period: 12,
      seasonal: 35,
      trend: 19,
      low_pass: 13,
      seasonal_jump: 4,
      trend_jump: 2,
      low_pass_jump: 2,
      inner: 1,
      outer: 2,
    });
    expect(r.status).toBe('ok');
    expect(baseline).toHaveLength(co2.length);
    for (const [, idx, season, trend, rw] of baseline) {
      expect(r.seasonal[idx]).toBeCloseTo(season, 9);
      expect(r.trend[idx]).toBeCloseTo(trend, 9);
      expect(r.weights[idx]).toBeCloseTo(rw, 9);
      expect(r.remainder[idx]).toBeCloseTo(co2[idx] - trend - season, 9);
    }
    expect(r.seasonal_strength).toBeGreaterThan(0.9);
  });
});
