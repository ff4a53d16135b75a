/**
 * Per-user performance for every user at N synthetic applications (generated in DuckDB),
 * three ways in the same run: the library (`allUserPerformance`, SQL in the engine), a
 * hand-written SQL query computing the same columns, and a plain TypeScript loop over the
 * rows streamed out of DuckDB. Checks that the three agree; reports time and peak RSS.
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/analytics.ts [applications=1000000,10000000]
 */
import { type DuckDBConnection } from '@duckdb/node-api';
import { ALL_TIME, allUserPerformance, type UserPerformanceRow } from '@hirelearn/analytics';
import { peakRssMb, timed, withBenchDuckDb } from './duckdb-bench';

const GHOST_DAYS = 30;
const APPS_PER_USER = 100;

/** Applications over 2025 with every outcome shape; 2% carry an explicit ghosted event. */
function generateSql(n: number): string {
  const users = Math.max(1, Math.round(n / APPS_PER_USER));
  return `
  CREATE OR REPLACE TABLE applications AS
  WITH g AS (
    SELECT i, hash(i) AS h, TIMESTAMP '2025-01-01' + to_seconds((hash(i * 7) % 31536000)::BIGINT) AS submitted_at
    FROM range(${n}) t(i))
  SELECT 'app-' || i AS application_id, 'user-' || lpad((h % ${users})::VARCHAR, 7, '0') AS user_id,
    ['reach', 'target', 'safety'][(h % 3)::INTEGER + 1] AS category,
    ['BALANCED', 'APPLY_AGGRESSIVELY', 'IMPROVE_RESUME_FIRST'][((h >> 8) % 3)::INTEGER + 1] AS strategy_mode,
    submitted_at - INTERVAL 5 MINUTE AS created_at, submitted_at,
    CASE WHEN (h >> 16) % 100 < 20 THEN submitted_at + to_seconds(((h >> 24) % 1000000)::BIGINT) END AS interview_at,
    CASE WHEN (h >> 16) % 100 < 5 THEN submitted_at + to_seconds(((h >> 24) % 1000000)::BIGINT + 900000) END AS offer_at,
    CASE WHEN (h >> 16) % 100 BETWEEN 10 AND 49 THEN submitted_at + to_seconds(((h >> 32) % 1500000)::BIGINT + 1000) END AS rejected_at,
    CASE WHEN (h >> 16) % 100 < 50 THEN round((((h >> 24) % 1000000) / 86400.0)::DOUBLE, 3) END AS days_to_first_response
  FROM g;
  CREATE OR REPLACE TABLE raw_events AS
  SELECT 'ev-g-' || application_id AS event_id, 'STATUS_CHANGED' AS event_type, user_id, application_id,
    submitted_at + INTERVAL 10 DAY AS occurred_at, '{"outcome":{"status":"ghosted"}}' AS payload
  FROM applications WHERE hash(application_id) % 100 >= 98 AND interview_at IS NULL AND offer_at IS NULL AND rejected_at IS NULL
  UNION ALL SELECT 'ev-end', 'JOB_POSTED', NULL, NULL, TIMESTAMP '2026-01-15', '{}';`;
}

/** The same columns as the library, written by hand for the all-time period. */
const HAND_WRITTEN = `
  WITH eg AS (
    SELECT application_id, min(occurred_at) AS ghosted_at FROM raw_events
    WHERE event_type = 'STATUS_CHANGED' AND json_extract_string(payload, '$.outcome.status') = 'ghosted'
    GROUP BY 1),
  now AS (SELECT max(occurred_at) AS t FROM raw_events)
  SELECT user_id, count(*)::INTEGER AS total_applications,
    count(*) FILTER (WHERE category = 'reach')::INTEGER AS reach,
    count(*) FILTER (WHERE category = 'target')::INTEGER AS target,
    count(*) FILTER (WHERE category = 'safety')::INTEGER AS safety,
    count(*) FILTER (WHERE interview_at IS NOT NULL OR offer_at IS NOT NULL)::INTEGER AS interview_requests,
    count(*) FILTER (WHERE offer_at IS NOT NULL)::INTEGER AS offers,
    count(*) FILTER (WHERE rejected_at IS NOT NULL)::INTEGER AS rejections,
    count(*) FILTER (WHERE coalesce(least(interview_at, offer_at, rejected_at) >= now.t, true)
      AND (coalesce(submitted_at, created_at) + INTERVAL ${GHOST_DAYS} DAY <= now.t OR eg.ghosted_at < now.t))::INTEGER AS ghosted,
    avg(days_to_first_response) FILTER (WHERE least(interview_at, offer_at, rejected_at) IS NOT NULL) AS avg_days_to_response,
    min(days_to_first_response) FILTER (WHERE least(interview_at, offer_at, rejected_at) IS NOT NULL) AS fastest_response_days
  FROM applications LEFT JOIN eg USING (application_id), now
  GROUP BY user_id ORDER BY user_id`;

interface Acc {
  n: number;
  reach: number;
  target: number;
  safety: number;
  iv: number;
  off: number;
  rej: number;
  ghost: number;
  daysSum: number;
  daysN: number;
  fastest: number;
}

/** The same columns computed by a plain loop over the rows (streamed, chunk by chunk). */
async function typescriptLoop(c: DuckDBConnection): Promise<UserPerformanceRow[]> {
  const ghostAt = new Map<string, number>();
  for await (const chunk of await c.stream(
    `SELECT application_id, epoch(occurred_at), payload FROM raw_events WHERE event_type = 'STATUS_CHANGED'`,
  )) {
    const [ids, times, payloads] = chunk.getColumns() as [string[], number[], string[]];
    for (let i = 0; i < ids.length; i++) {
      const outcome = (JSON.parse(payloads[i]) as { outcome?: { status?: string } }).outcome;
      if (outcome?.status !== 'ghosted') continue;
      const prev = ghostAt.get(ids[i]);
      if (prev === undefined || times[i] < prev) ghostAt.set(ids[i], times[i]);
    }
  }
  const [{ now }] = (await (
    await c.runAndReadAll(`SELECT epoch(max(occurred_at)) AS now FROM raw_events`)
  ).getRowObjectsJS()) as { now: number }[];
  const ghostSeconds = GHOST_DAYS * 86400;
  const users = new Map<string, Acc>();
  const sql = `SELECT application_id, user_id, category, epoch(coalesce(submitted_at, created_at)),
    epoch(interview_at), epoch(offer_at), epoch(rejected_at), days_to_first_response FROM applications`;
  for await (const chunk of await c.stream(sql)) {
    const [ids, uids, cats, applied, iv, off, rej, days] = chunk.getColumns() as [
      string[],
      string[],
      string[],
      number[],
      (number | null)[],
      (number | null)[],
      (number | null)[],
      (number | null)[],
    ];
    for (let i = 0; i < ids.length; i++) {
      let a = users.get(uids[i]);
      if (!a) {
        a = {
          n: 0,
          reach: 0,
          target: 0,
          safety: 0,
          iv: 0,
          off: 0,
          rej: 0,
          ghost: 0,
          daysSum: 0,
          daysN: 0,
          fastest: Infinity,
        };
        users.set(uids[i], a);
      }
      a.n++;
      if (cats[i] === 'reach') a.reach++;
      else if (cats[i] === 'target') a.target++;
      else if (cats[i] === 'safety') a.safety++;
      if (iv[i] !== null || off[i] !== null) a.iv++;
      if (off[i] !== null) a.off++;
      if (rej[i] !== null) a.rej++;
      let first = Infinity;
      for (const t of [iv[i], off[i], rej[i]]) if (t !== null && t < first) first = t;
      const g = ghostAt.get(ids[i]);
      if (first >= now && (applied[i] + ghostSeconds <= now || (g !== undefined && g < now)))
        a.ghost++;
      const d = days[i];
      if (first !== Infinity && d !== null) {
        a.daysSum += d;
        a.daysN++;
        if (d < a.fastest) a.fastest = d;
      }
    }
  }
  return [...users.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([user_id, a]) => ({
      user_id,
      total_applications: a.n,
      reach: a.reach,
      target: a.target,
      safety: a.safety,
      interview_requests: a.iv,
      offers: a.off,
      rejections: a.rej,
      ghosted: a.ghost,
      avg_days_to_response: a.daysN ? a.daysSum / a.daysN : null,
      fastest_response_days: a.daysN ? a.fastest : null,
    }));
}

function sameRows(a: readonly UserPerformanceRow[], b: readonly UserPerformanceRow[]): boolean {
  if (a.length !== b.length) return false;
  const close = (x: number | null, y: number | null) =>
    x === null || y === null ? x === y : Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
  return a.every((r, i) => {
    const s = b[i];
    return (
      r.user_id === s.user_id &&
      r.total_applications === s.total_applications &&
      r.reach === s.reach &&
      r.target === s.target &&
      r.safety === s.safety &&
      r.interview_requests === s.interview_requests &&
      r.offers === s.offers &&
      r.rejections === s.rejections &&
      r.ghosted === s.ghosted &&
      close(r.avg_days_to_response, s.avg_days_to_response) &&
      close(r.fastest_response_days, s.fastest_response_days)
    );
  });
}

async function run(n: number): Promise<void> {
  await withBenchDuckDb('bench-analytics-', '1GB', async ({ connection: c, db }) => {
    const gen = await timed(() => c.run(generateSql(n)));
    const lib = await timed(() => allUserPerformance(db, ALL_TIME), 3);
    const hand = await timed(
      async () =>
        (await db.rows(HAND_WRITTEN)).map((r) => ({
          user_id: String(r.user_id),
          total_applications: Number(r.total_applications),
          reach: Number(r.reach),
          target: Number(r.target),
          safety: Number(r.safety),
          interview_requests: Number(r.interview_requests),
          offers: Number(r.offers),
          rejections: Number(r.rejections),
          ghosted: Number(r.ghosted),
          avg_days_to_response:
            r.avg_days_to_response === null ? null : Number(r.avg_days_to_response),
          fastest_response_days:
            r.fastest_response_days === null ? null : Number(r.fastest_response_days),
        })),
      3,
    );
    const loop = await timed(() => typescriptLoop(c));
    const agree = sameRows(lib.value, hand.value) && sameRows(lib.value, loop.value);
    const users = lib.value.length;
    process.stdout.write(
      [
        `applications ${n.toLocaleString('en-US')} (${users.toLocaleString('en-US')} users), generated in ${gen.seconds.toFixed(1)} s`,
        `  library (allUserPerformance)  ${lib.seconds.toFixed(2)} s`,
        `  hand-written SQL              ${hand.seconds.toFixed(2)} s   library / hand = ${(lib.seconds / hand.seconds).toFixed(2)}x`,
        `  TypeScript loop over rows     ${loop.seconds.toFixed(2)} s   loop / library = ${(loop.seconds / lib.seconds).toFixed(1)}x`,
        `  results agree: ${agree ? 'yes' : 'NO'}; peak RSS so far ${peakRssMb()} MB`,
        '',
      ].join('\n'),
    );
    if (!agree) process.exitCode = 1;
  });
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1000000,10000000').split(',').map(Number);
  process.stdout.write(
    `analytics bench: per-user performance, all users (SQL times best of 3; loop once)\n`,
  );
  for (const n of sizes) await run(n);
}

void main();
