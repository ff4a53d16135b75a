import { mean } from '@hirelearn/stats';
import { kielmc, kielmcReproductions, kielmcStudy, WOOLDRIDGE_13_3 } from './did-kielmc';
import { filterRows } from './fixture';
import { reproduced } from './reproduction';

describe('Wooldridge Example 13.3, incinerator DiD (-11,863.90, s.e. 7,456.65)', () => {
  const cols = kielmc();
  const s = kielmcStudy(cols);

  it('has 179 sales in 1978 and 142 in 1981', () => {
    expect(cols.year.filter((y) => y === 1978).length).toBe(179);
    expect(cols.year.filter((y) => y === 1981).length).toBe(142);
  });

  it('is internally consistent: y81nrinc = y81·nearinc, agesq = age², lprice = ln price', () => {
    expect(cols.y81nrinc.every((v, i) => v === cols.y81[i] * cols.nearinc[i])).toBe(true);
    expect(cols.agesq.every((v, i) => v === cols.age[i] ** 2)).toBe(true);
    const worst = Math.max(...cols.lprice.map((v, i) => Math.abs(v - Math.log(cols.price[i]))));
    expect(worst).toBeLessThan(5e-7);
  });

  it('reproduces the DiD and both yearly gaps to the cent', () => {
    expect(s.did.status).toBe('ok');
    expect(s.did.estimate).toBeCloseTo(WOOLDRIDGE_13_3.did.estimate, 2);
    expect(s.gap_1978.estimate).toBeCloseTo(WOOLDRIDGE_13_3.gap_1978.estimate, 2);
    expect(s.gap_1981.estimate).toBeCloseTo(WOOLDRIDGE_13_3.gap_1981.estimate, 2);
    expect(kielmcReproductions(s).every(reproduced)).toBe(true);
  });

  it('the far-from-site 1978 mean is the intercept 82,517.23', () => {
    const far78 = filterRows(cols, (i) => cols.year[i] === 1978 && cols.nearinc[i] === 0);
    expect(mean(far78.rprice)).toBeCloseTo(82517.23, 2);
  });

  it('its s.e. is heteroskedasticity-robust (HC1 8,635.59), the book prints the classical 7,456.65', () => {
    // The interaction's classical OLS s.e. is √(σ̂² Σ 1/n_cell) with the pooled σ̂² (n − 4 df).
    const cells = [0, 1].flatMap((g) =>
      [0, 1].map((p) => cols.rprice.filter((_, i) => cols.nearinc[i] === g && cols.y81[i] === p)),
    );
    const rss = cells.reduce((s, c) => {
      const m = mean(c);
      return s + c.reduce((a, y) => a + (y - m) ** 2, 0);
    }, 0);
    const sigma2 = rss / (cols.rprice.length - 4);
    const classical = Math.sqrt(sigma2 * cells.reduce((a, c) => a + 1 / c.length, 0));
    expect(classical).toBeCloseTo(WOOLDRIDGE_13_3.did.std_error, 1);
    expect(s.did.std_error).toBeCloseTo(8635.59, 1);
  });
});
