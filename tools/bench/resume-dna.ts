/**
 * The resume DNA library (features of every RESUME_SNAPSHOT, successful users per role,
 * DBSCAN per role) over N synthetic snapshots generated in DuckDB, against a plain scan of the
 * same rows in the same run: every snapshot payload streamed out and parsed in TypeScript,
 * bullets counted (the least any reading of the snapshots must do).
 *
 *   npx tsx --tsconfig tsconfig.base.json tools/bench/resume-dna.ts [snapshots=100000]
 */
import { type DuckDBConnection } from '@duckdb/node-api';
import { resumeDnaLibrary } from '@hirelearn/analytics';
import { peakRssMb, timed, withBenchDuckDb } from './duckdb-bench';

const SNAPSHOTS_PER_USER = 5;
const APPLICATIONS_PER_USER = 40;
const ROLES = [
  'Data Engineer',
  'Data Scientist',
  'Software Engineer',
  'Product Manager',
  'Product Designer',
  'DevOps Engineer',
  'Security Engineer',
  'Marketing Manager',
];
const SKILLS = Array.from({ length: 12 }, (_, i) => `skill-${i}`);

/** Users with a role, snapshots with 2-8 bullets (some with numbers, some weak), postings, applications. */
function generateSql(n: number): string {
  const users = Math.max(1, Math.round(n / SNAPSHOTS_PER_USER));
  const roles = `[${ROLES.map((r) => `'${r}'`).join(', ')}]`;
  const skills = `[${SKILLS.map((s) => `'${s}'`).join(', ')}]`;
  return `
  CREATE OR REPLACE TABLE users AS
  SELECT 'user-' || lpad(i::VARCHAR, 7, '0') AS user_id, NULL::TIMESTAMP AS valid_to,
    [${roles}[(hash(i) % ${ROLES.length})::INTEGER + 1]] AS target_roles,
    NULL::TIMESTAMP AS opted_out_market_insights_at, true AS consent_market_insights
  FROM range(${users}) t(i);
  CREATE OR REPLACE TABLE applications AS
  SELECT 'user-' || lpad((i % ${users})::VARCHAR, 7, '0') AS user_id,
    hash(i * 3) % 100 < 15 + (i % ${users}) % 10 AS reached_interview,
    hash(i * 5) % 100 < 3 AS reached_offer
  FROM range(${users * APPLICATIONS_PER_USER}) t(i);
  CREATE OR REPLACE TABLE raw_events AS
  WITH s AS (
    SELECT i, 'user-' || lpad((i // ${SNAPSHOTS_PER_USER})::VARCHAR, 7, '0') AS user_id, hash(i) AS h
    FROM range(${n}) t(i))
  SELECT 'ev-s-' || i AS event_id, 'RESUME_SNAPSHOT' AS event_type, user_id,
    TIMESTAMP '2025-01-01' + to_seconds((i % ${SNAPSHOTS_PER_USER}) * 86400 * 30) AS occurred_at,
    json_object('resume_version_id', 'rv-' || i, 'resume', json_object(
      'summary', 'A summary',
      'skills', list_slice(${skills}, 1 + (h % 4)::INTEGER, 6 + (h % 7)::INTEGER),
      'roles', [json_object('title', 'Engineer', 'company', 'Acme', 'start', '2020-01', 'end', NULL,
        'bullets', list_transform(range(2 + (h % 7)::INTEGER), b ->
          CASE WHEN hash(i * 31 + b) % 3 = 0 THEN 'Worked on pipelines' ELSE 'Built pipelines' END
          || CASE WHEN hash(i * 17 + b) % 2 = 0 THEN ', cutting latency by 20%' ELSE '' END))],
      'education', [], 'certifications', CASE WHEN h % 3 = 0 THEN ['A cert'] ELSE [] END,
      'page_count', 1 + (h % 2)::INTEGER))::VARCHAR AS payload
  FROM s
  UNION ALL
  SELECT 'ev-j-' || i, 'JOB_POSTED', NULL, TIMESTAMP '2025-01-01' + to_seconds(i * 600),
    json_object('title', 'Senior ' || ${roles}[(i % ${ROLES.length})::INTEGER + 1],
      'skills', list_slice(${skills}, 1 + (i % 6)::INTEGER, 7 + (i % 6)::INTEGER))::VARCHAR
  FROM range(20000) t(i)`;
}

/** Every snapshot payload parsed in TypeScript, bullets counted. */
async function plainScan(c: DuckDBConnection): Promise<{ snapshots: number; bullets: number }> {
  let snapshots = 0;
  let bullets = 0;
  for await (const chunk of await c.stream(
    `SELECT payload FROM raw_events WHERE event_type = 'RESUME_SNAPSHOT'`,
  )) {
    const [payloads] = chunk.getColumns() as [string[]];
    for (const p of payloads) {
      const r = (JSON.parse(p) as { resume: { roles: { bullets: string[] }[] } }).resume;
      snapshots++;
      for (const role of r.roles) bullets += role.bullets.length;
    }
  }
  return { snapshots, bullets };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000);
  await withBenchDuckDb('bench-resume-dna-', '1GB', async ({ connection: c, db }) => {
    const gen = await timed(() => c.run(generateSql(n)));
    const scan = await timed(() => plainScan(c));
    const lib = await timed(() => resumeDnaLibrary(db));
    const patterns = lib.value.roles.reduce((k, r) => k + r.patterns.length, 0);
    const successful = lib.value.roles.reduce((k, r) => k + r.successful_users, 0);
    const agree = lib.value.snapshots === scan.value.snapshots;
    process.stdout.write(
      [
        `resume DNA bench: ${n.toLocaleString('en-US')} snapshots, generated in ${gen.seconds.toFixed(1)} s`,
        `  plain scan (parse every payload in TS)  ${scan.seconds.toFixed(2)} s   (${scan.value.bullets.toLocaleString('en-US')} bullets)`,
        `  resumeDnaLibrary                        ${lib.seconds.toFixed(2)} s   library / scan = ${(lib.seconds / scan.seconds).toFixed(2)}x`,
        `  ${lib.value.roles.length} roles, ${successful.toLocaleString('en-US')} successful users, ${patterns} patterns; snapshots agree: ${agree ? 'yes' : 'NO'}; peak RSS ${peakRssMb()} MB`,
        '',
      ].join('\n'),
    );
    if (!agree || lib.seconds > 60) process.exitCode = 1;
  });
}

void main();
