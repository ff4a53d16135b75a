import { runCli } from './support/cli';
import { simulatedCliWorld } from './support/cli-world';

/** `hirelearn market shifts|seasonality|forecast` on a small one-year simulated world. */
describe('market over time through the CLI', () => {
  const { env, json } = simulatedCliWorld('market-temporal-cli-', {
    users: 150,
    months: 12,
    seed: 4,
  });

  it('reports shifts with their dates, levels, change and strength, and says the season was not removed', () => {
    const r = runCli(['market', 'shifts', '--by', 'all', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/market shifts: reading postings by all/);
    const out = JSON.parse(r.stdout) as {
      penalty: number;
      min_segment_days: number;
      series: {
        series: string;
        status: string;
        seasonally_adjusted: boolean;
        shifts: Record<string, unknown>[];
      }[];
    };
    expect([out.penalty, out.min_segment_days]).toEqual([10, 30]);
    const postings = out.series.find((s) => s.series === 'postings')!;
    expect(postings).toMatchObject({ status: 'ok', seasonally_adjusted: false });
    for (const s of postings.shifts)
      expect(Object.keys(s).sort()).toEqual(
        ['date', 'direction', 'level_after', 'level_before', 'relative_change', 'strength'].sort(),
      );
    expect(out.series.map((s) => s.series)).toEqual(
      expect.arrayContaining(['applications', 'interview_rate', 'response_rate', 'response_days']),
    );
  });

  it('gives no peak or trough for a year of data, with the reason', () => {
    const r = json<{
      series: { series: string; status: string; reason: string; peak_month: number | null }[];
    }>(['market', 'seasonality', '--by', 'all', '--no-applications']);
    expect(r.series).toEqual([
      expect.objectContaining({
        series: 'postings',
        status: 'too_short_for_season',
        peak_month: null,
      }),
    ]);
    expect(r.series[0].reason).toMatch(/24 observations/);
  });

  it('forecasts with intervals (trend only, and says why) and refuses an unknown series', () => {
    const f = json<{
      model: string;
      reason: string;
      forecast: { month: string; mean: number; lower: number; upper: number }[];
      evaluation: { status: string };
    }>(['market', 'forecast', '--series', 'postings', '--months', '2']);
    expect(f.model).toBe('holt_linear');
    expect(f.reason).toMatch(/too few for a yearly season/);
    expect(f.forecast.map((p) => p.month)).toEqual(['2026-01', '2026-02']);
    for (const p of f.forecast) expect(p.lower).toBeLessThan(p.upper);
    expect(f.evaluation.status).toBe('too_short_for_evaluation');
    const bad = runCli(['market', 'forecast', '--series', 'jobs'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/'jobs' is not a series/);
    expect(runCli(['market', 'shifts', '--by', 'roles'], env).stderr).toMatch(
      /unknown posting dimension 'roles'/,
    );
  });
});
