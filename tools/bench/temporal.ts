/**
 * Market shifts and seasonality over N JOB_POSTED rows (generated in DuckDB: three years,
 * a yearly season peaking in January, one role halved half-way), against a plain scan of
 * the same rows (every row's time and payload read once) in the same run. Checks that the
 * planted change is found and the season's peak and trough come out.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/temporal.ts [rows=1000000,10000000]
 */
import {
  ALL_TIME,
  loadMarketSeries,
  marketSeasonality,
  marketShifts,
  seasonalityOfSeries,
  shiftsOf,
} from '@hirelearn/analytics';
import { DEFAULT_TEMPORAL_SETTINGS } from '@hirelearn/temporal';
import { timed, withBenchDuckDb } from './duckdb-bench';

const ROLES = ['Software Engineer', 'Data Scientist', 'Data Engineer', 'Product Manager'];
const LEVELS = ['Junior ', '', 'Senior ', 'Staff '];
const INDUSTRIES = ['Fintech', 'Health', 'Retail', 'Media'];
const DAYS = 1096; // 2023-01-01 .. 2025-12-31
const CHANGE_DAY = 547; // 2024-07-01: Data Scientist postings halve

/**
 * Candidates spread evenly over the days, kept with probability season / max(season) (and
 * half of the Data Scientist ones after the change), so about N rows remain.
 */
function generateSql(n: number): string {
  const candidates = Math.round(n * 1.25 * 1.07);
  return `
  CREATE OR REPLACE TABLE raw_events AS
  WITH g AS (
    SELECT i, hash(i) AS h, (i * ${DAYS}) // ${candidates} AS day FROM range(${candidates}) t(i)),
  k AS (
    SELECT i, h, day, (h >> 4) % ${ROLES.length} AS role
    FROM g
    WHERE ((h >> 20) % 100000) / 100000.0 < (1 + 0.25 * cos(2 * pi() * (dayofyear(DATE '2023-01-01' + day::INTEGER) - 20) / 365.25)) / 1.25
      AND NOT (role = 1 AND day >= ${CHANGE_DAY} AND (h >> 40) % 2 = 0))
  SELECT 'ev-' || i AS event_id, 'JOB_POSTED' AS event_type, NULL::VARCHAR AS user_id, NULL::VARCHAR AS application_id,
    TIMESTAMP '2023-01-01 06:00:00' + to_days(day::INTEGER) + to_minutes(((h >> 8) % 700)::INTEGER) AS occurred_at,
    '{"job_id":"job-' || i || '","title":"' || ${sqlList(LEVELS)}[((h >> 12) % ${LEVELS.length})::INTEGER + 1]
      || ${sqlList(ROLES)}[role::INTEGER + 1] || '","company":"Co' || (h % 97) || '","seniority":"mid","location":"Remote","industry":"'
      || ${sqlList(INDUSTRIES)}[((h >> 16) % ${INDUSTRIES.length})::INTEGER + 1] || '","skills":["Python","SQL"]}' AS payload
  FROM k`;
}

function sqlList(values: readonly string[]): string {
  return `[${values.map((v) => `'${v}'`).join(', ')}]`;
}

async function run(n: number): Promise<void> {
  await withBenchDuckDb('bench-temporal-', '2GB', async ({ connection: c, db }) => {
    const gen = await timed(() => c.run(generateSql(n)));
    const [{ rows }] = await db.rows(`SELECT count(*)::BIGINT AS rows FROM raw_events`);
    const scan = await timed(() =>
      db.rows(`SELECT count(*) AS n, max(occurred_at) AS last, sum(length(payload)) AS bytes
        FROM raw_events WHERE event_type = 'JOB_POSTED'`),
    );
    const options = {
      period: ALL_TIME,
      dimensions: ['all', 'role', 'industry'] as const,
      applications: false,
    };
    const t = DEFAULT_TEMPORAL_SETTINGS;
    // One read of the rows, then both analyses (what a run producing both reports does) ...
    const load = await timed(() => loadMarketSeries(db, options));
    const shifts = await timed(async () => shiftsOf(load.value, t));
    const seasons = await timed(async () => seasonalityOfSeries(load.value, t));
    // ... and each CLI command on its own (each reads the rows).
    const shiftsCommand = await timed(() => marketShifts(db, options));
    const seasonsCommand = await timed(() => marketSeasonality(db, options));
    const ds = shifts.value.series.find((s) => s.series === 'postings/role/Data Scientist');
    const found =
      ds?.shifts.length === 1 &&
      ds.shifts[0].direction === 'down' &&
      Math.abs(Date.parse(ds.shifts[0].date) - Date.parse('2024-07-01')) <= 14 * 86_400_000;
    // Every industry and the total hold Data Scientist postings, so they shift too; the
    // other roles have no change.
    const steady = shifts.value.series.filter(
      (s) => s.series.startsWith('postings/role/') && s !== ds,
    );
    const falseAlarms = steady.reduce((k, s) => k + s.shifts.length, 0);
    const all = seasons.value.series.find((s) => s.series === 'postings');
    const total = load.seconds + shifts.seconds + seasons.seconds;
    if (process.env.DIAG)
      for (const s of shifts.value.series)
        process.stdout.write(
          `${s.series} ${s.shifts.map((x) => `${x.date} ${x.relative_change?.toFixed(3)} ${x.strength.toFixed(0)}`).join('; ')} (minor ${s.minor_shifts})\n`,
        );
    process.stdout.write(
      [
        `JOB_POSTED rows ${Number(rows).toLocaleString('en-US')}, generated in ${gen.seconds.toFixed(1)} s; ${shifts.value.series.length} series`,
        `  plain scan (time + payload of every row)  ${scan.seconds.toFixed(2)} s`,
        `  read the series once (one pass)           ${load.seconds.toFixed(2)} s   read / scan = ${(load.seconds / scan.seconds).toFixed(1)}x`,
        `    then shifts                             ${shifts.seconds.toFixed(2)} s`,
        `    then seasonality                        ${seasons.seconds.toFixed(2)} s`,
        `  shifts + seasonality from one read        ${total.toFixed(2)} s   total / scan = ${(total / scan.seconds).toFixed(1)}x   (target < 10 s)`,
        `  market shifts, alone                      ${shiftsCommand.seconds.toFixed(2)} s`,
        `  market seasonality, alone                 ${seasonsCommand.seconds.toFixed(2)} s`,
        `  planted change found within 14 days: ${found ? 'yes' : 'NO'} (${ds?.shifts.map((s) => s.date).join(', ') || 'none'}); shifts on the ${steady.length} steady roles: ${falseAlarms}`,
        `  season of all postings: peak ${all?.peak_month ?? '-'} (planted 1), trough ${all?.trough_month ?? '-'} (planted 7)`,
        '',
      ].join('\n'),
    );
    if (!found || falseAlarms > 0 || all?.peak_month !== 1 || all?.trough_month !== 7)
      process.exitCode = 1;
  });
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
  process.stdout.write('temporal bench: market shifts and seasonality by all, role, industry\n');
  for (const n of sizes) await run(n);
}

void main();
