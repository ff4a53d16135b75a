import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ingest } from '@hirelearn/ingest';
import { defaultSimSettings, simulateWorld } from '@hirelearn/sim';
import { EventStore } from '@hirelearn/store';
import { ALL_TIME } from '../period';
import { marketSeasonality, marketShifts } from './analysis';
import { marketForecast } from './forecast';
import { monthlyApplications, monthRange } from './series';

/** The calendar month (1-12) of a day of the year (1-based) in a non-leap year. */
const monthOfDay = (day: number) =>
  new Date(
    Date.UTC(2025, 0, 1) + ((((Math.round(day) - 1) % 365) + 365) % 365) * 86_400_000,
  ).getUTCMonth() + 1;

describe('market shifts, seasonality and forecasts on a simulated world', () => {
  // Three years, so a yearly season can be estimated twice over; enough postings a day
  // that every role's weekly series is judged.
  const world = simulateWorld(
    defaultSimSettings({ users: 60, months: 36, seed: 5, market: { minJobsPerDay: 160 } }),
  );
  const truth = world.truth.market;
  let store: EventStore;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'market-temporal-'));
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, world.lines.join('\n'));
    store = await EventStore.open('duckdb::memory:');
    await ingest(store, [file]);
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => store?.close());

  it('finds the planted change point within 14 days, in the right direction, and none elsewhere', async () => {
    const r = await marketShifts(store, { period: ALL_TIME, dimensions: ['role'] });
    const planted = r.series.find((s) => s.series === `postings/role/${truth.change_point.role}`);
    expect(planted?.status).toBe('ok');
    expect(planted?.seasonally_adjusted).toBe(true);
    expect(planted?.shifts).toHaveLength(1);
    const shift = planted!.shifts[0];
    const days = Math.abs(Date.parse(shift.date) - Date.parse(truth.change_point.at)) / 86_400_000;
    expect(days).toBeLessThanOrEqual(14);
    expect(shift.direction).toBe(truth.change_point.multiplier < 1 ? 'down' : 'up');
    expect(shift.relative_change!).toBeCloseTo(truth.change_point.multiplier - 1, 1);
    const others = r.series.filter((s) => s !== planted);
    expect(others.length).toBeGreaterThanOrEqual(7);
    for (const s of others) {
      expect(s.status).toBe('ok');
      expect(s.shifts).toEqual([]);
    }
  });

  it('recovers the planted peak and trough months', async () => {
    const r = await marketSeasonality(store, { period: ALL_TIME, dimensions: ['all', 'role'] });
    const peak = monthOfDay(truth.seasonality.peak_day_of_year);
    const trough = monthOfDay(truth.seasonality.peak_day_of_year + 365.25 / 2);
    const all = r.series.find((s) => s.series === 'postings');
    expect(all).toMatchObject({
      status: 'ok',
      peak_month: peak,
      trough_month: trough,
      weak: false,
    });
    // Per role the months either side of the truth differ by 2% of a few postings a day:
    // within the noise of three years, so a role may land one month off, never further.
    const monthsApart = (a: number | null, b: number) =>
      Math.min((12 + a! - b) % 12, (12 + b - a!) % 12);
    const roles = r.series.filter((s) => s.series.startsWith('postings/role/'));
    expect(roles).toHaveLength(8);
    for (const s of roles) {
      expect(monthsApart(s.peak_month, peak)).toBeLessThanOrEqual(1);
      expect(monthsApart(s.trough_month, trough)).toBeLessThanOrEqual(1);
    }
  });

  it('forecasts postings with intervals, scored against the seasonal naive forecast', async () => {
    const f = await marketForecast(store, { period: ALL_TIME, series: 'postings', months: 3 });
    expect(f.status).toBe('ok');
    expect(f.seasonal).toBe(true);
    expect(f.history).toHaveLength(36);
    expect(f.forecast.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (const p of f.forecast) expect(p.lower).toBeLessThan(p.mean);
    const e = f.evaluation!;
    expect(e.status).toBe('ok');
    expect(e.origins).toBe(11);
    expect(e.mase).toBeCloseTo(e.mae_model! / e.mae_seasonal_naive!, 12);
    expect(e.beats_seasonal_naive).toBe(e.mase! < 1);
    const bad = await marketForecast(store, { period: ALL_TIME, series: 'jobs' });
    expect(bad.status).toBe('unknown_series');
  });

  it('leaves out application months whose outcomes are still arriving', async () => {
    const series = await monthlyApplications(store, ALL_TIME);
    expect(series.map((s) => s.series)).toEqual([
      'applications',
      'interview_rate',
      'response_rate',
      'response_days',
    ]);
    const rate = series[1];
    const months = monthRange(rate.first_month, '9999-12').slice(0, rate.values.length);
    // The world ends on 2026-01-01: December's applications have had less than the 30 days
    // after which silence counts as ghosting.
    expect(months[months.length - 1]).toBe('2025-11');
  });
});
